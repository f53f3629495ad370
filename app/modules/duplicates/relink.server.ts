// What a merge moves from the duplicate file to the one kept: each table that points at a person is one step.
// Extension point: a module adding such a table (e.g. referrals) appends its step here, and merge.test.ts's
// "moves every row that points at the merged file" lists the foreign keys to people so a missing step fails it.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { activityPeople, conflicts, householdMembers, referrals, transfers, visits } from "#db/schema";
import { cancelVisitReminders } from "~/modules/reminders/scan.server";
import type { DbOrTx } from "~/utils/db.server";
import { queryRows } from "~/utils/db.server";

export type Relink = { from: number; to: number; stationId: number | null };
export type RelinkStep = { table: string; run: (tx: DbOrTx, link: Relink) => Promise<number> };

/**
 * Visits: all of them move (done, missed and cancelled ones are the history). A person has at most one open routine
 * visit, so when both files have one, the later-due is cancelled, not lost; open visits follow the kept station.
 */
const moveVisits: RelinkStep = {
  table: "visits",
  run: async (tx, { from, to, stationId }) => {
    const routine = await tx
      .select({ id: visits.id })
      .from(visits)
      .where(
        and(inArray(visits.personId, [from, to]), eq(visits.status, "scheduled"), eq(visits.kind, "routine")),
      )
      .orderBy(asc(visits.dueOn), asc(visits.id));
    const later = routine.slice(1).map((v) => v.id);
    if (later.length) {
      await tx.update(visits).set({ status: "cancelled" }).where(inArray(visits.id, later));
      await cancelVisitReminders(tx, later);
    }
    const moved = await queryRows<{ id: number }>(
      tx,
      sql`update ${visits} set person_id = ${to} where ${visits.personId} = ${from} returning ${visits.id} as id`,
    );
    if (stationId)
      await tx
        .update(visits)
        .set({ stationId })
        .where(and(eq(visits.personId, to), eq(visits.status, "scheduled")));
    return moved.length;
  },
};

/** Activities attended: the kept file attends each one once. */
const moveActivities: RelinkStep = {
  table: "activity_people",
  run: async (tx, { from, to }) => {
    const moved = await queryRows<{ activity_id: number }>(
      tx,
      sql`insert into ${activityPeople} (activity_id, person_id)
          select ${activityPeople.activityId}, ${to} from ${activityPeople} where ${activityPeople.personId} = ${from}
          on conflict do nothing returning activity_id`,
    );
    await tx.delete(activityPeople).where(eq(activityPeople.personId, from));
    return moved.length;
  },
};

/** Referrals, transfers and conflict records made for the merged file follow it: they are its history. */
const movePersonRows = (
  table: typeof referrals | typeof transfers | typeof conflicts,
  name: string,
): RelinkStep => ({
  table: name,
  run: async (tx, { from, to }) => {
    const moved = await tx
      .update(table)
      .set({ personId: to })
      .where(eq(table.personId, from))
      .returning({ id: table.id });
    return moved.length;
  },
});

/** A household: the kept file takes the merged one's place in it, unless the kept file already belongs to one. */
const moveHousehold: RelinkStep = {
  table: "household_members",
  run: async (tx, { from, to }) => {
    const moved = await queryRows<{ id: number }>(
      tx,
      sql`update ${householdMembers} set person_id = ${to} where ${householdMembers.personId} = ${from}
          and not exists (select 1 from ${householdMembers} k where k.person_id = ${to}) returning ${householdMembers.personId} as id`,
    );
    await tx.delete(householdMembers).where(eq(householdMembers.personId, from));
    return moved.length;
  },
};

export const relinkSteps: RelinkStep[] = [
  moveVisits,
  moveActivities,
  movePersonRows(referrals, "referrals"),
  movePersonRows(transfers, "transfers"),
  movePersonRows(conflicts, "conflicts"),
  moveHousehold,
];
