// "带到村里": the station worker's open visits for the next days (and the overdue ones), optionally a whole village,
// with what each visit needs from the person's file, masked exactly as the person page masks it for the role.
// The download is audited: it is bulk personal data leaving for a device.
import { and, eq, gt, inArray } from "drizzle-orm";
import { sessions, users, visits } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { hashSessionId, readSessionId } from "~/modules/auth/session.server";
import { getPersonFile, personVisitHistory } from "~/modules/people/queries.server";
import { listOpenVisits } from "~/modules/visits/queries.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, primaryDb } from "~/utils/db.server";
import { PACK_DAYS_AHEAD, type Pack, type PackPerson, type PackVisit } from "./types";

const LAST_VISITS = 3;
/** Far above one station's open visits in two weeks; a bound so a pack can never be the whole register. */
const MAX_VISITS = 400;

/** Whether the request carries the session of an account that was disabled since (its device must be wiped). */
export async function sessionOfDisabledAccount(request: Request): Promise<boolean> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return false;
  const [row] = await primaryDb
    .select({ disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, hashSessionId(sessionId)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return Boolean(row?.disabledAt);
}

/** The villages the station's open visits are in, for the "take a whole village" choice. */
function villagesOf(rows: { villageName: string }[]): string[] {
  return [...new Set(rows.map((r) => r.villageName))].sort((a, b) => a.localeCompare(b, "zh-CN"));
}

export async function buildPack({
  user,
  actor,
  village,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  village: string | null;
  now?: Date;
}): Promise<Pack> {
  const today = todayInShanghai(now);
  const until = addDaysToDate(today, PACK_DAYS_AHEAD);
  const { rows } = await listOpenVisits({
    user,
    filter: { due: "open", mine: false },
    now,
    page: 1,
    pageSize: MAX_VISITS,
  });
  const chosen = rows.filter((v) =>
    village
      ? v.villageName === village
      : v.dueOn <= until && (v.assignedUserId === user.id || v.assignedUserId === null),
  );
  // why: the whole row, so a version column (stale-write check) travels with the visit as soon as it exists.
  const full = chosen.length
    ? await db
        .select()
        .from(visits)
        .where(
          inArray(
            visits.id,
            chosen.map((v) => v.id),
          ),
        )
    : [];
  const versionOf = new Map(
    full.map((row) => {
      const version = (row as Record<string, unknown>).version;
      return [row.id, typeof version === "number" ? version : null];
    }),
  );
  const packVisits: PackVisit[] = chosen.map((v) => ({
    id: v.id,
    kind: v.kind,
    dueOn: v.dueOn,
    overdueDays: v.overdueDays,
    villageName: v.villageName,
    assignedName: v.assignedName,
    notes: v.notes,
    personId: v.personId,
    version: versionOf.get(v.id) ?? null,
  }));
  const personIds = [...new Set(chosen.map((v) => v.personId))];
  const people: PackPerson[] = [];
  for (const id of personIds) {
    const [file, history] = await Promise.all([
      getPersonFile({ user, id }),
      personVisitHistory({ personId: id }),
    ]);
    if (!file) continue;
    people.push({
      id: file.id,
      fullName: file.fullName,
      villageName: file.villageName,
      townshipName: file.townshipName,
      categories: file.categories,
      riskTier: file.riskTier,
      guardianName: file.guardianName,
      guardianPhone: file.guardianPhone,
      contactMasked: file.contactMasked,
      lastVisits: history
        .filter((h) => h.status !== "scheduled")
        .slice(0, LAST_VISITS)
        .map((h) => ({ dueOn: h.dueOn, outcome: h.outcome, notes: h.notes })),
    });
  }
  await recordAuditNow(actor, {
    action: "field.pack_download",
    entityType: "user",
    entityId: user.id,
    changes: { visits: packVisits.length, people: people.length, village, until },
  });
  return {
    takenAt: now.toISOString(),
    today,
    userId: user.id,
    village,
    visits: packVisits,
    people,
    villages: villagesOf(rows),
  };
}
