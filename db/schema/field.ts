// Work in the field (issue 13): conflicts between late writes and newer rows, referrals made on a home visit,
// transfers of a person who moved, plausibility flags on recorded visits, and a visit's photos.
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, enumCheck, photoColumns, requiredRef, timestamps } from "./_columns";
import { activities } from "./activities";
import {
  conflictKinds,
  conflictResolutions,
  conflictStatuses,
  referralKinds,
  referralResults,
  referralStatuses,
  transferStatuses,
  visitFlagKinds,
  visitFlagStatuses,
} from "./enums";
import { facilities } from "./facilities";
import { people } from "./people";
import { regions } from "./regions";
import { users } from "./users";
import { visits } from "./visits";
import { trainings } from "./workforce";

/**
 * A write that was based on an older version of its row (ADR 014): not applied, kept here with both versions until
 * the worker (or the station head, or a planner in scope) keeps one or merges the notes.
 */
export const conflicts = pgTable(
  "conflicts",
  {
    id: serial().primaryKey(),
    kind: text({ enum: conflictKinds }).notNull(),
    /** The visit, person or activity the write was for. */
    entityId: integer().notNull(),
    /** Who sent the write that was not applied. */
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    /** Scope: the person of a visit or a file (their station decides who sees it) or the activity. */
    personId: integer().references(() => people.id, { onDelete: "cascade" }),
    activityId: integer().references(() => activities.id, { onDelete: "cascade" }),
    /** Scope of a training's conflict: the training (its region decides who sees it). */
    trainingId: integer().references(() => trainings.id, { onDelete: "cascade" }),
    stationId: integer().references(() => facilities.id, { onDelete: "set null" }),
    baseVersion: integer().notNull(),
    theirVersion: integer().notNull(),
    /** The row as it was when the write came ("theirs") and what the write asked for ("yours"). */
    theirs: jsonb().$type<Record<string, unknown>>().notNull(),
    yours: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: conflictStatuses }).notNull().default("open"),
    resolution: text({ enum: conflictResolutions }),
    resolvedBy: integer().references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp({ withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    enumCheck("conflicts_kind", "kind", conflictKinds),
    enumCheck("conflicts_status", "status", conflictStatuses),
    check("conflicts_resolution", sql`(${t.status} = 'resolved') = (${t.resolution} IS NOT NULL)`),
    check(
      "conflicts_scope",
      sql`${t.personId} IS NOT NULL OR ${t.activityId} IS NOT NULL OR ${t.trainingId} IS NOT NULL`,
    ),
    index("conflicts_user_idx").on(t.userId, t.status),
    index("conflicts_station_idx").on(t.stationId, t.status),
  ],
);

/** A referral made on a home visit (转介): open until its result is recorded. */
export const referrals = pgTable(
  "referrals",
  {
    id: serial().primaryKey(),
    visitId: requiredRef(() => visits.id, "cascade"),
    personId: requiredRef(() => people.id, "cascade"),
    stationId: requiredRef(() => facilities.id, "restrict"),
    kind: text({ enum: referralKinds }).notNull(),
    note: text(),
    status: text({ enum: referralStatuses }).notNull().default("open"),
    result: text({ enum: referralResults }),
    resultNote: text(),
    resultOn: date(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    closedBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    enumCheck("referrals_kind", "kind", referralKinds),
    enumCheck("referrals_status", "status", referralStatuses),
    check("referrals_closed_has_result", sql`(${t.status} = 'closed') = (${t.result} IS NOT NULL)`),
    index("referrals_person_idx").on(t.personId),
    // why: the statistics count open referrals per station.
    index("referrals_open_station_idx").on(t.stationId).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * A person who moved: the old station's routine visits stop, and the receiving station (or, for a place outside the
 * network, the planners of the county above the old station) accepts them.
 */
export const transfers = pgTable(
  "transfers",
  {
    id: serial().primaryKey(),
    personId: requiredRef(() => people.id, "cascade"),
    visitId: integer().references(() => visits.id, { onDelete: "set null" }),
    fromStationId: requiredRef(() => facilities.id, "restrict"),
    /** Null: the new place is outside the network; the planners above the old station decide. */
    toStationId: integer().references(() => facilities.id, { onDelete: "restrict" }),
    toVillageId: integer().references(() => regions.id, { onDelete: "set null" }),
    destination: text(),
    status: text({ enum: transferStatuses }).notNull().default("pending"),
    decisionNote: text(),
    requestedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    enumCheck("transfers_status", "status", transferStatuses),
    check("transfers_elsewhere", sql`${t.toStationId} IS DISTINCT FROM ${t.fromStationId}`),
    index("transfers_to_idx").on(t.toStationId, t.status),
    index("transfers_from_idx").on(t.fromStationId, t.status),
    index("transfers_person_idx").on(t.personId),
  ],
);

/** A plausibility check that a recorded visit raised (no flag blocks saving); the worker answers, a planner resolves. */
export const visitFlags = pgTable(
  "visit_flags",
  {
    id: serial().primaryKey(),
    visitId: requiredRef(() => visits.id, "cascade"),
    stationId: requiredRef(() => facilities.id, "restrict"),
    kind: text({ enum: visitFlagKinds }).notNull(),
    /** The figures that raised it (distance, minutes, the other visit …), for the reviewer. */
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: text({ enum: visitFlagStatuses }).notNull().default("open"),
    response: text(),
    respondedBy: integer().references(() => users.id, { onDelete: "set null" }),
    respondedAt: timestamp({ withTimezone: true }),
    resolvedBy: integer().references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    enumCheck("visit_flags_kind", "kind", visitFlagKinds),
    enumCheck("visit_flags_status", "status", visitFlagStatuses),
    index("visit_flags_visit_idx").on(t.visitId),
    index("visit_flags_station_idx").on(t.stationId, t.status),
  ],
);

/** A photo taken on a home visit, stored like an activity's photos, with its perceptual hash. */
export const visitPhotos = pgTable(
  "visit_photos",
  {
    id: serial().primaryKey(),
    visitId: requiredRef(() => visits.id, "cascade"),
    ...photoColumns(),
  },
  (t) => [
    check("visit_photos_mime", sql`${t.mimeType} IN ('image/jpeg','image/png','image/webp')`),
    index("visit_photos_visit_idx").on(t.visitId),
    // why: the reused-photo check looks a hash up among all visits' photos.
    index("visit_photos_phash_idx").on(t.phash),
  ],
);

export type { ConflictKind, ConflictResolution, ReferralKind, TransferStatus, VisitFlagKind } from "./enums";
export {
  conflictKinds,
  conflictResolutions,
  conflictStatuses,
  referralKinds,
  referralResults,
  referralStatuses,
  transferStatuses,
  visitFlagKinds,
  visitFlagStatuses,
} from "./enums";
