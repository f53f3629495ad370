// One rule for "overdue" and "on time", on a real PostgreSQL database cloned from the demo with pinned clocks: an
// event visit is late after its exact 24-hour deadline, when its overdue reminder goes out, in every list, card and
// figure alike; any other visit once its due date is over in Asia/Shanghai.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reminders, visits } from "#db/schema";
import { regionCheckedBySystem } from "~/modules/access/region.server";
import type { SessionUser } from "~/modules/access/types";
import { loadCoverageInputs } from "~/modules/coverage/queries.server";
import { stationCard } from "~/modules/facilities/queries.server";
import { headlineFigures } from "~/modules/overview/queries.server";
import { listPeople } from "~/modules/people/queries.server";
import { sessionUserFor } from "~/modules/people/testing.server";
import { db, queryRows } from "~/utils/db.server";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { visitMetrics } from "./metrics.server";
import { recordMajorEvent, rescheduleVisit } from "./mutations.server";
import { recordVisitOutcome } from "./outcome.server";
import { overdueVisit } from "./overdue.server";
import { listOpenVisits } from "./queries.server";
import { isOverdue } from "./schedule";

useTestDatabase({ template: "demo" });

const STATION = "540402101000-SW01";

/** Active people of the station with no open visit of their own due on or before `day`, so only ours can be late. */
async function quietPeople(day: string) {
  return queryRows<{ person_id: number; station_id: number }>(
    db,
    sql`select p.id as person_id, f.id as station_id from people p join facilities f on f.id = p.station_id
         where f.code = ${STATION} and p.status = 'active'
           and not exists (select 1 from visits v where v.person_id = p.id and v.status = 'scheduled'
                            and (v.due_on <= ${day} or v.kind = 'event'))
         order by p.id`,
  );
}

async function eventVisit(staff: SessionUser, personId: number, now: Date) {
  const result = await recordMajorEvent({
    ...by(staff),
    personId,
    input: { eventKind: "fire", eventNote: "家中失火" },
    now,
  });
  if (!result?.ok) throw new Error(`no event visit: ${JSON.stringify(result)}`);
  return result.value;
}

/** Everything that says how many visits are overdue, as each screen reads it at `now`. */
/** The overdue reminders of a visit. */
const overdueReminderOf = (visitId: number) =>
  and(
    eq(reminders.subjectType, "visit"),
    eq(reminders.subjectId, visitId),
    eq(reminders.kind, "visit_overdue"),
  );

async function overdueEverywhere({
  staff,
  planner,
  stationId,
  now,
}: {
  staff: SessionUser;
  planner: SessionUser;
  stationId: number;
  now: Date;
}) {
  const [county] = await queryRows<{ id: number; code: string; name: string }>(
    db,
    sql`select id, code, name from regions where code = '540402000000'`,
  );
  const all = { mine: false } as const;
  const [overdueList, weekList, card, metrics, coverage, home, register] = await Promise.all([
    listOpenVisits({ user: staff, filter: { ...all, due: "overdue" }, now, pageSize: 500 }),
    listOpenVisits({ user: staff, filter: { ...all, due: "week" }, now, pageSize: 500 }),
    stationCard({ user: planner, id: stationId, now }),
    visitMetrics({ user: planner, now }),
    loadCoverageInputs({ region: regionCheckedBySystem({ ...county, nameBo: null, level: "county" }), now }),
    headlineFigures(staff, now),
    listPeople({ user: staff, filters: { status: "active", overdue: true }, now, pageSize: 500 }),
  ]);
  return {
    overdueIds: overdueList.rows.map((r) => r.id),
    overdueRows: overdueList.rows,
    weekIds: weekList.rows.map((r) => r.id),
    listCounts: overdueList.counts,
    card: card?.visitsOverdue,
    metricsStation: metrics.rows.find((r) => r.key === `station:${stationId}`)?.overdue,
    metricsTotal: metrics.total.overdue,
    coverage: coverage.stations.find((s) => s.id === stationId)?.visitsOverdue,
    homeOverdue: home.visitsOverdue,
    homeThisWeek: home.visitsDueThisWeek,
    registerIds: register.rows.map((p) => p.id),
    registerPastDeadline: register.rows.filter((p) => p.pastDeadline).map((p) => p.id),
  };
}

describe("an event visit", () => {
  it("is overdue everywhere the minute its 24-hour deadline passes, when its overdue reminder goes out", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const [person] = await quietPeople("2026-03-05");
    // 15:50 on 4 March 2026 in Shanghai: to be visited by 15:50 on 5 March.
    const { id } = await eventVisit(staff, person.person_id, new Date("2026-03-04T07:50:00Z"));
    const [event] = await db.select().from(visits).where(eq(visits.id, id));
    expect(event.dueOn).toBe("2026-03-05");
    expect(event.scheduledAt?.toISOString()).toBe("2026-03-05T07:50:00.000Z");
    const [reminder] = await db
      .select({ sendAt: reminders.sendAt })
      .from(reminders)
      .where(and(overdueReminderOf(id), eq(reminders.channel, "in_app")));
    expect(reminder.sendAt.toISOString()).toBe("2026-03-05T07:50:00.000Z");

    const where = { staff, planner, stationId: person.station_id };
    // 15:49 and 15:51 on the due date: the same Shanghai day, so nothing but the deadline tells them apart.
    const before = await overdueEverywhere({ ...where, now: new Date("2026-03-05T07:49:00Z") });
    const after = await overdueEverywhere({ ...where, now: new Date("2026-03-05T07:51:00Z") });

    expect(before.overdueIds).not.toContain(id);
    expect(before.weekIds).toContain(id);
    expect(before.registerIds).not.toContain(person.person_id);
    expect(after.overdueIds).toContain(id);
    expect(before.overdueRows.find((r) => r.id === id)).toBeUndefined();
    expect(after.overdueRows.find((r) => r.id === id)?.overdueDays).toBe(1);
    expect(after.weekIds).not.toContain(id);
    expect(after.registerIds).toContain(person.person_id);
    // The register's badge says overdue too, although the person's next due date is today.
    expect(after.registerPastDeadline).toEqual([person.person_id]);
    // Every figure moves by exactly this one visit, and from "due today" / "this week" to "overdue".
    expect(after.listCounts.overdue - before.listCounts.overdue).toBe(1);
    expect(after.listCounts.today - before.listCounts.today).toBe(-1);
    expect(after.overdueIds.length - before.overdueIds.length).toBe(1);
    for (const key of ["card", "metricsStation", "metricsTotal", "coverage", "homeOverdue"] as const) {
      expect((after[key] ?? 0) - (before[key] ?? 0), key).toBe(1);
    }
    expect((after.homeThisWeek ?? 0) - (before.homeThisWeek ?? 0)).toBe(-1);
    // And the figures agree with the list they link to.
    expect(after.card).toBe(after.metricsStation);
    expect(after.card).toBe(after.coverage);
    expect(after.homeOverdue).toBe(after.listCounts.overdue);
  });

  it("is on time when recorded by its deadline and late a minute after it, though still on its due date", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const [early, late] = await quietPeople("2026-04-10");
    const stationId = early.station_id;
    const asOf = new Date("2026-04-20T04:00:00Z");
    const [county] = await queryRows<{ id: number; code: string; name: string }>(
      db,
      sql`select id, code, name from regions where code = '540402000000'`,
    );
    const figures = async () => {
      const metrics = await visitMetrics({ user: planner, month: "2026-04", now: asOf });
      const coverage = await loadCoverageInputs({
        region: regionCheckedBySystem({ ...county, nameBo: null, level: "county" }),
        now: asOf,
      });
      const station = coverage.stations.find((s) => s.id === stationId);
      return {
        due: metrics.total.due,
        onTime: metrics.total.onTime,
        coverageOnTime: station?.visitsOnTime ?? 0,
        coverageLate: station?.visitsLate ?? 0,
      };
    };
    const before = await figures();
    // Both reported at 10:00 on 9 April in Shanghai: due by 10:00 on 10 April.
    for (const [who, recordedAt] of [
      [early, "2026-04-10T01:59:00Z"],
      [late, "2026-04-10T02:01:00Z"],
    ] as const) {
      const { id } = await eventVisit(staff, who.person_id, new Date("2026-04-09T02:00:00Z"));
      const recorded = await recordVisitOutcome({
        ...by(staff),
        visitId: id,
        input: { outcome: "visited", visitedOn: "2026-04-10" },
        now: new Date(recordedAt),
      });
      expect(recorded).toMatchObject({ ok: true });
    }
    const after = await figures();
    expect(after.due - before.due).toBe(2);
    expect(after.onTime - before.onTime).toBe(1);
    expect(after.coverageOnTime - before.coverageOnTime).toBe(1);
    expect(after.coverageLate - before.coverageLate).toBe(1);
  });

  it("rescheduled to another day, is late once that day is over instead of at the old deadline", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const [person] = await quietPeople("2026-05-15");
    // 10:00 on 12 May in Shanghai: due by 10:00 on 13 May, then moved to 14 May.
    const { id } = await eventVisit(staff, person.person_id, new Date("2026-05-12T02:00:00Z"));
    const rescheduled = await rescheduleVisit({
      ...by(staff),
      visitId: id,
      input: { dueOn: "2026-05-14", reason: "家属要求改期" },
      now: new Date("2026-05-12T03:00:00Z"),
    });
    expect(rescheduled).toMatchObject({ ok: true });
    const [moved] = await db.select().from(visits).where(eq(visits.id, id));
    expect(moved).toMatchObject({ dueOn: "2026-05-14", scheduledAt: null, kind: "event" });
    const overdueAt = async (iso: string) => {
      const list = await listOpenVisits({
        user: staff,
        filter: { due: "overdue", mine: false },
        now: new Date(iso),
        pageSize: 500,
      });
      return list.rows.some((r) => r.id === id);
    };
    // Past the old deadline, and 23:59 on the new day: not overdue. Midnight in Shanghai: overdue.
    expect(await overdueAt("2026-05-13T02:01:00Z")).toBe(false);
    expect(await overdueAt("2026-05-14T15:59:00Z")).toBe(false);
    expect(await overdueAt("2026-05-14T16:00:00Z")).toBe(true);
    // No overdue reminder is left waiting for the old deadline.
    const stale = await db
      .select({ id: reminders.id })
      .from(reminders)
      .where(
        and(
          overdueReminderOf(id),
          sql`${reminders.status} <> 'cancelled'`,
          eq(reminders.sendAt, new Date("2026-05-13T02:00:00Z")),
        ),
      );
    expect(stale).toEqual([]);
  });
});

describe("the overdue rule", () => {
  it("reads the same in SQL and for one visit, for every open visit and at any clock", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const [person] = await quietPeople("2026-06-02");
    // 08:30 on 1 June in Shanghai: due by 08:30 on 2 June.
    await eventVisit(staff, person.person_id, new Date("2026-06-01T00:30:00Z"));
    const open = await db
      .select({
        id: visits.id,
        status: visits.status,
        kind: visits.kind,
        dueOn: visits.dueOn,
        scheduledAt: visits.scheduledAt,
      })
      .from(visits)
      .where(eq(visits.status, "scheduled"));
    expect(open.some((v) => v.kind === "event" && v.scheduledAt)).toBe(true);
    for (const iso of [
      "2026-06-02T00:29:00Z",
      "2026-06-02T00:31:00Z",
      "2026-06-02T15:59:59Z",
      "2026-12-03T04:00:00Z",
      "2027-01-15T16:00:00Z",
    ]) {
      const now = new Date(iso);
      const inSql = await queryRows<{ id: number }>(
        db,
        sql`select id from visits where ${overdueVisit({ now })} order by id`,
      );
      const inTs = open.filter((v) => isOverdue(v, now)).map((v) => v.id);
      expect(
        inTs.sort((a, b) => a - b),
        iso,
      ).toEqual(inSql.map((r) => r.id));
    }
  });
});
