// Calendar dates in Asia/Shanghai, where every bureau works. Stored timestamps are UTC; dates are 'YYYY-MM-DD'.
import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, endOfWeek, format, parseISO, startOfWeek } from "date-fns";

export const TIME_ZONE = "Asia/Shanghai";

/** Today's date in Shanghai as 'YYYY-MM-DD'. `now` is injectable so tests pin the clock. */
export function todayInShanghai(now: Date = new Date()): string {
  return format(new TZDate(now, TIME_ZONE), "yyyy-MM-dd");
}

/** Monday–Sunday of the Shanghai week containing `now`. */
export function weekInShanghai(now: Date = new Date()): { start: string; end: string } {
  const local = new TZDate(now, TIME_ZONE);
  return {
    start: format(startOfWeek(local, { weekStartsOn: 1 }), "yyyy-MM-dd"),
    end: format(endOfWeek(local, { weekStartsOn: 1 }), "yyyy-MM-dd"),
  };
}

export function addDaysToDate(date: string, days: number): string {
  return format(addDays(parseISO(date), days), "yyyy-MM-dd");
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The instant a Shanghai wall-clock time happens, e.g. 09:00 on a due date. */
export function shanghaiInstant(date: string, time = "00:00"): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, TIME_ZONE).getTime());
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = parseISO(value);
  return !Number.isNaN(parsed.getTime()) && format(parsed, "yyyy-MM-dd") === value;
}
