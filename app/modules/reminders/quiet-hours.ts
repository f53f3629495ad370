// Quiet hours in Asia/Shanghai: external channels (email, group robots) wait until morning; the in-app bell is silent
// and is not held back. Pure, so tests pin the clock.
import { TZDate } from "@date-fns/tz";
import { addDaysToDate, TIME_ZONE, todayInShanghai } from "~/utils/dates";
import { shanghaiInstant } from "~/utils/shanghai-instant";

export type QuietHours = { start: string; end: string } | null;

/** "22:00-08:00" → { start, end }; "off" or "" → null. */
export function parseQuietHours(value: string | undefined): QuietHours {
  const text = (value ?? "").trim();
  if (text === "" || text === "off") return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw new Error(`Quiet hours must look like 22:00-08:00 or "off", not "${text}"`);
  const start = `${match[1]}:${match[2]}`;
  const end = `${match[3]}:${match[4]}`;
  return start === end ? null : { start, end };
}

function clockOf(instant: Date): string {
  const local = new TZDate(instant, TIME_ZONE);
  return `${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
}

export function isQuiet(instant: Date, quiet: QuietHours): boolean {
  if (!quiet) return false;
  const clock = clockOf(instant);
  return quiet.start < quiet.end
    ? clock >= quiet.start && clock < quiet.end
    : clock >= quiet.start || clock < quiet.end;
}

/** The instant itself, or the end of the quiet hours it falls in. */
export function nextSendableInstant(instant: Date, quiet: QuietHours): Date {
  if (!quiet || !isQuiet(instant, quiet)) return instant;
  const day = todayInShanghai(instant);
  const clock = clockOf(instant);
  // Wrapping past midnight: before the end we are in the morning part, otherwise the end is tomorrow.
  const endDay = quiet.start < quiet.end || clock < quiet.end ? day : addDaysToDate(day, 1);
  return shanghaiInstant(endDay, quiet.end);
}
