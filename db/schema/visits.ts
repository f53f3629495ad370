// Visit rules, home and follow-up visits (走访 / 回访), the reminders outbox and in-app notifications.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, enumCheck, requiredRef, rowVersion, timestamps } from "./_columns";
import {
  reminderChannels,
  reminderKinds,
  reminderStatuses,
  visitKinds,
  visitOutcomes,
  visitStatuses,
} from "./enums";
import { facilities } from "./facilities";
import { people } from "./people";
import { regions } from "./regions";
import { groupRobots } from "./robots";
import { users } from "./users";

export type {
  ReminderChannel,
  ReminderKind,
  ReminderStatus,
  VisitKind,
  VisitOutcome,
  VisitStatus,
} from "./enums";
export {
  reminderChannels,
  reminderKinds,
  reminderStatuses,
  visitKinds,
  visitOutcomes,
  visitStatuses,
} from "./enums";

/** A rule sets the cadence for one category or one risk tier, optionally only inside a region; the shortest applicable interval wins. */
export const visitRules = pgTable(
  "visit_rules",
  {
    id: serial().primaryKey(),
    regionId: integer().references(() => regions.id, { onDelete: "cascade" }),
    category: text(),
    riskTier: text(),
    intervalDays: integer().notNull(),
    note: text(),
    updatedBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    check("visit_rules_interval", sql`${t.intervalDays} BETWEEN 1 AND 366`),
    check("visit_rules_one_subject", sql`(${t.category} IS NULL) <> (${t.riskTier} IS NULL)`),
    check("visit_rules_risk_tier", sql`${t.riskTier} IS NULL OR ${t.riskTier} IN ('high','key','normal')`),
    // why: NULL region means "everywhere"; COALESCE makes that one unique slot per category/tier.
    uniqueIndex("visit_rules_subject_unique").on(
      sql`coalesce(${t.regionId}, 0)`,
      sql`coalesce(${t.category}, '')`,
      sql`coalesce(${t.riskTier}, '')`,
    ),
  ],
);

export const visits = pgTable(
  "visits",
  {
    id: serial().primaryKey(),
    personId: requiredRef(() => people.id, "cascade"),
    stationId: requiredRef(() => facilities.id, "restrict"),
    assignedUserId: integer().references(() => users.id, { onDelete: "set null" }),
    kind: text({ enum: visitKinds }).notNull().default("routine"),
    dueOn: date().notNull(),
    scheduledAt: timestamp({ withTimezone: true }),
    status: text({ enum: visitStatuses }).notNull().default("scheduled"),
    outcome: text({ enum: visitOutcomes }),
    outcomeReason: text(),
    notes: text(),
    completedAt: timestamp({ withTimezone: true }),
    completedBy: integer().references(() => users.id, { onDelete: "set null" }),
    followUpOfId: integer().references((): AnyPgColumn => visits.id, { onDelete: "set null" }),
    /** Raised by a trigger on every change of the row (ADR 014): a write based on an older version is a conflict. */
    version: rowVersion(),
    /** The structured home-visit record (入户走访记录), validated by app/modules/visits/record.ts; `v` is its version. */
    record: jsonb().$type<Record<string, unknown>>(),
    /** "Hospitalised": the cadence pauses until this day, when the next routine visit is due. */
    returnOn: date(),
    /** When the server stored the outcome, and the device's clock at that moment (plausibility, ADR 014). */
    recordedAt: timestamp({ withTimezone: true }),
    deviceTime: timestamp({ withTimezone: true }),
    /** The device's position when recording, only with the worker's consent, and its accuracy in metres. */
    lat: doublePrecision(),
    lng: doublePrecision(),
    accuracyM: doublePrecision(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("visits_kind", "kind", visitKinds),
    check("visits_point_complete", sql`(${t.lat} IS NULL) = (${t.lng} IS NULL)`),
    enumCheck("visits_status", "status", visitStatuses),
    check(
      "visits_outcome",
      sql`${t.outcome} IS NULL OR ${t.outcome} IN ('visited','not_home','moved','hospitalised','needs_follow_up','deceased')`,
    ),
    check("visits_completed_has_outcome", sql`${t.status} <> 'completed' OR ${t.outcome} IS NOT NULL`),
    check("visits_follow_up_linked", sql`${t.kind} <> 'follow_up' OR ${t.followUpOfId} IS NOT NULL`),
    index("visits_station_due_idx").on(t.stationId, t.status, t.dueOn),
    index("visits_person_idx").on(t.personId, t.dueOn),
    index("visits_assigned_idx").on(t.assignedUserId, t.status, t.dueOn),
    // why: the plausibility check reads a worker's other visits of the same two days on every recorded outcome
    // (without it, 1 s per outcome at full size: a scan of every completed visit).
    index("visits_completed_by_at_idx")
      .on(t.completedBy, t.completedAt)
      .where(sql`${t.completedAt} IS NOT NULL`),
    // why: the scheduler scans open visits by due date across all stations.
    index("visits_open_due_idx").on(t.dueOn).where(sql`${t.status} = 'scheduled'`),
    // At most one open routine visit per person: rescheduling moves it, never duplicates it.
    uniqueIndex("visits_one_open_routine")
      .on(t.personId)
      .where(sql`${t.status} = 'scheduled' AND ${t.kind} = 'routine'`),
  ],
);

/** The outbox: PostgreSQL is the source of truth; only a rolling window is copied into the queue. */
export const reminders = pgTable(
  "reminders",
  {
    id: serial().primaryKey(),
    kind: text({ enum: reminderKinds }).notNull(),
    /** What it is about, e.g. 'visit' / 42 or 'contract' / 7. */
    subjectType: text().notNull(),
    subjectId: integer().notNull(),
    recipientUserId: integer().references(() => users.id, { onDelete: "cascade" }),
    /** Address for the channel: email address or webhook URL; null for in-app and for a group robot's row. */
    recipientAddress: text(),
    /** The region's or station's group robot a webhook row goes to (its address is sealed there); null: the address. */
    robotId: integer().references(() => groupRobots.id, { onDelete: "restrict" }),
    channel: text({ enum: reminderChannels }).notNull(),
    sendAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: reminderStatuses }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    dedupeKey: text().notNull().unique("reminders_dedupe_key_unique"),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    sentAt: timestamp({ withTimezone: true }),
    /**
     * An email or webhook attempt's claim, committed before it sends: its token, and when it stops keeping other
     * attempts off the row. Both null when nobody is sending. A claim still there after it ran out was left by an
     * attempt that died after claiming, so the message may be out already.
     */
    sendClaim: uuid(),
    sendClaimedUntil: timestamp({ withTimezone: true }),
    /** Sent again after such an interrupted attempt (same idempotency key): the receiver may have it twice. */
    resentAfterInterruption: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    enumCheck("reminders_kind", "kind", reminderKinds),
    enumCheck("reminders_channel", "channel", reminderChannels),
    enumCheck("reminders_status", "status", reminderStatuses),
    check("reminders_attempts", sql`${t.attempts} >= 0`),
    check(
      "reminders_recipient",
      sql`${t.recipientUserId} IS NOT NULL OR ${t.recipientAddress} IS NOT NULL OR ${t.robotId} IS NOT NULL`,
    ),
    check("reminders_send_claim_complete", sql`(${t.sendClaim} IS NULL) = (${t.sendClaimedUntil} IS NULL)`),
    // why: the reconciler reads "what is due and not yet sent" in send_at order.
    index("reminders_open_send_at_idx").on(t.sendAt).where(sql`${t.status} IN ('pending','queued')`),
    index("reminders_subject_idx").on(t.subjectType, t.subjectId),
    // why: removing a robot hands its unsent rows to the next robot up.
    index("reminders_robot_open_idx").on(t.robotId).where(sql`${t.status} IN ('pending','queued')`),
    // why: the admin page lists the rare reminders that may have arrived twice, newest first, out of a large outbox.
    index("reminders_resent_idx").on(t.sentAt).where(sql`${t.resentAfterInterruption}`),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: serial().primaryKey(),
    userId: requiredRef(() => users.id, "cascade"),
    /** Delivering the same reminder twice lands on this unique key instead of a second notification. */
    reminderId: integer()
      .unique("notifications_reminder_id_unique")
      .references(() => reminders.id, { onDelete: "set null" }),
    title: text().notNull(),
    body: text(),
    link: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_unread_idx").on(t.userId, t.readAt)],
);
