// Honest outcomes (issue 13.3) through the real writes on a database cloned from the demo: moved starts a transfer,
// hospitalised pauses the cadence, deceased closes the file, and the rates count only visits where the person was
// seen — checked against plain SQL written apart from the definition.

import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { people, referrals, transfers, visits } from "#db/schema";
import { regionCheckedBySystem } from "~/modules/access/region.server";
import { loadCoverageInputs } from "~/modules/coverage/queries.server";
import { newFormKey } from "~/modules/kernel/form-key";
import type { WriteResult } from "~/modules/kernel/write-result";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { visitMetrics } from "./metrics.server";
import { type OutcomeInput, recordVisitOutcome } from "./outcome.server";
import { recordReferralResult } from "./referrals.server";
import { decideTransfer, listTransfers } from "./transfers.server";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();

function value<T>(result: WriteResult<T> | null): T {
  if (!result?.ok) throw new Error(`not stored: ${JSON.stringify(result)}`);
  return result.value;
}

async function openBaibaVisits(n: number) {
  return queryRows<{ id: number; person_id: number; station_id: number }>(
    db,
    sql`select v.id, v.person_id, v.station_id from visits v join facilities f on f.id = v.station_id
         join people p on p.id = v.person_id
        where f.code = '540402101000-SW01' and v.status = 'scheduled' and v.kind = 'routine' and p.status = 'active'
          and p.birth_date < current_date - interval '18 years'
        order by v.id limit ${n}`,
  );
}

async function receivingStaff() {
  const [row] = await queryRows<{ email: string; facility_id: number }>(
    db,
    sql`select u.email, u.facility_id from users u join facilities f on f.id = u.facility_id
        where f.code like '540402%' and f.code <> '540402101000-SW01' and f.kind = 'social_work_station'
          and u.role = 'station_staff' and u.disabled_at is null order by f.code, u.id limit 1`,
  );
  return { user: await sessionUserFor(row.email), stationId: row.facility_id };
}

async function recordAs(email: string, visitId: number, input: OutcomeInput) {
  const user = await sessionUserFor(email);
  return recordVisitOutcome({ user, actor: actorOf(user), key: newFormKey(), visitId, input });
}

describe("moved", () => {
  it("starts a transfer the receiving station accepts, and stops the old station's visits", async () => {
    const [visit] = await openBaibaVisits(1);
    const receiving = await receivingStaff();
    const done = value(
      await recordAs("station.baiba@demo.local", visit.id, {
        outcome: "moved",
        visitedOn: today,
        toStationId: receiving.stationId,
        destination: "随子女搬迁",
      }),
    );
    expect("transferId" in done && done.transferId).toBeTruthy();
    const open = await db
      .select({ id: visits.id })
      .from(visits)
      .where(and(eq(visits.personId, visit.person_id), eq(visits.status, "scheduled")));
    expect(open).toEqual([]);
    const waiting = await listTransfers({ user: receiving.user });
    const mine = waiting.find((t) => t.personId === visit.person_id);
    expect(mine).toMatchObject({ status: "pending", decidable: true });
    value(
      await decideTransfer({
        user: receiving.user,
        actor: actorOf(receiving.user),
        key: newFormKey(),
        input: { transferId: mine!.id, decision: "accept" },
      }),
    );
    const [person] = await db.select().from(people).where(eq(people.id, visit.person_id));
    expect(person).toMatchObject({ stationId: receiving.stationId, status: "active" });
    const [routine] = await db
      .select()
      .from(visits)
      .where(and(eq(visits.personId, visit.person_id), eq(visits.status, "scheduled")));
    expect(routine).toMatchObject({
      stationId: receiving.stationId,
      kind: "routine",
      assignedUserId: receiving.user.id,
    });
  });

  it("out of the network waits for the planner above, whose acceptance closes the file as exited", async () => {
    const [visit] = await openBaibaVisits(1);
    const staff = await sessionUserFor("station.baiba@demo.local");
    value(
      await recordAs("station.baiba@demo.local", visit.id, {
        outcome: "moved",
        visitedOn: today,
        destination: "迁往拉萨市城关区",
      }),
    );
    const [transfer] = await db.select().from(transfers).where(eq(transfers.personId, visit.person_id));
    expect((await listTransfers({ user: staff })).find((t) => t.id === transfer.id)?.decidable).toBe(false);
    const planner = await sessionUserFor("planner.bayi@demo.local");
    value(
      await decideTransfer({
        ...by(planner),
        input: { transferId: transfer.id, decision: "accept" },
      }),
    );
    const [person] = await db.select().from(people).where(eq(people.id, visit.person_id));
    expect(person).toMatchObject({ status: "exited", statusReason: "迁往拉萨市城关区" });
  });
});

describe("hospitalised and deceased", () => {
  it("hospitalised pauses the cadence: the next routine visit is due on the return day", async () => {
    const [visit] = await openBaibaVisits(1);
    const returnOn = addDaysToDate(today, 20);
    const done = value(
      await recordAs("station.baiba@demo.local", visit.id, {
        outcome: "hospitalised",
        visitedOn: today,
        returnOn,
      }),
    );
    expect(done).toMatchObject({ nextDueOn: returnOn });
    const [stored] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(stored.returnOn).toBe(returnOn);
  });

  it("deceased closes the file and cancels its open visits", async () => {
    const [visit] = await openBaibaVisits(1);
    value(await recordAs("station.baiba@demo.local", visit.id, { outcome: "deceased", visitedOn: today }));
    const [person] = await db.select().from(people).where(eq(people.id, visit.person_id));
    expect(person).toMatchObject({ status: "deceased", statusOn: today });
    const open = await db
      .select()
      .from(visits)
      .where(and(eq(visits.personId, visit.person_id), eq(visits.status, "scheduled")));
    expect(open).toEqual([]);
  });
});

describe("the structured record", () => {
  it("stores the record, opens its referrals until a result is recorded, and counts the needs found", async () => {
    const [visit] = await openBaibaVisits(1);
    value(
      await recordAs("station.baiba@demo.local", visit.id, {
        outcome: "visited",
        visitedOn: today,
        seen: "person",
        present: ["person", "neighbour"],
        housing: "at_risk",
        heating: "insufficient",
        needs: ["heating", "food"],
        referrals: ["temporary_assistance"],
        referralNote: "取暖困难",
      }),
    );
    const [stored] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(stored.record).toMatchObject({ v: 1, seen: "person", needs: ["heating", "food"] });
    const [referral] = await db.select().from(referrals).where(eq(referrals.visitId, visit.id));
    expect(referral).toMatchObject({ kind: "temporary_assistance", status: "open", note: "取暖困难" });
    const staff = await sessionUserFor("station.baiba@demo.local");
    value(
      await recordReferralResult({
        ...by(staff),
        visitId: visit.id,
        input: { referralId: referral.id, result: "granted", resultOn: today },
      }),
    );
    const [closed] = await db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(closed).toMatchObject({ status: "closed", result: "granted" });
  });
});

describe("月探访率 and the on-time rate count only visits where the person was seen", () => {
  it("agrees with plain SQL for the station's month, with moved and hospitalised shown apart", async () => {
    const [a, b, c] = await openBaibaVisits(3);
    value(await recordAs("station.baiba@demo.local", a.id, { outcome: "visited", visitedOn: today }));
    value(
      await recordAs("station.baiba@demo.local", b.id, {
        outcome: "moved",
        visitedOn: today,
        destination: "外省",
      }),
    );
    value(
      await recordAs("station.baiba@demo.local", c.id, {
        outcome: "hospitalised",
        visitedOn: today,
        returnOn: addDaysToDate(today, 10),
      }),
    );
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const month = today.slice(0, 7);
    const { rows } = await visitMetrics({ user: planner, month });
    const station = rows.find((r) => r.key === `station:${a.station_id}`)!;
    const start = `${month}-01`;
    const end = addDaysToDate(`${addDaysToDate(start, 32).slice(0, 7)}-01`, -1);
    const seenOutcome = sql`status = 'completed' and outcome in ('visited','needs_follow_up')`;
    const inMonth = sql`to_char(completed_at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}`;
    const [plain] = await queryRows<{
      seen_people: number;
      due_people: number;
      on_time: number;
      due: number;
      moved: number;
      hosp: number;
    }>(
      db,
      sql`with due as (
            select distinct v.person_id from visits v join people p on p.id = v.person_id
             where v.station_id = ${a.station_id} and v.status <> 'cancelled'
               and (v.due_on between ${start}::date and ${end}::date or (v.status = 'scheduled' and v.due_on < ${start}::date))
               and (p.status = 'active' or p.status_on >= ${start}::date)),
          seen as (select distinct person_id from visits where ${seenOutcome} and ${inMonth}),
          gone as (select distinct person_id from visits
                    where status = 'completed' and outcome in ('moved','hospitalised','deceased') and ${inMonth})
          select
          (select count(s.person_id)::int from due d left join seen s on s.person_id = d.person_id) as seen_people,
          (select count(*)::int from due d left join seen s on s.person_id = d.person_id
             left join gone g on g.person_id = d.person_id
            where s.person_id is not null or g.person_id is null) as due_people,
          (select count(*)::int from visits where station_id = ${a.station_id}
             and due_on between ${start}::date and ${today}::date and ${seenOutcome}
             and case when kind = 'event' and scheduled_at is not null then completed_at <= scheduled_at
                 else (completed_at at time zone 'Asia/Shanghai')::date <= due_on end) as on_time,
          (select count(*)::int from visits where station_id = ${a.station_id}
             and due_on between ${start}::date and ${today}::date and status <> 'cancelled'
             and not (status = 'completed' and outcome in ('moved','hospitalised','deceased'))) as due,
          (select count(*)::int from visits where station_id = ${a.station_id} and outcome = 'moved' and ${inMonth}) as moved,
          (select count(*)::int from visits where station_id = ${a.station_id} and outcome = 'hospitalised' and ${inMonth}) as hosp`,
    );
    expect(plain.moved).toBeGreaterThanOrEqual(1);
    expect(plain.seen_people).toBeGreaterThanOrEqual(1);
    expect(station).toMatchObject({
      peopleVisited: plain.seen_people,
      peopleDue: plain.due_people,
      onTime: plain.on_time,
      due: plain.due,
      moved: plain.moved,
      hospitalised: plain.hosp,
    });
  });

  it("the coverage page counts on time and late only where the person was seen, the others apart", async () => {
    const [a, b] = await openBaibaVisits(2);
    value(await recordAs("station.baiba@demo.local", a.id, { outcome: "visited", visitedOn: today }));
    value(
      await recordAs("station.baiba@demo.local", b.id, {
        outcome: "hospitalised",
        visitedOn: today,
        returnOn: addDaysToDate(today, 10),
      }),
    );
    const [row] = await queryRows<{
      id: number;
      code: string;
      name: string;
      nameBo: string | null;
      level: "county";
    }>(db, sql`select id, code, name, name_bo as "nameBo", level from regions where code = '540402000000'`);
    const { stations } = await loadCoverageInputs({ region: regionCheckedBySystem(row) });
    const station = stations.find((s) => s.id === a.station_id)!;
    const yearAgo = addDaysToDate(today, -365);
    const [plain] = await queryRows<{ on_time: number; late: number; not_seen: number }>(
      db,
      sql`select
          count(*) filter (where outcome in ('visited','needs_follow_up')
            and (completed_at at time zone 'Asia/Shanghai')::date <= due_on
            and not (kind = 'event' and scheduled_at is not null))::int
          + count(*) filter (where outcome in ('visited','needs_follow_up') and kind = 'event'
            and scheduled_at is not null and completed_at <= scheduled_at)::int as on_time,
          count(*) filter (where outcome in ('visited','needs_follow_up')
            and case when kind = 'event' and scheduled_at is not null then completed_at > scheduled_at
                else (completed_at at time zone 'Asia/Shanghai')::date > due_on end)::int as late,
          count(*) filter (where status in ('completed','missed') and outcome not in ('visited','needs_follow_up'))::int
            as not_seen
        from visits where station_id = ${a.station_id} and due_on >= ${yearAgo}::date
          and status in ('completed','missed')`,
    );
    expect(plain.not_seen).toBeGreaterThanOrEqual(1);
    expect(station).toMatchObject({
      visitsOnTime: plain.on_time,
      visitsLate: plain.late,
      visitsNotSeen: plain.not_seen,
    });
  });
});
