// Calendar dates in Asia/Shanghai, where every bureau works. Stored timestamps are UTC; dates are 'YYYY-MM-DD'.
// why: date arithmetic on 'YYYY-MM-DD' is done on UTC days by hand, not with date-fns' format/parseISO, which would
// put ~6 KiB of formatting code into every page (these helpers run in the browser on the field pages).
import { TZDate } from "@date-fns/tz";

export const TIME_ZONE = "Asia/Shanghai";
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 'YYYY-MM-DD' of a date's calendar fields (local getters: a TZDate gives Shanghai's). */
export function isoDateOf(date: Pick<Date, "getFullYear" | "getMonth" | "getDate">): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The UTC midnight of a 'YYYY-MM-DD' (NaN for anything else). */
function utcDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  // why: setUTCFullYear, not Date.UTC, which reads years below 100 as 19xx.
  return match
    ? new Date(0).setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : Number.NaN;
}

function isoOfUtcDay(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Today's date in Shanghai as 'YYYY-MM-DD'. `now` is injectable so tests pin the clock. */
export function todayInShanghai(now: Date = new Date()): string {
  return isoDateOf(new TZDate(now, TIME_ZONE));
}

/** Monday–Sunday of the Shanghai week containing `now`. */
export function weekInShanghai(now: Date = new Date()): { start: string; end: string } {
  const today = todayInShanghai(now);
  const weekday = (new Date(utcDay(today)).getUTCDay() + 6) % 7; // Monday = 0
  return { start: addDaysToDate(today, -weekday), end: addDaysToDate(today, 6 - weekday) };
}

export function addDaysToDate(date: string, days: number): string {
  return isoOfUtcDay(utcDay(date) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

/** The instant a Shanghai wall-clock time happens, e.g. 09:00 on a due date. */
export function shanghaiInstant(date: string, time = "00:00"): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, TIME_ZONE).getTime());
}

export function isIsoDate(value: string): boolean {
  const day = utcDay(value);
  return !Number.isNaN(day) && isoOfUtcDay(day) === value;
}
