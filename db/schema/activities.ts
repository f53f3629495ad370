// Service activities (服务活动) logged by organizations under a contract, with photos, people served and review flags.
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import {
  createdAt,
  enumCheck,
  photoColumns,
  point,
  pointChecks,
  requiredRef,
  rowVersion,
  timestamps,
} from "./_columns";
import { contracts } from "./contracts";
import { activityFlagStatuses, activityKinds, editRequestStatuses } from "./enums";
import { facilities } from "./facilities";
import { organizations } from "./organizations";
import { people } from "./people";
import { careProjects } from "./projects";
import { users } from "./users";

export type { ActivityKind } from "./enums";
export { activityFlagStatuses, activityKinds, editRequestStatuses } from "./enums";

export const activities = pgTable(
  "activities",
  {
    id: serial().primaryKey(),
    contractId: requiredRef(() => contracts.id, "restrict"),
    /** Copied from the contract when logged so scope filters need no join. */
    organizationId: requiredRef(() => organizations.id, "restrict"),
    facilityId: integer().references(() => facilities.id, { onDelete: "restrict" }),
    careProjectId: integer().references(() => careProjects.id, { onDelete: "restrict" }),
    occurredOn: date().notNull(),
    kind: text({ enum: activityKinds }).notNull(),
    participants: integer().notNull(),
    personTimes: integer().notNull(),
    hours: numeric({ precision: 6, scale: 1 }).notNull().default("0"),
    summary: text().notNull(),
    ...point(),
    /** Sent by the form; a retried or double-clicked submit finds the first row instead of inserting again. */
    idempotencyKey: uuid().unique("activities_idempotency_key_unique"),
    /** Raised by a trigger on every change of the row (ADR 014). */
    version: rowVersion(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
    deletedAt: timestamp({ withTimezone: true }),
    deletedBy: integer().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    enumCheck("activities_kind", "kind", activityKinds),
    check("activities_participants", sql`${t.participants} >= 0`),
    check("activities_person_times", sql`${t.personTimes} >= ${t.participants}`),
    check("activities_hours", sql`${t.hours} >= 0 AND ${t.hours} <= 1000`),
    check("activities_one_subject", sql`(${t.facilityId} IS NULL) <> (${t.careProjectId} IS NULL)`),
    check("activities_summary_present", sql`length(btrim(${t.summary})) > 0`),
    ...pointChecks("activities"),
    index("activities_contract_idx").on(t.contractId, t.occurredOn),
    index("activities_org_idx").on(t.organizationId, t.occurredOn),
    index("activities_facility_idx").on(t.facilityId, t.occurredOn),
    index("activities_project_idx").on(t.careProjectId, t.occurredOn),
  ],
);

/** The people in care an activity served; linking counts toward their visits. */
export const activityPeople = pgTable(
  "activity_people",
  {
    activityId: requiredRef(() => activities.id, "cascade"),
    personId: requiredRef(() => people.id, "cascade"),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.personId] }),
    index("activity_people_person_idx").on(t.personId),
  ],
);

export const activityPhotos = pgTable(
  "activity_photos",
  {
    id: serial().primaryKey(),
    activityId: requiredRef(() => activities.id, "cascade"),
    ...photoColumns(),
  },
  (t) => [
    check("activity_photos_mime", sql`${t.mimeType} IN ('image/jpeg','image/png','image/webp')`),
    check("activity_photos_bytes", sql`${t.bytes} > 0`),
    index("activity_photos_activity_idx").on(t.activityId),
  ],
);

/** A planner's question about an activity and the organization's answer. */
export const activityFlags = pgTable(
  "activity_flags",
  {
    id: serial().primaryKey(),
    activityId: requiredRef(() => activities.id, "cascade"),
    comment: text().notNull(),
    flaggedBy: integer().references(() => users.id, { onDelete: "set null" }),
    response: text(),
    respondedBy: integer().references(() => users.id, { onDelete: "set null" }),
    respondedAt: timestamp({ withTimezone: true }),
    status: text({ enum: activityFlagStatuses }).notNull().default("open"),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    enumCheck("activity_flags_status", "status", activityFlagStatuses),
    index("activity_flags_activity_idx").on(t.activityId),
  ],
);

/** Edits to an activity older than 7 days wait here for a planner's approval. */
export const activityEditRequests = pgTable(
  "activity_edit_requests",
  {
    id: serial().primaryKey(),
    activityId: requiredRef(() => activities.id, "cascade"),
    changes: jsonb().$type<Record<string, unknown>>().notNull(),
    reason: text(),
    requestedBy: integer().references(() => users.id, { onDelete: "set null" }),
    status: text({ enum: editRequestStatuses }).notNull().default("pending"),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    enumCheck("activity_edit_requests_status", "status", editRequestStatuses),
    index("activity_edit_requests_activity_idx").on(t.activityId),
  ],
);
