// Users, their scope (region / organization / station), server-side sessions and sign-in throttling.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { createdAt, enumCheck, requiredRef, timestamps } from "./_columns";
import { locales, roles } from "./enums";
import { facilities } from "./facilities";
import { organizations } from "./organizations";
import { regions } from "./regions";

export type { Locale, Role } from "./enums";
export { locales, roles } from "./enums";

export const users = pgTable(
  "users",
  {
    id: serial().primaryKey(),
    email: text().notNull().unique(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: roles }).notNull(),
    regionId: integer().references(() => regions.id, { onDelete: "restrict" }),
    organizationId: integer().references(() => organizations.id, { onDelete: "restrict" }),
    facilityId: integer().references(() => facilities.id, { onDelete: "restrict" }),
    /** The station head is the next level up for visit escalations. */
    isStationHead: boolean().notNull().default(false),
    phone: text(),
    locale: text({ enum: locales }).notNull().default("zh-CN"),
    disabledAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    totpSecretCipher: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The last TOTP time step accepted, so a code cannot be replayed within its validity window. */
    totpLastStep: integer(),
    /** Set by an administrator: the user must choose a new password at next sign-in. */
    mustChangePassword: boolean().notNull().default(false),
    calendarTokenHash: text().unique("users_calendar_token_hash_unique"),
    ...timestamps(),
  },
  (t) => [
    enumCheck("users_role", "role", roles),
    enumCheck("users_locale", "locale", locales),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email}) AND ${t.email} LIKE '%_@_%'`),
    check(
      "users_scope_matches_role",
      sql`CASE ${t.role}
        WHEN 'admin' THEN true
        WHEN 'planner' THEN ${t.regionId} IS NOT NULL
        WHEN 'auditor' THEN ${t.regionId} IS NOT NULL
        WHEN 'org_staff' THEN ${t.organizationId} IS NOT NULL
        WHEN 'station_staff' THEN ${t.facilityId} IS NOT NULL
      END`,
    ),
    index("users_facility_idx").on(t.facilityId),
    index("users_organization_idx").on(t.organizationId),
    index("users_region_idx").on(t.regionId),
  ],
);

/** Server-side sessions: the cookie carries only the id, so logout and disabling a user take effect at once. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: inet(),
    userAgent: text(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial().primaryKey(),
    email: text().notNull(),
    ip: inet(),
    succeeded: boolean().notNull(),
    at: createdAt(),
  },
  (t) => [
    index("sign_in_attempts_email_at_idx").on(t.email, t.at),
    index("sign_in_attempts_ip_at_idx").on(t.ip, t.at),
  ],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: serial().primaryKey(),
    userId: requiredRef(() => users.id, "cascade"),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * Further roles of one account beside the one on `users` (its primary role): a worker of the organization that
 * runs a station is organization staff of it and station staff of the station. Each carries its own scope, checked
 * the same way as the user's own.
 */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: serial().primaryKey(),
    userId: requiredRef(() => users.id, "cascade"),
    role: text({ enum: roles }).notNull(),
    regionId: integer().references(() => regions.id, { onDelete: "restrict" }),
    organizationId: integer().references(() => organizations.id, { onDelete: "restrict" }),
    facilityId: integer().references(() => facilities.id, { onDelete: "restrict" }),
    isStationHead: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    enumCheck("role_assignments_role", "role", roles),
    check(
      "role_assignments_scope_matches_role",
      sql`CASE ${t.role}
        WHEN 'admin' THEN false
        WHEN 'planner' THEN ${t.regionId} IS NOT NULL
        WHEN 'auditor' THEN false
        WHEN 'org_staff' THEN ${t.organizationId} IS NOT NULL
        WHEN 'station_staff' THEN ${t.facilityId} IS NOT NULL
      END`,
    ),
    index("role_assignments_user_idx").on(t.userId),
  ],
);
