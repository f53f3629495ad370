// Writing people's files: register, edit, exit/deceased, risk tier with who and why, and revealing the full ID number.
// Scope is checked in each WHERE clause; every write is audited without copying personal data into the audit log.
import { and, count, eq, gt, sql } from "drizzle-orm";
import { auditLog, facilities, people, regions, visits } from "#db/schema";
import { facilitiesInScope, peopleInScope, regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit, recordAuditNow } from "~/modules/audit/audit.server";
import { isStale, storeConflict } from "~/modules/conflicts/store.server";
import type { Conflicted } from "~/modules/conflicts/types";
import { fieldProblem, formProblem, message } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import { type Refused, refused, type WriteResult } from "~/modules/kernel/write-result";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import { cancelOpenVisits, ensureRoutineVisit, tightenRoutineVisit } from "~/modules/visits/mutations.server";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";
import { pgError } from "~/utils/db-errors.server";
import {
  checkIdNumbers,
  type IdCheckSource,
  idCheckLimitMessage,
  idCheckLimits,
} from "./id-elsewhere.server";
import { decryptIdNumber, hashIdNumber, protectIdNumber } from "./id-number-crypto.server";
import { nameColumns, tibetanName } from "./names/keys";
import { stationForVillage } from "./queries.server";

export type PersonInput = {
  fullName: string;
  nameBo?: string;
  sex: "male" | "female";
  birthDate: string;
  idNumber?: string;
  villageId: number;
  stationId?: number;
  address?: string;
  phone?: string;
  guardianName?: string;
  guardianPhone?: string;
  categories: (typeof people.$inferInsert)["categories"];
  notes?: string;
};

async function assertVillageInScope(db: DbOrTx, user: SessionUser, villageId: number) {
  const [village] = await db
    .select({ id: regions.id })
    .from(regions)
    .where(and(eq(regions.id, villageId), eq(regions.level, "village"), regionsInScope(user)));
  if (!village) refuse(fieldProblem("villageId", "peopleRegister:errors.villageOutOfScope"));
}

/** Station staff register people for their own station; planners pick one in scope or get the village's. */
async function stationFor(db: DbOrTx, user: SessionUser, villageId: number, requested?: number) {
  if (user.scope.kind === "station") return user.scope.facilityId;
  if (requested) {
    const [station] = await db
      .select({ id: facilities.id })
      .from(facilities)
      .where(
        and(
          eq(facilities.id, requested),
          eq(facilities.kind, "social_work_station"),
          facilitiesInScope(user),
        ),
      );
    if (!station) refuse(fieldProblem("stationId", "validation.choice"));
    return station.id;
  }
  return stationForVillage(db, villageId);
}

/** Another file with the same ID number: found through the keyed hash, never by decrypting. */
async function duplicateOf(db: DbOrTx, user: SessionUser, idNumber: string, exceptId?: number) {
  const [other] = await db
    .select({ id: people.id, visible: sql<boolean>`${peopleInScope(user)}` })
    .from(people)
    .where(eq(people.idNumberHash, hashIdNumber(idNumber)));
  if (!other || other.id === exceptId) return null;
  return other;
}

/**
 * Refuses a second file for one ID number; links the first only when the user may open it, and never says where a
 * file outside the user's scope is (./id-elsewhere.server.ts has already audited and counted that check).
 */
function refuseDuplicate(other: { id: number; visible: boolean }): never {
  refuse(
    fieldProblem(
      "idNumber",
      other.visible
        ? message("peopleRegister:errors.duplicateIdWithLink", { id: other.id })
        : "peopleRegister:errors.duplicateIdElsewhere",
    ),
  );
}

/**
 * The ID number of a registration or edit checked against files outside the user's scope, before the write: an
 * audited, limited check (its audit entry must outlive the refusal, so it cannot sit in the write's transaction).
 */
async function refusalOfIdCheck(
  user: SessionUser,
  actor: AuditActor,
  idNumber: string,
  source: IdCheckSource,
  exceptPersonId?: number,
): Promise<Refused | null> {
  const check = await checkIdNumbers({
    user,
    actor,
    hashes: [hashIdNumber(idNumber)],
    source,
    exceptPersonId,
  });
  if (check.refused) return refused(fieldProblem("idNumber", idCheckLimitMessage(idCheckLimits())));
  if (check.elsewhere.size)
    return refused(fieldProblem("idNumber", "peopleRegister:errors.duplicateIdElsewhere"));
  return null;
}

const optional = (v: string | undefined) => (v ? v : null);

/** The columns a person's form sets directly, on creating the file and on editing it. */
function formColumns(input: PersonInput, stationId: number | null) {
  return {
    fullName: input.fullName,
    nameBo: tibetanName(input.nameBo),
    sex: input.sex,
    birthDate: input.birthDate,
    villageId: input.villageId,
    stationId,
    address: optional(input.address),
    phone: optional(input.phone),
    guardianName: optional(input.guardianName),
    guardianPhone: optional(input.guardianPhone),
    categories: input.categories,
    notes: optional(input.notes),
  };
}

export async function createPerson(
  tx: DbOrTx,
  {
    user,
    actor,
    input,
    riskTier = "normal",
    riskReason,
    now = new Date(),
  }: {
    user: SessionUser;
    actor: AuditActor;
    input: PersonInput & { idNumber: string };
    riskTier?: "high" | "key" | "normal";
    riskReason?: string;
    now?: Date;
  },
): Promise<{ id: number; visitId: number | null }> {
  await assertVillageInScope(tx, user, input.villageId);
  const stationId = await stationFor(tx, user, input.villageId, input.stationId);
  const dup = await duplicateOf(tx, user, input.idNumber);
  if (dup) refuseDuplicate(dup);
  const protectedId = protectIdNumber(input.idNumber);
  let id: number;
  try {
    const [row] = await tx
      .insert(people)
      .values({
        ...formColumns(input, stationId),
        ...nameColumns(input.fullName, input.nameBo),
        ...protectedId,
        riskTier,
        riskReason: riskTier === "normal" ? (riskReason ?? null) : riskReason,
        riskSetBy: riskTier === "normal" ? null : user.id,
        riskSetAt: riskTier === "normal" ? null : now,
        createdBy: user.id,
      })
      .returning({ id: people.id });
    id = row.id;
  } catch (error) {
    if (pgError(error)?.constraint === "people_id_number_hash_unique")
      refuse(fieldProblem("idNumber", "peopleRegister:errors.duplicateId"));
    throw error;
  }
  const visitId = await ensureRoutineVisit(tx, {
    personId: id,
    now,
    assignedUserId: user.scope.kind === "station" ? user.id : null,
  });
  await recordAudit(tx, actor, {
    action: "person.create",
    entityType: "person",
    entityId: id,
    changes: {
      idNumberMasked: protectedId.idNumberMasked,
      villageId: input.villageId,
      stationId,
      categories: input.categories,
      riskTier,
      firstVisitId: visitId,
    },
  });
  return { id, visitId };
}

/** A person the user may change, locked for the rest of the transaction; null outside their scope. */
export async function lockPerson(tx: DbOrTx, user: SessionUser, personId: number) {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.id, personId), peopleInScope(user)))
    .for("update");
  return row ?? null;
}

/** Fields whose change is worth auditing by name; values of personal fields are not copied into the log. */
const personalFields = [
  "fullName",
  "nameBo",
  "address",
  "phone",
  "guardianName",
  "guardianPhone",
  "notes",
] as const;

export type RegisterInput = PersonInput & {
  idNumber: string;
  riskTier?: "high" | "key" | "normal";
  riskReason?: string;
};

/** Registers a person and schedules their first routine visit. */
export async function registerPerson({
  user,
  actor,
  key,
  input: { riskTier, riskReason, ...input },
  now = new Date(),
}: Writer & { input: RegisterInput; now?: Date }): Promise<WriteResult | null> {
  const idRefusal = await refusalOfIdCheck(user, actor, input.idNumber, { kind: "form" });
  if (idRefusal) return idRefusal;
  const result = await write({ user, key, action: "person.create" }, async (tx) => {
    const created = await createPerson(tx, { user, actor, input, riskTier, riskReason, now });
    return { id: created.id };
  });
  if (result?.ok) void nudgeReminders();
  return result;
}

/** The edit form's fields of a file, as a conflict shows them ("theirs"). */
function editableSnapshot(p: typeof people.$inferSelect): Record<string, unknown> {
  const { fullName, sex, birthDate, villageId, stationId, address, phone, guardianName, guardianPhone } = p;
  return {
    fullName,
    sex,
    birthDate,
    villageId,
    stationId,
    address,
    phone,
    guardianName,
    guardianPhone,
    categories: p.categories,
    notes: p.notes,
    version: p.version,
  };
}

/**
 * Saves the edit form. A form rendered from an older version of the file (`baseVersion`, ADR 014) is kept as a
 * conflict instead; the ID number typed into it is not kept there.
 */
export async function editPerson({
  user,
  actor,
  key,
  personId,
  input: { baseVersion, ...input },
  now = new Date(),
}: Writer & {
  personId: number;
  input: PersonInput & { baseVersion?: number };
  now?: Date;
}): Promise<WriteResult<{ id: number } | Conflicted> | null> {
  if (input.idNumber && (await idNumberChanges(user, personId, input.idNumber))) {
    const idRefusal = await refusalOfIdCheck(user, actor, input.idNumber, { kind: "edit" }, personId);
    if (idRefusal) return idRefusal;
  }
  const result = await write({ user, key, action: "person.update" }, async (tx) => {
    const current = await lockPerson(tx, user, personId);
    if (!current) return null;
    if (baseVersion !== undefined && isStale(baseVersion, current)) {
      const { idNumber: _typed, ...yours } = input;
      return storeConflict(tx, {
        actor,
        kind: "person",
        entityId: personId,
        userId: user.id,
        personId,
        stationId: current.stationId,
        baseVersion,
        theirVersion: current.version,
        theirs: editableSnapshot(current),
        yours,
      });
    }
    await updatePerson(tx, { user, actor, current, input, now });
    return { id: personId };
  });
  if (result?.ok) void nudgeReminders();
  return result;
}

/** Whether an edit gives the file (in scope) another ID number: only then is the number checked. */
async function idNumberChanges(user: SessionUser, personId: number, idNumber: string): Promise<boolean> {
  const [row] = await defaultDb
    .select({ hash: people.idNumberHash })
    .from(people)
    .where(and(eq(people.id, personId), peopleInScope(user)));
  return Boolean(row) && row.hash !== hashIdNumber(idNumber);
}

/** The step that applies an edit to a locked file: used by the form and by a conflict kept as "mine". */
export async function updatePerson(
  tx: DbOrTx,
  {
    user,
    actor,
    current,
    input,
    now,
  }: {
    user: SessionUser;
    actor: AuditActor;
    current: typeof people.$inferSelect;
    input: PersonInput;
    now: Date;
  },
): Promise<void> {
  const personId = current.id;
  if (input.villageId !== current.villageId) await assertVillageInScope(tx, user, input.villageId);
  const stationId =
    user.scope.kind === "station"
      ? current.stationId
      : input.stationId && input.stationId !== current.stationId
        ? await stationFor(tx, user, input.villageId, input.stationId)
        : input.villageId !== current.villageId && !input.stationId
          ? await stationFor(tx, user, input.villageId)
          : (input.stationId ?? current.stationId);
  const next: Partial<typeof people.$inferInsert> = formColumns(input, stationId);
  let idChanged = false;
  if (input.idNumber && hashIdNumber(input.idNumber) !== current.idNumberHash) {
    const dup = await duplicateOf(tx, user, input.idNumber, personId);
    if (dup) refuseDuplicate(dup);
    Object.assign(next, protectIdNumber(input.idNumber));
    idChanged = true;
  }
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = current[key as keyof typeof current];
    const same = Array.isArray(value) ? JSON.stringify(value) === JSON.stringify(before) : value === before;
    if (same || key.startsWith("idNumber")) continue;
    changed[key] = (personalFields as readonly string[]).includes(key) ? "changed" : [before, value];
  }
  if (idChanged) changed.idNumberMasked = [current.idNumberMasked, next.idNumberMasked];
  if (Object.keys(changed).length === 0) return;
  if ("fullName" in changed || "nameBo" in changed)
    Object.assign(next, nameColumns(input.fullName, input.nameBo));
  try {
    await tx.update(people).set(next).where(eq(people.id, personId));
  } catch (error) {
    if (pgError(error)?.constraint === "people_id_number_hash_unique")
      refuse(fieldProblem("idNumber", "peopleRegister:errors.duplicateId"));
    throw error;
  }
  if (stationId !== current.stationId && stationId) {
    // Open visits follow the person to the new station, unassigned until its staff pick them up.
    await tx
      .update(visits)
      .set({ stationId, assignedUserId: null })
      .where(and(eq(visits.personId, personId), eq(visits.status, "scheduled")));
  }
  if ("categories" in changed || "villageId" in changed || "stationId" in changed)
    await tightenRoutineVisit(tx, { personId, now });
  await recordAudit(tx, actor, {
    action: "person.update",
    entityType: "person",
    entityId: personId,
    changes: changed,
  });
}

export type StatusChange = {
  status: "active" | "exited" | "deceased";
  statusOn: string;
  statusReason: string;
};

/** Leaving the register (exited, deceased) cancels the open visits; returning gives a routine visit again. */
export async function changePersonStatus({
  user,
  actor,
  key,
  personId,
  input: { status, statusOn, statusReason },
  now = new Date(),
}: Writer & { personId: number; input: StatusChange; now?: Date }): Promise<WriteResult<{
  id: number;
  cancelledVisits: number;
}> | null> {
  const result = await write({ user, key, action: "person.status" }, async (tx) => {
    const current = await lockPerson(tx, user, personId);
    if (!current) return null;
    if (current.status === status) refuse(fieldProblem("status", "people:errors.statusUnchanged"));
    await tx.update(people).set({ status, statusOn, statusReason }).where(eq(people.id, personId));
    let cancelled: number[] = [];
    if (status === "active") await ensureRoutineVisit(tx, { personId, now });
    else cancelled = await cancelOpenVisits(tx, { personId });
    await recordAudit(tx, actor, {
      action: "person.status",
      entityType: "person",
      entityId: personId,
      changes: { status: [current.status, status], statusOn, cancelledVisitIds: cancelled },
      reason: statusReason,
    });
    return { id: personId, cancelledVisits: cancelled.length };
  });
  if (result?.ok) void nudgeReminders();
  return result;
}

export type RiskChange = { riskTier: "high" | "key" | "normal"; riskReason: string };

/** A risk tier with who set it and why; a higher tier can shorten the open routine visit's due date. */
export async function setRiskTier({
  user,
  actor,
  key,
  personId,
  input: { riskTier, riskReason },
  now = new Date(),
}: Writer & { personId: number; input: RiskChange; now?: Date }): Promise<WriteResult | null> {
  const result = await write({ user, key, action: "person.risk" }, async (tx) => {
    const current = await lockPerson(tx, user, personId);
    if (!current) return null;
    await tx
      .update(people)
      .set({ riskTier, riskReason, riskSetBy: user.id, riskSetAt: now })
      .where(eq(people.id, personId));
    if (current.status === "active") await tightenRoutineVisit(tx, { personId, now });
    await recordAudit(tx, actor, {
      action: "person.risk",
      entityType: "person",
      entityId: personId,
      changes: { riskTier: [current.riskTier, riskTier] },
      reason: riskReason,
    });
    return { id: personId };
  });
  if (result?.ok) void nudgeReminders();
  return result;
}

/** Reveals beyond this many per hour look like harvesting, not casework. */
export const REVEALS_PER_HOUR = 30;

/**
 * The full ID number of one person, for a user whose role may reveal it (checked by the route), written to the
 * audit log with the reason. Never cached, never in a loader.
 */
export async function revealIdNumber({
  user,
  actor,
  personId,
  reason,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  personId: number;
  reason: string;
  now?: Date;
}): Promise<WriteResult<{ idNumber: string }> | null> {
  const [row] = await defaultDb
    .select({ cipher: people.idNumberCipher })
    .from(people)
    .where(and(eq(people.id, personId), peopleInScope(user)));
  if (!row) return null;
  const [{ recent }] = await defaultDb
    .select({ recent: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorUserId, user.id),
        eq(auditLog.action, "person.reveal_id"),
        gt(auditLog.at, new Date(now.getTime() - 3_600_000)),
      ),
    );
  if (recent >= REVEALS_PER_HOUR) return refused(formProblem("people:reveal.tooMany"));
  const idNumber = decryptIdNumber(row.cipher);
  await recordAuditNow(actor, {
    action: "person.reveal_id",
    entityType: "person",
    entityId: personId,
    reason,
  });
  return { ok: true, value: { idNumber }, replayed: false };
}
