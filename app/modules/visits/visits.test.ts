// Visit scheduling on a real PostgreSQL database cloned from the demo, with pinned clocks: recording schedules the
// next routine visit and follow-ups, events are due within 24 hours, activities credit visits, metrics, the feed.
import { and, desc, eq, sql } from "drizzle-orm";
import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { people, reminders, visits } from "#db/schema";
import { type Conflicted, isConflicted } from "~/modules/kernel/conflicts";
import type { WriteResult } from "~/modules/kernel/write-result";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { db, queryRows } from "~/utils/db.server";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { calendarFeedFor, enableCalendarFeed, revokeCalendarFeed } from "./calendar.server";
import { visitMetrics } from "./metrics.server";
import { creditVisitsFromActivity, recordMajorEvent } from "./mutations.server";
import { recordVisitOutcome } from "./outcome.server";
import { intervalForPerson } from "./rules.server";

useTestDatabase({ template: "demo" });

/** What a write stored; fails the test when it refused, found nothing or met a newer version (ADR 014). */
function stored<T>(result: WriteResult<T> | null): Exclude<T, Conflicted> {
  if (!result?.ok) throw new Error(`not stored: ${JSON.stringify(result)}`);
  const value = result.value;
  if (value && typeof value === "object" && isConflicted(value)) throw new Error("a conflict, not stored");
  return value as Exclude<T, Conflicted>;
}

async function openRoutineOfStation(code: string) {
  const [row] = await queryRows<{ id: number; person_id: number; due_on: string }>(
    db,
    sql`select v.id, v.person_id, v.due_on::text from visits v join facilities f on f.id = v.station_id
         join people p on p.id = v.person_id
        where f.code = ${code} and v.status = 'scheduled' and v.kind = 'routine' and p.status = 'active'
        order by v.due_on, v.id limit 1`,
  );
  return row;
}

describe("recording visits", () => {
  it("schedules the next routine visit one interval after the visit and a linked follow-up when one is needed", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const visit = await openRoutineOfStation("540402101000-SW01");
    // 23:30 in Shanghai on 2 March is still 2 March there (15:30 UTC).
    const now = new Date("2026-03-02T15:30:00Z");
    const result = stored(
      await recordVisitOutcome({
        ...by(staff),
        visitId: visit.id,
        input: {
          outcome: "needs_follow_up",
          visitedOn: "2026-03-02",
          notes: "血压偏高",
          followUpReason: "复查血压",
          followUpOn: "2026-03-09",
        },
        now,
      }),
    );
    const interval = await intervalForPerson(db, visit.person_id);
    const [done] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(done).toMatchObject({
      status: "completed",
      outcome: "needs_follow_up",
      outcomeReason: "复查血压",
      completedBy: staff.id,
    });
    expect(done.completedAt?.toISOString()).toBe(now.toISOString());
    const [next] = await db.select().from(visits).where(eq(visits.id, result.nextVisitId!));
    const expectedNext = new Date(Date.UTC(2026, 2, 2 + interval)).toISOString().slice(0, 10);
    expect(next).toMatchObject({ kind: "routine", status: "scheduled", dueOn: expectedNext });
    const [followUp] = await db.select().from(visits).where(eq(visits.id, result.followUpVisitId!));
    expect(followUp).toMatchObject({
      kind: "follow_up",
      dueOn: "2026-03-09",
      followUpOfId: visit.id,
      assignedUserId: staff.id,
    });
    // Recording twice is refused; the visit is closed.
    const again = await recordVisitOutcome({
      ...by(staff),
      visitId: visit.id,
      input: { outcome: "visited", visitedOn: "2026-03-02" },
      now,
    });
    expect(again).toEqual({ ok: false, formErrors: ["visits:errors.alreadyRecorded"] });
  });

  it("keeps one open routine visit per person", async () => {
    const visit = await openRoutineOfStation("540402101000-SW01");
    const duplicate = await db
      .insert(visits)
      .values({
        personId: visit.person_id,
        stationId:
          (await sessionUserFor("station.baiba@demo.local")).scope.kind === "station"
            ? ((await sessionUserFor("station.baiba@demo.local")).scope as { facilityId: number }).facilityId
            : 0,
        kind: "routine",
        dueOn: "2030-01-01",
      })
      .catch((e) => e);
    expect(String((duplicate as { cause?: unknown })?.cause ?? duplicate)).toMatch(/visits_one_open_routine/);
  });

  it("tries again within a week when nobody was home", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const visit = await openRoutineOfStation("540402101000-SW01");
    const result = stored(
      await recordVisitOutcome({
        ...by(staff),
        visitId: visit.id,
        input: { outcome: "not_home", visitedOn: "2026-03-03" },
        now: new Date("2026-03-03T03:00:00Z"),
      }),
    );
    const [done] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(done.status).toBe("missed");
    const [next] = await db.select().from(visits).where(eq(visits.id, result.nextVisitId!));
    expect(next.dueOn <= "2026-03-10").toBe(true);
  });

  it("dates an event visit within 24 hours and reminds the station at once", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const visit = await openRoutineOfStation("540402101000-SW01");
    // 23:50 in Shanghai: the visit is due the next Shanghai day.
    const now = new Date("2026-03-04T15:50:00Z");
    const { id, dueOn } = stored(
      await recordMajorEvent({
        ...by(staff),
        personId: visit.person_id,
        input: { eventKind: "fire", eventNote: "家中失火，暂住亲戚家" },
        now,
      }),
    );
    expect(dueOn).toBe("2026-03-05");
    const [event] = await db.select().from(visits).where(eq(visits.id, id));
    expect(event).toMatchObject({ kind: "event", status: "scheduled" });
    expect(event.scheduledAt?.toISOString()).toBe("2026-03-05T15:50:00.000Z");
    const planned = await db
      .select()
      .from(reminders)
      .where(and(eq(reminders.subjectType, "visit"), eq(reminders.subjectId, id)));
    const due = planned.filter((r) => r.kind === "visit_due");
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((r) => r.sendAt.getTime() <= now.getTime())).toBe(true);
    // Were it not done by then, the overdue reminder is already planned for its deadline, to the minute (in-app; the
    // bell is not held back by quiet hours).
    const overdue = planned.filter((r) => r.kind === "visit_overdue" && r.channel === "in_app");
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((r) => r.sendAt.toISOString() === "2026-03-05T15:50:00.000Z")).toBe(true);
  });
});

describe("activities credit visits", () => {
  it("completes each person's open routine visit due within 14 days of the activity and schedules the next", async () => {
    const visit = await openRoutineOfStation("540402101000-SW01");
    const occurredOn = new Date(Date.parse(`${visit.due_on}T00:00:00Z`) - 10 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const far = await queryRows<{ person_id: number; id: number; due_on: string }>(
      db,
      sql`select v.person_id, v.id, v.due_on::text from visits v join people p on p.id = v.person_id
          where v.status = 'scheduled' and v.kind = 'routine' and p.status = 'active' and v.due_on > ${visit.due_on}::date + 60 limit 1`,
    );
    const { completedVisitIds, scheduledVisitIds } = await db.transaction((tx) =>
      creditVisitsFromActivity(tx, {
        personIds: [visit.person_id, far[0].person_id],
        occurredOn,
        activityId: 4242,
        userId: null,
      }),
    );
    expect(completedVisitIds).toEqual([visit.id]);
    const [done] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(done).toMatchObject({ status: "completed", outcome: "visited", notes: "服务活动 #4242" });
    expect(done.completedAt?.toISOString()).toBe(new Date(`${occurredOn}T04:00:00Z`).toISOString());
    const interval = await intervalForPerson(db, visit.person_id);
    const [next] = await db.select().from(visits).where(eq(visits.id, scheduledVisitIds[0]));
    expect(next.dueOn).toBe(
      new Date(Date.parse(`${occurredOn}T00:00:00Z`) + interval * 86_400_000).toISOString().slice(0, 10),
    );
    // The person whose visit is further out keeps it.
    const [untouched] = await db.select().from(visits).where(eq(visits.id, far[0].id));
    expect(untouched.status).toBe("scheduled");
  });
});

describe("visit metrics", () => {
  it("counts on time by the Shanghai date and rolls stations up to townships and counties", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const { rows, total } = await visitMetrics({ user: planner });
    expect(rows.some((r) => r.level === "county" && r.name === "巴宜区")).toBe(true);
    const stations = rows.filter((r) => r.level === "station");
    expect(stations.length).toBeGreaterThan(0);
    expect(total.overdue).toBe(stations.reduce((s, r) => s + r.overdue, 0));
    expect(total.peopleVisited).toBeLessThanOrEqual(total.peopleDue);
    // A visit completed at 23:59 Shanghai time on its due date is on time, one completed a minute later is not.
    const [person] = await db
      .select({ id: people.id, stationId: people.stationId })
      .from(people)
      .where(eq(people.status, "active"))
      .limit(1);
    const month = new Date().toISOString().slice(0, 7);
    const [a, b] = await db
      .insert(visits)
      .values(
        [`${month}-01T15:59:00Z`, `${month}-01T16:00:00Z`].map((completedAt) => ({
          personId: person.id,
          stationId: person.stationId!,
          kind: "event" as const,
          dueOn: `${month}-01`,
          status: "completed" as const,
          outcome: "visited" as const,
          completedAt: new Date(completedAt),
        })),
      )
      .returning({ id: visits.id });
    const after = await visitMetrics({ user: planner, month });
    const before = await (async () => {
      await db.delete(visits).where(sql`${visits.id} in (${a.id}, ${b.id})`);
      return visitMetrics({ user: planner, month });
    })();
    expect(after.total.due - before.total.due).toBe(2);
    expect(after.total.onTime - before.total.onTime).toBe(1);
  });
});

describe("the calendar feed", () => {
  it("parses as iCalendar, lists the staff member's visits with masked names and leaks no ID number or phone", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const token = await enableCalendarFeed({ userId: staff.id, actor: actorOf(staff) });
    const feed = await calendarFeedFor({ token, baseUrl: "https://example.test" });
    expect(feed).not.toBeNull();
    const parsed = ical.sync.parseICS(feed!);
    const events = Object.values(parsed).filter((c) => c?.type === "VEVENT") as ical.VEvent[];
    expect(events.length).toBeGreaterThan(0);
    const mine = await queryRows<{
      id: number;
      full_name: string;
      phone: string | null;
      id_number_masked: string;
    }>(
      db,
      sql`select v.id, p.full_name, p.phone, p.id_number_masked from visits v join people p on p.id = v.person_id
          where v.assigned_user_id = ${staff.id} and v.status = 'scheduled'`,
    );
    for (const event of events) {
      expect(String(event.summary)).toMatch(/\*/);
      expect(event.start.dateOnly).toBe(true);
    }
    for (const v of mine) {
      expect(feed).not.toContain(v.full_name);
      if (v.phone) expect(feed).not.toContain(v.phone);
    }
    expect(feed).not.toMatch(/\d{17}[\dX]/);
    await revokeCalendarFeed({ userId: staff.id, actor: actorOf(staff) });
    expect(await calendarFeedFor({ token, baseUrl: "https://example.test" })).toBeNull();
    const [latest] = await queryRows<{ action: string }>(
      db,
      sql`select action from audit_log order by id desc limit 1`,
    );
    expect(latest.action).toBe("calendar_feed.revoke");
    void desc;
  });
});
