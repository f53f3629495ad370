// Reading conflicts (ADR 014): the worker who sent the write sees theirs; the station head, planners and auditors see
// those in their scope. Always only for a person, activity or training the reader may open.
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { activities, conflicts, people, trainings, users } from "#db/schema";
import { activitiesInScope } from "~/modules/access/activity-scope.server";
import { shownContact } from "~/modules/access/contact";
import { holds, isReadOnlyRole } from "~/modules/access/permissions";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { trainingsInScope } from "~/modules/workforce/scope.server";
import { db } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";

/** Station heads, planners, administrators and auditors oversee others' conflicts in their scope. */
export function overseesConflicts(user: SessionUser): boolean {
  return holds(user, "read:others_conflicts");
}

export function conflictsInScope(user: SessionUser): SQL {
  const visible = sql`(${conflicts.personId} in (select ${people.id} from ${people} where ${peopleInScope(user)})
    or ${conflicts.activityId} in (select ${activities.id} from ${activities} where ${activitiesInScope(user)})
    or ${conflicts.trainingId} in (select ${trainings.id} from ${trainings} where ${trainingsInScope(user)}))`;
  return overseesConflicts(user) ? visible : and(eq(conflicts.userId, user.id), visible)!;
}

const sender = alias(users, "sender");
const resolver = alias(users, "resolver");

const rowColumns = {
  id: conflicts.id,
  kind: conflicts.kind,
  entityId: conflicts.entityId,
  status: conflicts.status,
  resolution: conflicts.resolution,
  createdAt: conflicts.createdAt,
  resolvedAt: conflicts.resolvedAt,
  userId: conflicts.userId,
  userName: sender.name,
  resolvedByName: resolver.name,
  personId: conflicts.personId,
  personName: people.fullName,
  activityId: conflicts.activityId,
  activitySummary: activities.summary,
  activityOccurredOn: activities.occurredOn,
  trainingTopic: trainings.topic,
  trainingHeldOn: trainings.heldOn,
};

function base() {
  return db
    .select(rowColumns)
    .from(conflicts)
    .leftJoin(sender, eq(sender.id, conflicts.userId))
    .leftJoin(resolver, eq(resolver.id, conflicts.resolvedBy))
    .leftJoin(people, eq(people.id, conflicts.personId))
    .leftJoin(activities, eq(activities.id, conflicts.activityId))
    .leftJoin(trainings, eq(trainings.id, conflicts.trainingId));
}

export async function listConflicts({ user, status }: { user: SessionUser; status: "open" | "all" }) {
  return base()
    .where(and(conflictsInScope(user), status === "open" ? eq(conflicts.status, "open") : undefined))
    .orderBy(sql`${literalEq(conflicts.status, "open")} desc`, desc(conflicts.createdAt))
    .limit(200);
}

/** The named conflicts the user may open (e.g. those a household visit just kept), with whom they are about. */
export async function conflictsByIds({ user, ids }: { user: SessionUser; ids: number[] }) {
  if (ids.length === 0) return [];
  return base()
    .where(and(inArray(conflicts.id, ids.slice(0, 50)), conflictsInScope(user)))
    .orderBy(conflicts.id);
}

export async function openConflictCount(user: SessionUser): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conflicts)
    .where(and(conflictsInScope(user), eq(conflicts.status, "open")));
  return row?.n ?? 0;
}

/** Contact details are masked for roles that do not see them, in both versions. */
function masked(user: SessionUser, kind: string, values: Record<string, unknown>) {
  return kind === "person" ? shownContact(user, values) : values;
}

export async function getConflict({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await base()
    .where(and(eq(conflicts.id, id), conflictsInScope(user)))
    .limit(1);
  if (!row) return null;
  const [full] = await db
    .select({ theirs: conflicts.theirs, yours: conflicts.yours, baseVersion: conflicts.baseVersion })
    .from(conflicts)
    .where(eq(conflicts.id, id));
  return {
    ...row,
    baseVersion: full.baseVersion,
    theirs: masked(user, row.kind, full.theirs),
    yours: masked(user, row.kind, full.yours),
    mayResolve: row.status === "open" && !isReadOnlyRole(user.role),
  };
}
