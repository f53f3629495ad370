// Months as 'YYYY-MM' keys: checking, ranges, shifting, and the Monday-first grids of the activity calendar.
import { addDays, endOfMonth, format, parseISO, startOfMonth, startOfWeek } from "date-fns";

export function isMonthKey(value: string | null | undefined): value is string {
  return (
    !!value &&
    /^\d{4}-(0[1-9]|1[0-2])$/.test(value) &&
    Number(value.slice(0, 4)) >= 2000 &&
    Number(value.slice(0, 4)) <= 2100
  );
}

export function monthRange(month: string): { start: string; end: string } {
  const first = parseISO(`${month}-01`);
  return { start: format(startOfMonth(first), "yyyy-MM-dd"), end: format(endOfMonth(first), "yyyy-MM-dd") };
}

export function shiftMonth(month: string, by: number): string {
  let y = Number(month.slice(0, 4));
  let m = Number(month.slice(5, 7)) + by;
  while (m > 12) {
    m -= 12;
    y++;
  }
  while (m < 1) {
    m += 12;
    y--;
  }
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** Weeks of the month, each 7 days from Monday; days outside the month are null. */
export function monthWeeks(month: string): (string | null)[][] {
  const { start, end } = monthRange(month);
  const weeks: (string | null)[][] = [];
  let day = startOfWeek(parseISO(start), { weekStartsOn: 1 });
  while (format(day, "yyyy-MM-dd") <= end) {
    const week: (string | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const key = format(day, "yyyy-MM-dd");
      week.push(key >= start && key <= end ? key : null);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}
