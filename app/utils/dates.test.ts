// The hand-written date helpers (kept free of date-fns' format for the browser's sake) agree with date-fns on every
// date and instant, including month and year ends, leap days and the week's Monday–Sunday in Shanghai.
import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, endOfWeek, format, parseISO, startOfWeek } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDaysToDate, daysBetween, isIsoDate, TIME_ZONE, todayInShanghai, weekInShanghai } from "./dates";
import { formatDateTime } from "./format";

// why: from 1950 — before 1901 Shanghai kept local mean time (+08:05:43), where date-fns itself slips a day.
const instant = fc.date({
  min: new Date("1950-01-01T00:00:00Z"),
  max: new Date("2100-12-31T00:00:00Z"),
  noInvalidDate: true,
});
const isoDate = instant.map((d) => d.toISOString().slice(0, 10));

describe("date helpers", () => {
  it("match date-fns for days added, days between and validity", () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.integer({ min: -4000, max: 4000 }), (a, b, n) => {
        expect(addDaysToDate(a, n)).toBe(format(addDays(parseISO(a), n), "yyyy-MM-dd"));
        expect(daysBetween(a, b)).toBe(differenceInCalendarDays(parseISO(b), parseISO(a)));
        expect(isIsoDate(a)).toBe(true);
      }),
    );
    for (const bad of ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-01", "20240101", ""])
      expect(isIsoDate(bad)).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
  });

  it("match date-fns for today and the week in Shanghai, and for a date-time as pages show it", () => {
    fc.assert(
      fc.property(instant, (now) => {
        const local = new TZDate(now, TIME_ZONE);
        expect(todayInShanghai(now)).toBe(format(local, "yyyy-MM-dd"));
        expect(weekInShanghai(now)).toEqual({
          start: format(startOfWeek(local, { weekStartsOn: 1 }), "yyyy-MM-dd"),
          end: format(endOfWeek(local, { weekStartsOn: 1 }), "yyyy-MM-dd"),
        });
        expect(formatDateTime(now, "zh-CN")).toBe(format(local, "yyyy年M月d日 HH:mm"));
        expect(formatDateTime(now, "en")).toBe(format(local, "yyyy-MM-dd HH:mm"));
      }),
    );
    // Midnight is 00:00, not 24:00; the 1986–1991 summer time is Shanghai's too.
    expect(formatDateTime(new Date("2024-01-01T16:00:00Z"), "en")).toBe("2024-01-02 00:00");
    expect(formatDateTime(new Date("1988-07-01T00:00:00Z"), "en")).toBe("1988-07-01 09:00");
    expect(todayInShanghai(new Date("2024-01-01T15:59:59Z"))).toBe("2024-01-01");
  });

  it("answer for the instant asked, not the last minute remembered, asked in any order", () => {
    fc.assert(
      fc.property(
        fc.array(instant, { minLength: 2, maxLength: 20 }),
        fc.integer({ min: 0, max: 59_999 }),
        (instants, ms) => {
          for (const now of instants) {
            const sameMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + ms);
            const expected = format(new TZDate(now, TIME_ZONE), "yyyy-MM-dd HH:mm");
            expect(formatDateTime(now, "en")).toBe(expected);
            expect(formatDateTime(sameMinute, "en")).toBe(expected);
          }
        },
      ),
    );
    expect(todayInShanghai(new Date("2024-01-01T15:59:59.999Z"))).toBe("2024-01-01");
    expect(todayInShanghai(new Date("2024-01-01T16:00:00Z"))).toBe("2024-01-02");
  });
});
