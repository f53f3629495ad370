// Who hears of a visit, level by level: the station first, planners of the smallest region above it next, never
// somebody who cannot open the visit.
import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema/enums";
import type { Recipient, StationCircle } from "./recipients.server";
import { canOpenLink, canOpenVisit, routeVisit, uniqueRecipients } from "./routing";

const STATION = 3;
let nextId = 100;
const user = (role: Role, facilityId: number | null = null): Recipient => ({
  kind: "user",
  userId: nextId++,
  email: null,
  locale: "zh-CN",
  role,
  facilityId,
});
const ids = (list: Recipient[]) => list.map((r) => (r.kind === "user" ? r.userId : r.email));

describe("routing a visit's reminders", () => {
  const staff = user("station_staff", STATION);
  const head = user("station_staff", STATION);
  const township = user("planner");
  const county = user("planner");
  const prefecture = user("planner");
  const circle: StationCircle = {
    heads: [head],
    staff: [staff],
    plannerLevels: [[township], [county], [prefecture]],
  };

  it("reminds the assignee, tells the head when overdue, and escalates to the township's planners only", () => {
    const route = routeVisit({ stationId: STATION, circle, assignee: staff });
    expect(ids(route.due)).toEqual(ids([staff]));
    expect(ids(route.overdue)).toEqual(ids([staff, head]));
    expect(ids(route.escalation)).toEqual(ids([township]));
    expect(route.viaPlanners).toBe(false);
  });

  it("goes to the head when nobody is assigned, and to the staff when the station has no head", () => {
    expect(ids(routeVisit({ stationId: STATION, circle }).due)).toEqual(ids([head]));
    const headless = { ...circle, heads: [] };
    expect(ids(routeVisit({ stationId: STATION, circle: headless }).due)).toEqual(ids([staff]));
    expect(ids(routeVisit({ stationId: STATION, circle: headless }).overdue)).toEqual(ids([staff]));
  });

  it("skips an assignee who cannot open the visit: moved to another station, or an organization's account", () => {
    const moved = user("station_staff", STATION + 1);
    expect(ids(routeVisit({ stationId: STATION, circle, assignee: moved }).due)).toEqual(ids([head]));
    const orgStaff = user("org_staff");
    expect(ids(routeVisit({ stationId: STATION, circle, assignee: orgStaff }).overdue)).toEqual(ids([head]));
  });

  it("falls back to the smallest planner region when the station has nobody, and escalates one level further", () => {
    const empty = { heads: [], staff: [], plannerLevels: [[county], [prefecture]] };
    const route = routeVisit({ stationId: STATION, circle: empty });
    expect(route.viaPlanners).toBe(true);
    expect(ids(route.due)).toEqual(ids([county]));
    expect(ids(route.overdue)).toEqual(ids([county]));
    expect(ids(route.escalation)).toEqual(ids([prefecture]));
  });

  it("has nobody to escalate to when the level that had the overdue reminder is the top one", () => {
    const route = routeVisit({
      stationId: STATION,
      circle: { heads: [], staff: [], plannerLevels: [[county]] },
    });
    expect(ids(route.overdue)).toEqual(ids([county]));
    expect(route.escalation).toEqual([]);
    const nobody = routeVisit({ stationId: STATION, circle: { heads: [], staff: [], plannerLevels: [] } });
    expect([nobody.due, nobody.overdue, nobody.escalation]).toEqual([[], [], []]);
  });

  it("never routes to accounts without read:visit, whatever list they are in", () => {
    const orgStaff = user("org_staff");
    const route = routeVisit({
      stationId: STATION,
      circle: { heads: [], staff: [], plannerLevels: [[orgStaff], [county]] },
    });
    expect(ids(route.overdue)).toEqual(ids([county]));
    expect(canOpenVisit(orgStaff, STATION)).toBe(false);
    expect(canOpenVisit({ kind: "address", email: "contact@example.org" }, STATION)).toBe(false);
  });

  it("opens a contract's link for planners and organization staff, never for a contact without an account", () => {
    expect(canOpenLink(user("org_staff"), "read:contract")).toBe(true);
    expect(canOpenLink(user("org_staff"), "read:visit")).toBe(false);
    expect(canOpenLink(user("planner"), "read:contract")).toBe(true);
    expect(canOpenLink({ kind: "address", email: "contact@example.org" }, "read:contract")).toBe(false);
  });

  it("lists each person and address once", () => {
    const a = { kind: "address" as const, email: "A@example.org" };
    expect(uniqueRecipients([head, staff, head, a, { kind: "address", email: "a@example.org" }])).toEqual([
      head,
      staff,
      a,
    ]);
  });
});
