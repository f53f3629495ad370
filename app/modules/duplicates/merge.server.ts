// A planner's decision on a pair of files: merge them (the duplicate's visits, activities and history move to the
// file kept; the duplicate stays, closed and pointing to it) or mark them as two people, never proposed again.
import { and, asc, eq, inArray } from "drizzle-orm";
import { people, personPairDecisions } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { formProblem } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { nameColumns } from "~/modules/people/names/keys";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import { tightenRoutineVisit } from "~/modules/visits/mutations.server";
import { todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";
import { relinkSteps } from "./relink.server";

/** Fields the kept file takes from the duplicate when it has none of its own. */
const fillable = ["nameBo", "address", "phone", "guardianName", "guardianPhone", "stationId"] as const;

async function lockPair(tx: DbOrTx, user: SessionUser, ids: [number, number]) {
  const rows = await tx
    .select()
    .from(people)
    .where(and(inArray(people.id, ids), peopleInScope(user)))
    .orderBy(people.id)
    .for("update");
  return rows.length === 2 ? rows : null;
}

export type MergeInput = { keepId: number; mergeId: number; reason: string };

export async function mergePeople({
  user,
  actor,
  key,
  input: { keepId, mergeId, reason },
  now = new Date(),
}: Writer & { input: MergeInput; now?: Date }): Promise<WriteResult<{
  id: number;
  visits: number;
  activities: number;
}> | null> {
  const result = await write({ user, key, action: "person.merge" }, async (tx) => {
    if (keepId === mergeId) refuse(formProblem("duplicates:errors.samePerson"));
    const pair = await lockPair(tx, user, [keepId, mergeId]);
    if (!pair) return null;
    const keep = pair.find((p) => p.id === keepId)!;
    const merged = pair.find((p) => p.id === mergeId)!;
    if (keep.mergedIntoId || merged.mergedIntoId) refuse(formProblem("duplicates:errors.alreadyMerged"));

    const filled: Partial<typeof people.$inferInsert> = {};
    for (const field of fillable)
      if (keep[field] == null && merged[field] != null) Object.assign(filled, { [field]: merged[field] });
    const categories = [...new Set([...keep.categories, ...merged.categories])];
    if (categories.length !== keep.categories.length) filled.categories = categories;
    if (filled.nameBo) Object.assign(filled, nameColumns(keep.fullName, filled.nameBo));
    if (Object.keys(filled).length) await tx.update(people).set(filled).where(eq(people.id, keepId));

    const moved: Record<string, number> = {};
    const stationId = filled.stationId ?? keep.stationId;
    for (const step of relinkSteps)
      moved[step.table] = await step.run(tx, { from: mergeId, to: keepId, stationId });

    await tx
      .update(people)
      .set({
        mergedIntoId: keepId,
        status: merged.status === "active" ? "exited" : merged.status,
        statusOn: merged.status === "active" ? todayInShanghai(now) : merged.statusOn,
        statusReason: merged.status === "active" ? reason : merged.statusReason,
      })
      .where(eq(people.id, mergeId));
    // A pair once judged different and now merged: the decision no longer stands.
    await tx
      .delete(personPairDecisions)
      .where(
        and(
          eq(personPairDecisions.lowPersonId, Math.min(keepId, mergeId)),
          eq(personPairDecisions.highPersonId, Math.max(keepId, mergeId)),
        ),
      );
    if (keep.status === "active") await tightenRoutineVisit(tx, { personId: keepId, now });

    // Personal values are not copied into the log: which fields were taken, and the ids and counts.
    await recordAudit(tx, actor, {
      action: "person.merge",
      entityType: "person",
      entityId: keepId,
      changes: {
        mergedId: mergeId,
        moved,
        filledFields: Object.keys(filled).filter((f) => !f.startsWith("name")),
      },
      reason,
    });
    await recordAudit(tx, actor, {
      action: "person.merged_into",
      entityType: "person",
      entityId: mergeId,
      changes: {
        mergedIntoId: keepId,
        status: [merged.status, merged.status === "active" ? "exited" : merged.status],
      },
      reason,
    });
    return { id: keepId, visits: moved.visits ?? 0, activities: moved.activity_people ?? 0 };
  });
  if (result?.ok) void nudgeReminders();
  return result;
}

export type DifferentInput = { aId: number; bId: number; reason?: string };

/** Two files of different people: the pair is not proposed again (by any reviewer). */
export async function markDifferentPeople({
  user,
  actor,
  key,
  input: { aId, bId, reason },
}: Writer & { input: DifferentInput }): Promise<WriteResult | null> {
  return write({ user, key, action: "person.not_duplicate" }, async (tx) => {
    if (aId === bId) refuse(formProblem("duplicates:errors.samePerson"));
    const [low, high] = aId < bId ? [aId, bId] : [bId, aId];
    const pair = await lockPair(tx, user, [low, high]);
    if (!pair) return null;
    await tx
      .insert(personPairDecisions)
      .values({ lowPersonId: low, highPersonId: high, decidedBy: user.id, reason: reason || null })
      .onConflictDoNothing();
    await recordAudit(tx, actor, {
      action: "person.not_duplicate",
      entityType: "person",
      entityId: low,
      changes: { otherId: high },
      reason: reason || null,
    });
    return { id: low };
  });
}

/** Files merged into this one that the user may open, for its page. */
export async function filesMergedInto({ user, personId }: { user: SessionUser; personId: number }) {
  return defaultDb
    .select({ id: people.id, fullName: people.fullName })
    .from(people)
    .where(and(eq(people.mergedIntoId, personId), peopleInScope(user)))
    .orderBy(asc(people.id));
}

/** For a person's file: the file it was merged into and the files merged into it, as far as the user may open them. */
export async function mergeLinksOf({
  user,
  person,
}: {
  user: SessionUser;
  person: { id: number; mergedIntoId: number | null };
}) {
  const [into] = person.mergedIntoId
    ? await defaultDb
        .select({ id: people.id, fullName: people.fullName })
        .from(people)
        .where(and(eq(people.id, person.mergedIntoId), peopleInScope(user)))
    : [];
  return { mergedInto: into ?? null, mergedFrom: await filesMergedInto({ user, personId: person.id }) };
}
