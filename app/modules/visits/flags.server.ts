// The plausibility flags' review queue (as activity flags): planners see the flags of stations in their scope, the
// station's staff answer, a planner closes. Nothing here changes the visit.
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, people, users, visitFlags, visits } from "#db/schema";
import { peopleInScope, visitsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { formProblem } from "~/modules/kernel/messages";
import { refuse, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { db, type Tx } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";
import type { Writer } from "./mutations.server";

const recorder = alias(users, "recorder");

function inScope(user: SessionUser) {
  return and(visitsInScope(user), peopleInScope(user))!;
}

export async function listVisitFlags({ user, status }: { user: SessionUser; status: "open" | "all" }) {
  return db
    .select({
      id: visitFlags.id,
      kind: visitFlags.kind,
      detail: visitFlags.detail,
      status: visitFlags.status,
      response: visitFlags.response,
      createdAt: visitFlags.createdAt,
      visitId: visits.id,
      completedAt: visits.completedAt,
      personName: people.fullName,
      stationName: facilities.name,
      recorderName: recorder.name,
    })
    .from(visitFlags)
    .innerJoin(visits, eq(visits.id, visitFlags.visitId))
    .innerJoin(people, eq(people.id, visits.personId))
    .innerJoin(facilities, eq(facilities.id, visits.stationId))
    .leftJoin(recorder, eq(recorder.id, visits.completedBy))
    .where(and(inScope(user), status === "open" ? ne(visitFlags.status, "resolved") : undefined))
    .orderBy(sql`${literalEq(visitFlags.status, "open")} desc`, desc(visitFlags.createdAt))
    .limit(200);
}

/** Locks a flag on a visit the user may see; null outside scope. */
async function lockFlag(tx: Tx, user: SessionUser, flagId: number) {
  const [row] = await tx
    .select({ flag: visitFlags })
    .from(visitFlags)
    .innerJoin(visits, eq(visits.id, visitFlags.visitId))
    .innerJoin(people, eq(people.id, visits.personId))
    .where(and(eq(visitFlags.id, flagId), inScope(user)))
    .for("update", { of: visitFlags });
  return row?.flag ?? null;
}

/** The station's staff explain a flag; it stays for a planner to close. */
export async function answerVisitFlag({
  input: { flagId, response },
  ...writer
}: Writer & { input: { flagId: number; response: string } }): Promise<WriteResult | null> {
  const { user, actor, key, now = new Date() } = writer;
  return write({ user, key, action: "visit_flag.answer" }, async (tx) => {
    const flag = await lockFlag(tx, user, flagId);
    if (!flag) return null;
    if (flag.status === "resolved") refuse(formProblem("visits:errors.flagClosed"));
    await tx
      .update(visitFlags)
      .set({ status: "answered", response, respondedBy: user.id, respondedAt: now })
      .where(eq(visitFlags.id, flagId));
    await recordAudit(tx, actor, {
      action: "visit_flag.answer",
      entityType: "visit",
      entityId: flag.visitId,
      changes: { flagId, kind: flag.kind },
      reason: response,
    });
    return { id: flagId };
  });
}

/** A planner has checked the flag (and any answer) and closes it. */
export async function resolveVisitFlag({
  input: { flagId },
  ...writer
}: Writer & { input: { flagId: number } }): Promise<WriteResult | null> {
  const { user, actor, key, now = new Date() } = writer;
  return write({ user, key, action: "visit_flag.resolve" }, async (tx) => {
    const flag = await lockFlag(tx, user, flagId);
    if (!flag) return null;
    if (flag.status === "resolved") refuse(formProblem("visits:errors.flagClosed"));
    await tx
      .update(visitFlags)
      .set({ status: "resolved", resolvedBy: user.id, resolvedAt: now })
      .where(eq(visitFlags.id, flagId));
    await recordAudit(tx, actor, {
      action: "visit_flag.resolve",
      entityType: "visit",
      entityId: flag.visitId,
      changes: { flagId, kind: flag.kind },
    });
    return { id: flagId };
  });
}
