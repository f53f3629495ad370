// The instant a Shanghai wall-clock time happens, for the reminders' schedules (server and workers). Its own module
// because @date-fns/tz cannot be tree-shaken out of a module that imports it: dates.ts runs on the field pages.
import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "./dates";

/** The instant a Shanghai wall-clock time happens, e.g. 09:00 on a due date. */
export function shanghaiInstant(date: string, time = "00:00"): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, TIME_ZONE).getTime());
}
