// The people who work at stations and centres, their qualifications, and the trainings they attend.
import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { createdAt, enumCheck, requiredRef, rowVersion, timestamps } from "./_columns";
import { facilities } from "./facilities";
import { organizations } from "./organizations";
import { regions } from "./regions";
import { users } from "./users";
import { certificateKinds, socialWorkLevels, workerRoles } from "./workforce-enums";

export type { CertificateKind, SocialWorkLevel, WorkerRole } from "./workforce-enums";
export { certificateKinds, socialWorkLevels, workerRoles } from "./workforce-enums";

export const workers = pgTable(
  "workers",
  {
    id: serial().primaryKey(),
    fullName: text().notNull(),
    /** The worker's own account, where they have one. */
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    facilityId: requiredRef(() => facilities.id, "restrict"),
    /** The organization under contract that employs them; null: employed by the station or centre itself. */
    employerOrganizationId: integer().references(() => organizations.id, { onDelete: "restrict" }),
    role: text({ enum: workerRoles }).notNull(),
    phone: text(),
    socialWorkLevel: text({ enum: socialWorkLevels }),
    socialWorkCertificateNo: text(),
    socialWorkYear: integer(),
    startsOn: date().notNull(),
    endsOn: date(),
    endReason: text(),
    ...timestamps(),
  },
  (t) => [
    check("workers_name_present", sql`length(btrim(${t.fullName})) > 0`),
    enumCheck("workers_role", "role", workerRoles),
    check(
      "workers_social_work_level",
      sql`${t.socialWorkLevel} IS NULL OR ${t.socialWorkLevel} IN ('assistant','intermediate','senior')`,
    ),
    // A qualification is a level with its certificate; no number or year without a level.
    check(
      "workers_qualification_complete",
      sql`(${t.socialWorkLevel} IS NULL) = (${t.socialWorkCertificateNo} IS NULL) AND (${t.socialWorkLevel} IS NOT NULL OR ${t.socialWorkYear} IS NULL)`,
    ),
    check(
      "workers_social_work_year",
      sql`${t.socialWorkYear} IS NULL OR ${t.socialWorkYear} BETWEEN 2008 AND 2100`,
    ),
    check("workers_dates", sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
    index("workers_facility_idx").on(t.facilityId, t.startsOn),
    index("workers_employer_idx").on(t.employerOrganizationId),
    index("workers_user_idx").on(t.userId),
  ],
);

/** Vocational certificates besides the social-work qualification (养老护理员 …). */
export const workerCertificates = pgTable(
  "worker_certificates",
  {
    id: serial().primaryKey(),
    workerId: requiredRef(() => workers.id, "cascade"),
    kind: text({ enum: certificateKinds }).notNull(),
    /** The certificate's name when the kind is "other". */
    name: text(),
    number: text(),
    year: integer(),
  },
  (t) => [
    enumCheck("worker_certificates_kind", "kind", certificateKinds),
    check(
      "worker_certificates_other_named",
      sql`${t.kind} <> 'other' OR length(btrim(coalesce(${t.name}, ''))) > 0`,
    ),
    check("worker_certificates_year", sql`${t.year} IS NULL OR ${t.year} BETWEEN 1980 AND 2100`),
    index("worker_certificates_worker_idx").on(t.workerId),
  ],
);

/** A training event: who organized it, when, for how long, on what; its region decides who sees it. */
export const trainings = pgTable(
  "trainings",
  {
    id: serial().primaryKey(),
    regionId: requiredRef(() => regions.id, "restrict"),
    heldOn: date().notNull(),
    organizer: text().notNull(),
    topic: text().notNull(),
    hours: doublePrecision().notNull(),
    /** People from outside the register (village cadres, civil-affairs workers), counted but not named. */
    outsideParticipants: integer().notNull().default(0),
    notes: text(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    /**
     * When it was last edited. Also a change of the row, so an edit that changes only the participants (kept in
     * their own table) still raises the version.
     */
    editedAt: timestamp({ withTimezone: true }),
    /** Raised by the raise_row_version trigger on every change (ADR 014): a stale edit form becomes a conflict. */
    version: rowVersion(),
  },
  (t) => [
    check("trainings_hours", sql`${t.hours} > 0 AND ${t.hours} <= 500`),
    check("trainings_outside_participants", sql`${t.outsideParticipants} >= 0`),
    check("trainings_topic_present", sql`length(btrim(${t.topic})) > 0`),
    check("trainings_organizer_present", sql`length(btrim(${t.organizer})) > 0`),
    index("trainings_region_held_idx").on(t.regionId, t.heldOn),
  ],
);

export const trainingParticipants = pgTable(
  "training_participants",
  {
    trainingId: requiredRef(() => trainings.id, "cascade"),
    workerId: requiredRef(() => workers.id, "cascade"),
  },
  (t) => [
    primaryKey({ columns: [t.trainingId, t.workerId] }),
    // why: a worker's training hours are summed per worker for the figures.
    index("training_participants_worker_idx").on(t.workerId),
  ],
);
