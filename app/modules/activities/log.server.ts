// Logging an activity: one transaction that checks the contract, the date and the people against the database,
// stores the activity, its people and photos, and audits it — or stores nothing at all.
import { eq } from "drizzle-orm";
import { activities, activityPeople, activityPhotos } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { fieldProblem, type Message, message } from "~/modules/kernel/messages";
import { refuse, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { lockedMonthOf } from "~/modules/signoff/lock.server";
import {
  type PreparedPhoto,
  plannedPhotos,
  removeFiles,
  writePhotoFiles,
} from "~/modules/uploads/photos.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { pgError } from "~/utils/db-errors.server";
import { findLoggableContract, peopleInContractArea } from "./contracts.server";
import type { LogActivityInput } from "./schemas";
import { creditLinkedPeopleVisits } from "./visit-credit.server";

export const LOG_ACTION = "activity.log";

/** The day of an activity: not in the future, and inside the contract's period. */
export function occurredOnProblem(
  day: string,
  contract: { startsOn: string; endsOn: string },
  now: Date,
): Message | null {
  if (day > todayInShanghai(now)) return "validation.futureDate";
  if (day < contract.startsOn || day > contract.endsOn)
    return message("activities:errors.outsideContract", { start: contract.startsOn, end: contract.endsOn });
  return null;
}

export async function logActivity({
  user,
  actor,
  input,
  photos,
  key,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  input: LogActivityInput;
  photos: PreparedPhoto[];
  key: string | null;
  now?: Date;
}): Promise<WriteResult | null> {
  const written: string[] = [];
  try {
    return await write({ user, key, action: LOG_ACTION }, async (tx) => {
      const contract = await findLoggableContract(tx, user, input.contractId);
      if (!contract) refuse(fieldProblem("contractId", "activities:errors.contractNotYours"));
      const fieldErrors: Record<string, Message[]> = {};
      const dayProblem = occurredOnProblem(input.occurredOn, contract, now);
      if (dayProblem) fieldErrors.occurredOn = [dayProblem];
      const locked = await lockedMonthOf(tx, contract.id, [input.occurredOn]);
      if (locked) fieldErrors.occurredOn = [message("activities:errors.monthLocked", { month: locked })];
      const personIds = [...new Set(input.personId)];
      const found = await peopleInContractArea(tx, user, contract.areaPrefix, personIds);
      if (found.length !== personIds.length) fieldErrors.personId = ["activities:errors.personOutsideArea"];
      if (Object.keys(fieldErrors).length > 0) refuse({ fieldErrors });

      const gps = input.lat !== undefined && input.lng !== undefined;
      const [row] = await tx
        .insert(activities)
        .values({
          contractId: contract.id,
          organizationId: contract.organizationId,
          facilityId: contract.facilityId,
          careProjectId: contract.careProjectId,
          occurredOn: input.occurredOn,
          kind: input.kind,
          participants: input.participants,
          personTimes: input.personTimes,
          hours: input.hours.toFixed(1),
          summary: input.summary,
          lat: gps ? input.lat : null,
          lng: gps ? input.lng : null,
          coordQuality: !gps ? "unknown" : (input.gpsAccuracy ?? 1000) <= 50 ? "surveyed" : "approximate",
          idempotencyKey: key,
          createdBy: user.id,
        })
        .returning({ id: activities.id });
      let creditedVisitIds: number[] = [];
      if (personIds.length > 0) {
        await tx
          .insert(activityPeople)
          .values(personIds.map((personId) => ({ activityId: row.id, personId })));
        ({ completedVisitIds: creditedVisitIds } = await creditLinkedPeopleVisits(tx, {
          personIds,
          occurredOn: input.occurredOn,
          activityId: row.id,
          userId: user.id,
        }));
      }
      if (photos.length > 0) {
        const planned = plannedPhotos(photos, now);
        await tx.insert(activityPhotos).values(planned.rows.map((r) => ({ activityId: row.id, ...r })));
        // Files are written last before the audit entry; any failure from here on removes them again.
        await writePhotoFiles(planned.files, written);
      }
      await recordAudit(tx, actor, {
        action: LOG_ACTION,
        entityType: "activity",
        entityId: row.id,
        changes: {
          contractId: contract.id,
          occurredOn: input.occurredOn,
          kind: input.kind,
          participants: input.participants,
          personTimes: input.personTimes,
          hours: input.hours,
          people: personIds,
          visitsCompleted: creditedVisitIds,
          photos: photos.length,
          gps,
        },
      });
      return { id: row.id };
    });
  } catch (error) {
    await removeFiles(written);
    // why: a retry racing the first submit past the form-key check still meets the unique idempotency key.
    if (key && pgError(error)?.constraint === "activities_idempotency_key_unique") {
      const [existing] = await db
        .select({ id: activities.id })
        .from(activities)
        .where(eq(activities.idempotencyKey, key));
      if (existing) return { ok: true, value: { id: existing.id }, replayed: true };
    }
    throw error;
  }
}
