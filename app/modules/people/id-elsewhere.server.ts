// An ID number registered outside the user's scope (issue 12): registering or importing people must not become an
// oracle that says where, or silently whether, anyone in the country is in care. Such a duplicate is answered
// without a place, every check that meets one is audited (who, how many, which file), and each user may meet only so
// many per hour and per day: beyond that their ID checks are refused and the administrators are alerted.
import { and, eq, gt, sql } from "drizzle-orm";
import { auditLog, people } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { message } from "~/modules/kernel/messages";
import { notifyAdministrators } from "~/modules/notifications/send.server";
import { db as defaultDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export const ID_ELSEWHERE_ACTION = "person.id_elsewhere";

export type IdCheckLimits = { perHour: number; perDay: number };

export function idCheckLimits(): IdCheckLimits {
  const e = env();
  return { perHour: e.ID_CHECKS_ELSEWHERE_PER_HOUR, perDay: e.ID_CHECKS_ELSEWHERE_PER_DAY };
}

/** Where the numbers came from: the form (new or edited file) or an import file (its name and SHA-256). */
export type IdCheckSource =
  | { kind: "form" | "edit" }
  | { kind: "import"; file: { name: string; sha256: string } | null };

export type IdCheckOutcome =
  /** Checked: hashes registered in the user's scope, and those registered elsewhere (to be answered without place). */
  | { refused: false; inScope: Map<string, number>; elsewhere: Set<string> }
  /** Not checked: the user met too many numbers registered elsewhere; nothing about the numbers may be said. */
  | { refused: true };

export const idCheckLimitMessage = (limits: IdCheckLimits) =>
  message("peopleRegister:errors.idCheckLimit", { perHour: limits.perHour, perDay: limits.perDay });

type Met = { hour: number; day: number; refusals: number };

/**
 * Numbers registered elsewhere that the user met in the last hour and day, and their refused checks of the day (from
 * the audit log, so every process agrees).
 */
async function metElsewhere(userId: number, now: Date): Promise<Met> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [row] = await defaultDb
    .select({
      hour: sql<number>`coalesce(sum((${auditLog.changes}->>'count')::int) filter (where ${auditLog.at} > ${hourAgo.toISOString()}::timestamptz), 0)::int`,
      day: sql<number>`coalesce(sum((${auditLog.changes}->>'count')::int), 0)::int`,
      refusals: sql<number>`(count(*) filter (where ${auditLog.changes}->>'refused' = 'true'))::int`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorUserId, userId),
        eq(auditLog.action, ID_ELSEWHERE_ACTION),
        gt(auditLog.at, new Date(now.getTime() - 86_400_000)),
      ),
    );
  return { hour: row?.hour ?? 0, day: row?.day ?? 0, refusals: row?.refusals ?? 0 };
}

/** The first refusal of a day tells the administrators; later ones are in the audit log. */
async function alertAdministrators(user: SessionUser, met: Met, limits: IdCheckLimits) {
  if (met.refusals > 0) return;
  await notifyAdministrators(defaultDb, {
    key: "people:notify.idCheckLimit",
    params: {
      name: user.name,
      email: user.email,
      count: met.day,
      perHour: limits.perHour,
      perDay: limits.perDay,
    },
    link: `/audit?actor=${encodeURIComponent(user.email)}&action=${ID_ELSEWHERE_ACTION}`,
  });
}

/**
 * Checks ID numbers (by their keyed hashes) against the whole register for a registration or an import. A user
 * already beyond the limit is refused before anything is looked up. Meeting numbers registered elsewhere is audited
 * once per check with their count; a check that takes the user beyond the limit is refused as a whole (its
 * duplicates stay unsaid) and alerts the administrators.
 */
export async function checkIdNumbers({
  user,
  actor,
  hashes,
  source,
  exceptPersonId,
  now = new Date(),
  limits = idCheckLimits(),
}: {
  user: SessionUser;
  actor: AuditActor;
  hashes: string[];
  source: IdCheckSource;
  /** The file being edited: its own number is not a duplicate. */
  exceptPersonId?: number;
  now?: Date;
  limits?: IdCheckLimits;
}): Promise<IdCheckOutcome> {
  const before = await metElsewhere(user.id, now);
  const described = {
    source: source.kind,
    ...("file" in source && source.file ? { file: source.file } : {}),
  };
  if (before.hour >= limits.perHour || before.day >= limits.perDay) {
    await recordAuditNow(actor, {
      action: ID_ELSEWHERE_ACTION,
      entityType: "person",
      changes: { count: 0, checked: hashes.length, refused: true, ...described },
    });
    await alertAdministrators(user, before, limits);
    return { refused: true };
  }
  const inScope = new Map<string, number>();
  const elsewhere = new Set<string>();
  for (let i = 0; i < hashes.length; i += LOOKUP_BATCH) {
    const rows = await defaultDb
      .select({ id: people.id, hash: people.idNumberHash, visible: sql<boolean>`${peopleInScope(user)}` })
      .from(people)
      // why: one array parameter; inArray would send every hash as its own parameter.
      .where(sql`${people.idNumberHash} = any(${sql.param(hashes.slice(i, i + LOOKUP_BATCH))}::text[])`);
    for (const r of rows) {
      if (r.id === exceptPersonId) continue;
      if (r.visible) inScope.set(r.hash, r.id);
      else elsewhere.add(r.hash);
    }
  }
  if (elsewhere.size === 0) return { refused: false, inScope, elsewhere };
  const after = { ...before, hour: before.hour + elsewhere.size, day: before.day + elsewhere.size };
  const refused = after.hour > limits.perHour || after.day > limits.perDay;
  await recordAuditNow(actor, {
    action: ID_ELSEWHERE_ACTION,
    entityType: "person",
    changes: { count: elsewhere.size, checked: hashes.length, ...(refused ? { refused } : {}), ...described },
  });
  if (!refused) return { refused: false, inScope, elsewhere };
  await alertAdministrators(user, after, limits);
  return { refused: true };
}

/** Hashes per lookup (one `= any($1)` each). */
const LOOKUP_BATCH = 10_000;
