// Quiet hours are Shanghai wall-clock hours: email and group robots wait for the morning, whatever the server's zone.
import { describe, expect, it } from "vitest";
import { isQuiet, nextSendableInstant, parseQuietHours } from "./quiet-hours";

const shanghai = (local: string) => new Date(`${local}+08:00`);

describe("quiet hours", () => {
  it("reads a window like 22:00-08:00, and treats off, empty or an empty window as none", () => {
    expect(parseQuietHours("22:00-08:00")).toEqual({ start: "22:00", end: "08:00" });
    expect(parseQuietHours(" 12:30-14:00 ")).toEqual({ start: "12:30", end: "14:00" });
    expect(parseQuietHours("off")).toBeNull();
    expect(parseQuietHours("")).toBeNull();
    expect(parseQuietHours(undefined)).toBeNull();
    expect(parseQuietHours("08:00-08:00")).toBeNull();
  });

  it("refuses a window it cannot read, so a typo stops the workers at boot instead of waking people", () => {
    for (const bad of ["22-08", "24:00-08:00", "22:00–08:00", "10pm-8am", "22:00-08:60"])
      expect(() => parseQuietHours(bad), bad).toThrow(/Quiet hours/);
  });

  it("is quiet from the start minute up to, not including, the end minute, across midnight", () => {
    const night = parseQuietHours("22:00-08:00");
    expect(isQuiet(shanghai("2026-03-04T21:59:59"), night)).toBe(false);
    expect(isQuiet(shanghai("2026-03-04T22:00:00"), night)).toBe(true);
    expect(isQuiet(shanghai("2026-03-04T23:59:00"), night)).toBe(true);
    expect(isQuiet(shanghai("2026-03-05T00:00:00"), night)).toBe(true);
    expect(isQuiet(shanghai("2026-03-05T07:59:00"), night)).toBe(true);
    expect(isQuiet(shanghai("2026-03-05T08:00:00"), night)).toBe(false);
    expect(isQuiet(shanghai("2026-03-05T12:00:00"), null)).toBe(false);
  });

  it("judges by the clock in Shanghai, not in UTC", () => {
    const night = parseQuietHours("22:00-08:00");
    // 15:00 UTC is 23:00 in Shanghai; 03:00 UTC is 11:00.
    expect(isQuiet(new Date("2026-03-04T15:00:00Z"), night)).toBe(true);
    expect(isQuiet(new Date("2026-03-04T03:00:00Z"), night)).toBe(false);
  });

  it("holds a message sent in the evening until the next morning, and one sent after midnight until that morning", () => {
    const night = parseQuietHours("22:00-08:00");
    expect(nextSendableInstant(shanghai("2026-03-04T23:50:00"), night)).toEqual(
      shanghai("2026-03-05T08:00:00"),
    );
    expect(nextSendableInstant(shanghai("2026-03-05T02:10:00"), night)).toEqual(
      shanghai("2026-03-05T08:00:00"),
    );
    // Across a month end too.
    expect(nextSendableInstant(shanghai("2026-03-31T22:00:00"), night)).toEqual(
      shanghai("2026-04-01T08:00:00"),
    );
  });

  it("leaves an instant outside the quiet hours, or with none configured, as it is", () => {
    const at = shanghai("2026-03-05T09:00:00");
    expect(nextSendableInstant(at, parseQuietHours("22:00-08:00"))).toBe(at);
    expect(nextSendableInstant(shanghai("2026-03-05T23:00:00"), null)).toEqual(
      shanghai("2026-03-05T23:00:00"),
    );
  });

  it("handles a window within one day, such as a lunch break", () => {
    const lunch = parseQuietHours("12:00-14:00");
    expect(isQuiet(shanghai("2026-03-05T11:59:00"), lunch)).toBe(false);
    expect(isQuiet(shanghai("2026-03-05T12:00:00"), lunch)).toBe(true);
    expect(isQuiet(shanghai("2026-03-05T14:00:00"), lunch)).toBe(false);
    expect(isQuiet(shanghai("2026-03-05T23:00:00"), lunch)).toBe(false);
    expect(nextSendableInstant(shanghai("2026-03-05T13:15:00"), lunch)).toEqual(
      shanghai("2026-03-05T14:00:00"),
    );
  });
});
