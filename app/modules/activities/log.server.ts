// Logging an activity: one transaction that checks the contract, the date and the people against the database,
// stores the activity, its people and photos, and audits it — or stores nothing at all.
import { eq } from "drizzle-orm";
import { activities, activityPeople, activityPhotos } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { runOnce } from "~/modules/kernel/idempotency.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { pgError } from "~/utils/db-errors.server";
import { findLoggableContract, peopleInContractArea } from "./contracts.server";
import { type PreparedPhoto, plannedPhotoPaths, removeFiles, writePhotoFiles } from "./photos.server";
import type { LogActivityInput } from "./schemas";
import { creditLinkedPeopleVisits } from "./visit-credit.server";

export const LOG_ACTION = "activity.log";

/** Problems the person can fix; nothing was stored. */
export class ActivityInputError extends Error {
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    readonly formErrors: string[] = [],
  ) {
    super("Activity input rejected");
  }
}

const param = (key: string, values: Record<string, unknown>) => `${key}|${JSON.stringify(values)}`;

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
  key: string;
  now?: Date;
}): Promise<{ id: number; replayed: boolean }> {
  const written: string[] = [];
  try {
    const { result, replayed } = await runOnce({ key, userId: user.id, action: LOG_ACTION }, async (tx) => {
      const errors: Record<string, string[]> = {};
      const contract = await findLoggableContract(tx, user, input.contractId);
      if (!contract) throw new ActivityInputError({ contractId: ["activities:errors.contractNotYours"] });
      const today = todayInShanghai(now);
      if (input.occurredOn > today) errors.occurredOn = ["validation.futureDate"];
      else if (input.occurredOn < contract.startsOn || input.occurredOn > contract.endsOn)
        errors.occurredOn = [
          param("activities:errors.outsideContract", { start: contract.startsOn, end: contract.endsOn }),
        ];
      const personIds = [...new Set(input.personId)];
      const found = await peopleInContractArea(tx, contract.areaPrefix, personIds);
      if (found.length !== personIds.length) errors.personId = ["activities:errors.personOutsideArea"];
      if (Object.keys(errors).length > 0) throw new ActivityInputError(errors);

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
        const planned = photos.map((photo) => ({ photo, ...plannedPhotoPaths(photo, now) }));
        await tx.insert(activityPhotos).values(
          planned.map(({ photo, path, thumbPath }) => ({
            activityId: row.id,
            path,
            thumbPath,
            mimeType: photo.mimeType,
            bytes: photo.original.byteLength,
            width: photo.width,
            height: photo.height,
            sha256: photo.sha256,
          })),
        );
        // Files are written last before the audit entry; any failure from here on removes them again.
        await writePhotoFiles(
          planned.flatMap(({ photo, path, thumbPath }) => [
            { relative: path, data: photo.original },
            { relative: thumbPath, data: photo.thumb },
          ]),
          written,
        );
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
    return { id: result.id as number, replayed };
  } catch (error) {
    await removeFiles(written);
    // why: a retry racing the first submit past the form-key check still meets the unique idempotency key.
    if (pgError(error)?.constraint === "activities_idempotency_key_unique") {
      const [existing] = await db
        .select({ id: activities.id })
        .from(activities)
        .where(eq(activities.idempotencyKey, key));
      if (existing) return { id: existing.id, replayed: true };
    }
    throw error;
  }
}
