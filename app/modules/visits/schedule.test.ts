import { describe, expect, it } from "vitest";
import { todayInShanghai } from "~/utils/dates";
import { applicableVisitRules, defaultVisitRules, type VisitRule, visitIntervalDays } from "./rules";
import {
  daysOverdue,
  dueBucket,
  eventVisitDue,
  followUpDateProblem,
  isOnTime,
  isOverdue,
  nextRoutineDueOn,
  statusForOutcome,
} from "./schedule";

const everywhere: VisitRule[] = defaultVisitRules.map((r) => ({ ...r, regionId: null }));
// A village (id 5) in a township (4) in a county (3) in a prefecture (2) in the province (1).
const regionIds = [5, 4, 3, 2, 1];

describe("visit rules", () => {
  it("visits high-risk people weekly, key people monthly and everyone else quarterly", () => {
    expect(visitIntervalDays({ categories: ["dibao"], riskTier: "high", regionIds }, everywhere)).toBe(7);
    expect(visitIntervalDays({ categories: ["dibao"], riskTier: "key", regionIds }, everywhere)).toBe(30);
    expect(visitIntervalDays({ categories: ["dibao"], riskTier: "normal", regionIds }, everywhere)).toBe(90);
  });

  it("lets the shortest applicable interval win between a category and the risk tier", () => {
    expect(
      visitIntervalDays(
        { categories: ["dibao", "tekun_dispersed"], riskTier: "normal", regionIds },
        everywhere,
      ),
    ).toBe(30);
    expect(
      visitIntervalDays({ categories: ["left_behind_child"], riskTier: "high", regionIds }, everywhere),
    ).toBe(7);
  });

  it("lets a county's own rule replace the general one for the same subject, tighter or looser", () => {
    const tighter = [...everywhere, { regionId: 3, category: null, riskTier: "normal", intervalDays: 60 }];
    expect(visitIntervalDays({ categories: ["dibao"], riskTier: "normal", regionIds }, tighter)).toBe(60);
    const looser = [
      ...everywhere,
      { regionId: 3, category: "tekun_dispersed", riskTier: null, intervalDays: 45 },
    ];
    expect(
      visitIntervalDays({ categories: ["tekun_dispersed"], riskTier: "normal", regionIds }, looser),
    ).toBe(45);
    // A township rule is more specific than the county's.
    const both = [...looser, { regionId: 4, category: "tekun_dispersed", riskTier: null, intervalDays: 20 }];
    expect(
      applicableVisitRules({ categories: ["tekun_dispersed"], riskTier: "normal", regionIds }, both),
    ).toContainEqual(expect.objectContaining({ regionId: 4, intervalDays: 20 }));
  });

  it("ignores rules of regions the person does not live in", () => {
    const elsewhere = [...everywhere, { regionId: 99, category: null, riskTier: "normal", intervalDays: 10 }];
    expect(visitIntervalDays({ categories: ["dibao"], riskTier: "normal", regionIds }, elsewhere)).toBe(90);
  });

  it("returns null when no rule applies at all", () => {
    expect(visitIntervalDays({ categories: ["dibao"], riskTier: "normal", regionIds }, [])).toBeNull();
  });
});

describe("scheduling on Shanghai dates", () => {
  it("schedules the next routine visit one interval after the visit, and within a week when nobody was home", () => {
    expect(nextRoutineDueOn({ visitedOn: "2024-01-31", intervalDays: 30, outcome: "visited" })).toBe(
      "2024-03-01",
    );
    expect(nextRoutineDueOn({ visitedOn: "2024-12-30", intervalDays: 7, outcome: "visited" })).toBe(
      "2025-01-06",
    );
    expect(nextRoutineDueOn({ visitedOn: "2024-05-01", intervalDays: 90, outcome: "not_home" })).toBe(
      "2024-05-08",
    );
    expect(nextRoutineDueOn({ visitedOn: "2024-05-01", intervalDays: 3, outcome: "not_home" })).toBe(
      "2024-05-04",
    );
    expect(statusForOutcome("not_home")).toBe("missed");
    expect(statusForOutcome("needs_follow_up")).toBe("completed");
  });

  it("dates an event visit within 24 hours on the Shanghai calendar, across midnight", () => {
    // 23:30 in Shanghai on 1 March is 15:30 UTC; 24 hours later it is 2 March in Shanghai.
    const lateEvening = new Date("2024-03-01T15:30:00Z");
    expect(todayInShanghai(lateEvening)).toBe("2024-03-01");
    expect(eventVisitDue(lateEvening).dueOn).toBe("2024-03-02");
    expect(eventVisitDue(lateEvening).deadline.toISOString()).toBe("2024-03-02T15:30:00.000Z");
    // 00:10 on 1 March in Shanghai is still 29 February in UTC.
    const justAfterMidnight = new Date("2024-02-29T16:10:00Z");
    expect(eventVisitDue(justAfterMidnight).dueOn).toBe("2024-03-02");
  });

  it("counts a visit on time when completed on or before the due date in Shanghai, whatever UTC says", () => {
    const visit = { kind: "routine", dueOn: "2024-06-10", scheduledAt: null };
    // 23:59 on the due date in Shanghai (15:59 UTC) is on time; one minute later is not.
    expect(isOnTime(visit, new Date("2024-06-10T15:59:00Z"))).toBe(true);
    expect(isOnTime(visit, new Date("2024-06-10T16:00:00Z"))).toBe(false);
    // 07:00 in Shanghai on the due date is still the previous day in UTC; on time either way.
    expect(isOnTime(visit, new Date("2024-06-09T23:00:00Z"))).toBe(true);
  });

  it("turns a visit overdue at midnight Shanghai time, not at midnight UTC", () => {
    const visit = (dueOn: string) => ({ kind: "routine", status: "scheduled", dueOn, scheduledAt: null });
    expect(dueBucket(visit("2024-06-10"), new Date("2024-06-10T15:59:59Z"))).toBe("today");
    expect(dueBucket(visit("2024-06-10"), new Date("2024-06-10T16:00:00Z"))).toBe("overdue");
    expect(daysOverdue(visit("2024-06-10"), new Date("2024-06-10T16:00:00Z"))).toBe(1);
    expect(daysOverdue(visit("2024-06-10"), new Date("2024-06-09T16:00:00Z"))).toBe(0);
    expect(dueBucket(visit("2024-06-15"), new Date("2024-06-10T02:00:00Z"))).toBe("soon");
    expect(dueBucket(visit("2024-06-30"), new Date("2024-06-10T02:00:00Z"))).toBe("later");
    // A visit that is no longer open is not overdue, however old its date.
    expect(
      daysOverdue({ ...visit("2024-06-01"), status: "completed" }, new Date("2024-06-10T02:00:00Z")),
    ).toBe(0);
  });

  it("turns an event visit overdue the minute its 24-hour deadline passes, not at the end of the day", () => {
    // Reported at 15:50 on 4 March 2026 in Shanghai: due by 15:50 on 5 March.
    const { dueOn, deadline } = eventVisitDue(new Date("2026-03-04T07:50:00Z"));
    const event = { kind: "event", status: "scheduled", dueOn, scheduledAt: deadline };
    expect(dueOn).toBe("2026-03-05");
    const at1549 = new Date("2026-03-05T07:49:00Z");
    const at1551 = new Date("2026-03-05T07:51:00Z");
    expect(isOverdue(event, at1549)).toBe(false);
    expect(dueBucket(event, at1549)).toBe("today");
    expect(daysOverdue(event, at1549)).toBe(0);
    expect(isOverdue(event, at1551)).toBe(true);
    expect(dueBucket(event, at1551)).toBe("overdue");
    // A minute late is a day overdue; a day and a minute late, two, as the escalation counts whole days.
    expect(daysOverdue(event, at1551)).toBe(1);
    expect(daysOverdue(event, new Date("2026-03-06T07:51:00Z"))).toBe(2);
    // Through a loader's JSON the deadline is a string; the rule is the same.
    expect(isOverdue({ ...event, scheduledAt: deadline.toISOString() }, at1551)).toBe(true);
    // Done at 15:50 is on time; at 15:51, late, though still on its due date.
    expect(isOnTime(event, new Date("2026-03-05T07:50:00Z"))).toBe(true);
    expect(isOnTime(event, at1551)).toBe(false);
    // An event visit without a recorded deadline falls back to its due date.
    expect(isOverdue({ ...event, scheduledAt: null }, at1551)).toBe(false);
    expect(isOnTime({ ...event, scheduledAt: null }, at1551)).toBe(true);
  });

  it("refuses a follow-up dated before the visit or more than a year out", () => {
    expect(followUpDateProblem("2024-06-09", "2024-06-10")).toBe("beforeVisit");
    expect(followUpDateProblem("2025-06-12", "2024-06-10")).toBe("tooFar");
    expect(followUpDateProblem("2024-06-20", "2024-06-10")).toBeNull();
  });
});
