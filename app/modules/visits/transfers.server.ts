// A person who moved (迁移): the visit that found it starts a transfer and the old station's visits stop; the receiving
// station accepts (the file and its routine visits move there) or declines (the old station's visits resume). A move
// outside the network goes to the planners above the old station, whose acceptance closes the file as exited.
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, people, regions, transfers, users } from "#db/schema";
import { facilitiesInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldProblem, formProblem } from "~/modules/kernel/messages";
import { refuse, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import { todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";
import { ensureRoutineVisit, type Writer } from "./mutations.server";

/** Opens a transfer for a person found to have moved; refuses a "move" to their own station. */
export async function startTransfer(
  tx: DbOrTx,
  input: {
    personId: number;
    visitId: number | null;
    fromStationId: number;
    toStationId: number | null;
    destination: string | null;
    userId: number;
  },
): Promise<number> {
  if (input.toStationId !== null) {
    if (input.toStationId === input.fromStationId)
      refuse(fieldProblem("toStationId", "visits:errors.sameStation"));
    const [station] = await tx
      .select({ id: facilities.id })
      .from(facilities)
      .where(and(eq(facilities.id, input.toStationId), eq(facilities.kind, "social_work_station")));
    if (!station) refuse(fieldProblem("toStationId", "validation.choice"));
  }
  const [row] = await tx
    .insert(transfers)
    .values({ ...input, requestedBy: input.userId })
    .returning({ id: transfers.id });
  return row.id;
}

const fromStation = alias(facilities, "from_station");
const toStation = alias(facilities, "to_station");
const requester = alias(users, "requester");
const village = alias(regions, "village");

/**
 * Transfers this user decides: into their station (station staff), or, for planners, into a station in their scope
 * or out of the network from a station in their scope.
 */
function decidableBy(user: SessionUser): SQL {
  switch (user.scope.kind) {
    case "station":
      return eq(transfers.toStationId, user.scope.facilityId);
    case "organization":
      return sql`false`;
    default: {
      const inScope = (column: typeof transfers.toStationId | typeof transfers.fromStationId) =>
        sql`${column} in (select ${facilities.id} from ${facilities} where ${facilitiesInScope(user)})`;
      return sql`(${inScope(transfers.toStationId)} or (${transfers.toStationId} is null and ${inScope(transfers.fromStationId)}))`;
    }
  }
}

/** Transfers the user decides or sent from their station, pending first. */
export async function listTransfers({ user }: { user: SessionUser }) {
  const sentFromHere =
    user.scope.kind === "station" ? eq(transfers.fromStationId, user.scope.facilityId) : sql`false`;
  return db
    .select({
      id: transfers.id,
      status: transfers.status,
      personId: transfers.personId,
      personName: people.fullName,
      villageName: village.name,
      categories: people.categories,
      fromStationName: fromStation.name,
      toStationId: transfers.toStationId,
      toStationName: toStation.name,
      destination: transfers.destination,
      requestedByName: requester.name,
      decisionNote: transfers.decisionNote,
      createdAt: transfers.createdAt,
      decidable: sql<boolean>`coalesce(${decidableBy(user)}, false)`,
    })
    .from(transfers)
    .innerJoin(people, eq(people.id, transfers.personId))
    .innerJoin(village, eq(village.id, people.villageId))
    .innerJoin(fromStation, eq(fromStation.id, transfers.fromStationId))
    .leftJoin(toStation, eq(toStation.id, transfers.toStationId))
    .leftJoin(requester, eq(requester.id, transfers.requestedBy))
    .where(sql`(${decidableBy(user)} or ${sentFromHere})`)
    .orderBy(sql`${literalEq(transfers.status, "pending")} desc`, desc(transfers.createdAt))
    .limit(200);
}

export type TransferDecision = { transferId: number; decision: "accept" | "decline"; note?: string };

/**
 * Accepting moves the file to the receiving station with a routine visit there, or, out of the network, closes it
 * as exited; declining gives the old station its routine visits back.
 */
export async function decideTransfer({
  input: { transferId, decision, note },
  ...writer
}: Writer & { input: TransferDecision }): Promise<WriteResult<{ id: number; personId: number }> | null> {
  const { user, actor, key, now = new Date() } = writer;
  const result = await write({ user, key, action: "transfer.decide" }, async (tx) => {
    const [transfer] = await tx
      .select()
      .from(transfers)
      .where(and(eq(transfers.id, transferId), decidableBy(user)))
      .for("update");
    if (!transfer) return null;
    if (transfer.status !== "pending") refuse(formProblem("visits:errors.transferDecided"));
    if (decision === "decline" && !note) refuse(fieldProblem("note", "visits:errors.declineNeedsNote"));
    await tx
      .update(transfers)
      .set({
        status: decision === "accept" ? "accepted" : "declined",
        decisionNote: note ?? null,
        decidedBy: user.id,
        decidedAt: now,
      })
      .where(eq(transfers.id, transferId));
    const outside = transfer.toStationId === null;
    if (decision === "accept" && outside)
      await tx
        .update(people)
        .set({
          status: "exited",
          statusOn: todayInShanghai(now),
          statusReason: transfer.destination ?? "迁出",
        })
        .where(and(eq(people.id, transfer.personId), eq(people.status, "active")));
    else {
      if (decision === "accept")
        await tx
          .update(people)
          .set({
            stationId: transfer.toStationId,
            ...(transfer.toVillageId ? { villageId: transfer.toVillageId } : {}),
          })
          .where(eq(people.id, transfer.personId));
      const here = user.scope.kind === "station" && user.scope.facilityId === transfer.toStationId;
      await ensureRoutineVisit(tx, {
        personId: transfer.personId,
        now,
        assignedUserId: decision === "accept" && here ? user.id : null,
      });
    }
    await recordAudit(tx, actor, {
      action: `transfer.${decision}`,
      entityType: "person",
      entityId: transfer.personId,
      changes: { transferId, toStationId: transfer.toStationId, outside },
      reason: note ?? null,
    });
    return { id: transferId, personId: transfer.personId };
  });
  if (result?.ok) void nudgeReminders();
  return result;
}

/** A person's transfers, newest first, for their file. */
export async function transfersOfPerson(personId: number, database: DbOrTx = db) {
  return database
    .select({
      id: transfers.id,
      status: transfers.status,
      toStationName: toStation.name,
      destination: transfers.destination,
      createdAt: transfers.createdAt,
    })
    .from(transfers)
    .leftJoin(toStation, eq(toStation.id, transfers.toStationId))
    .where(eq(transfers.personId, personId))
    .orderBy(desc(transfers.createdAt));
}

/** Every operating or planned social-work station but this one, for a person who moved. */
export async function receivingStations(exceptStationId: number) {
  return db
    .select({ id: facilities.id, name: facilities.name })
    .from(facilities)
    .where(and(eq(facilities.kind, "social_work_station"), sql`${facilities.id} <> ${exceptStationId}`))
    .orderBy(facilities.name);
}
