// Calendar dates in Asia/Shanghai, where every bureau works. Stored timestamps are UTC; dates are 'YYYY-MM-DD'.
// why: date arithmetic on 'YYYY-MM-DD' is done on UTC days by hand, not with date-fns' format/parseISO, which would
// put ~6 KiB of formatting code into every page (these helpers run in the browser on the field pages). Shanghai's wall
// clock comes from Intl.DateTimeFormat (the same time-zone data @date-fns/tz reads), not TZDate, which would put
// @date-fns/tz into every page (TZDate patches its prototype at load, so it is never tree-shaken); shanghaiInstant,
// which needs it, is in shanghai-instant.ts.

export const TIME_ZONE = "Asia/Shanghai";
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 'YYYY-MM-DD' of calendar fields (month 1–12). */
export function isoDateOf({ year, month, day }: { year: number; month: number; day: number }): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** 'HH:mm' of clock fields. */
export function clockTimeOf({ hour, minute }: { hour: number; minute: number }): string {
  return `${pad(hour)}:${pad(minute)}`;
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

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

let shanghaiClock: Intl.DateTimeFormat | undefined;
// why: formatToParts costs tens of µs, and a list asks for today once per row (isOverdue, daysOverdue); the clock
// shows the same fields for every instant of one minute, so the last minute's answer is kept.
let lastMinute = Number.NaN;
let lastClock: WallClock | undefined;

/** The date and time an instant shows on a clock in Shanghai (month 1–12; NaN fields for an invalid date). */
export function shanghaiWallClock(instant: Date): WallClock {
  const ms = instant.getTime();
  if (Number.isNaN(ms))
    return { year: Number.NaN, month: Number.NaN, day: Number.NaN, hour: Number.NaN, minute: Number.NaN };
  const minute = Math.floor(ms / 60_000);
  if (minute === lastMinute && lastClock) return { ...lastClock };
  shanghaiClock ??= new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  });
  const field: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of shanghaiClock.formatToParts(instant)) field[part.type] = Number(part.value);
  const clock = {
    year: field.year ?? Number.NaN,
    month: field.month ?? Number.NaN,
    day: field.day ?? Number.NaN,
    hour: field.hour ?? Number.NaN,
    minute: field.minute ?? Number.NaN,
  };
  lastMinute = minute;
  lastClock = clock;
  return { ...clock };
}

/** Today's date in Shanghai as 'YYYY-MM-DD'. `now` is injectable so tests pin the clock. */
export function todayInShanghai(now: Date = new Date()): string {
  return isoDateOf(shanghaiWallClock(now));
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

export function isIsoDate(value: string): boolean {
  const day = utcDay(value);
  return !Number.isNaN(day) && isoOfUtcDay(day) === value;
}
