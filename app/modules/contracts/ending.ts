// "Ending soon": an active contract whose last day is within this many days from today (client-safe: the list's
// filter label names the number).
import { addDaysToDate } from "~/utils/dates";

export const ENDING_SOON_DAYS = 60;

export function endingSoonWindow(today: string): { from: string; to: string } {
  return { from: today, to: addDaysToDate(today, ENDING_SOON_DAYS) };
}
