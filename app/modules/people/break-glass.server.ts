// "Break the glass": emergency access to one person's file outside the user's scope, found by the exact ID
// number, with a typed reason. Time-limited, bound to the session, and audited whether or not a file is found —
// which is why it writes without a form key: a search that found nothing is on record, not rolled back.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { auditLog, people } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { updateSessionData } from "~/modules/auth/session.server";
import { fieldProblem, formProblem, message } from "~/modules/kernel/messages";
import { refused, type WriteResult } from "~/modules/kernel/write-result";
import { idNumberProblem, normalizeIdNumber } from "~/modules/people/id-number";
import { hashIdNumber } from "~/modules/people/id-number-crypto.server";
import { db } from "~/utils/db.server";

export const GLASS_HOURS = 2;

/**
 * Emergencies are rare; more tries than this look like a search of the register by ID number (each try says whether
 * a number is registered). Counted per user from the audit log, so every process agrees.
 */
export const GLASS_LIMITS = { perHour: 3, perDay: 10 };
const glassActions = ["break_glass", "break_glass_not_found", "emergency_lookup"];

async function recentTries(userId: number, now: Date): Promise<{ hour: number; day: number }> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [row] = await db
    .select({
      hour: sql<number>`(count(*) filter (where ${auditLog.at} > ${hourAgo.toISOString()}::timestamptz))::int`,
      day: sql<number>`count(*)::int`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorUserId, userId),
        inArray(auditLog.action, glassActions),
        gt(auditLog.at, new Date(now.getTime() - 86_400_000)),
      ),
    );
  return { hour: row?.hour ?? 0, day: row?.day ?? 0 };
}

export async function breakGlass({
  user,
  actor,
  idNumber,
  reason,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  idNumber: string;
  reason: string;
  now?: Date;
}): Promise<WriteResult<{ personId: number; granted: boolean }>> {
  const normalized = normalizeIdNumber(idNumber);
  if (idNumberProblem(normalized)) return refused(fieldProblem("idNumber", "auth:glass.invalidIdNumber"));
  const tries = await recentTries(user.id, now);
  if (tries.hour >= GLASS_LIMITS.perHour || tries.day >= GLASS_LIMITS.perDay) {
    // why: the refusal is on record (not counted as a try), so an administrator sees someone pressing on.
    await recordAuditNow(actor, { action: "break_glass_refused", entityType: "person", reason });
    return refused(formProblem(message("auth:glass.tooMany", GLASS_LIMITS)));
  }
  const [person] = await db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.idNumberHash, hashIdNumber(normalized)));
  if (!person) {
    await recordAuditNow(actor, { action: "break_glass_not_found", entityType: "person", reason });
    return refused(fieldProblem("idNumber", "auth:glass.notFound"));
  }
  const [inScope] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, person.id), peopleInScope({ ...user, glassPersonIds: [] })));
  if (!inScope) {
    const until = Date.now() + GLASS_HOURS * 3600_000;
    await updateSessionData(user.sessionId, (d) => ({
      ...d,
      glass: [
        ...(d.glass ?? []).filter((g) => g.personId !== person.id && g.until > Date.now()),
        { personId: person.id, until },
      ],
    }));
  }
  await recordAuditNow(actor, {
    action: inScope ? "emergency_lookup" : "break_glass",
    entityType: "person",
    entityId: person.id,
    reason,
    changes: inScope ? null : { hours: GLASS_HOURS },
  });
  return { ok: true, value: { personId: person.id, granted: !inScope }, replayed: false };
}
