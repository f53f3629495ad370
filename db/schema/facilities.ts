// Service facilities: township social-work stations, day-care centres, happiness homes and the rest.
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { createdAt, enumCheck, nonNegative, point, pointChecks, requiredRef, timestamps } from "./_columns";
import { facilityKinds, facilityStatuses } from "./enums";
import { regions } from "./regions";
import { users } from "./users";

export type { FacilityKind, FacilityStatus } from "./enums";
export { coveringFacilityStatuses, facilityKinds, facilityStatuses, isCoveringStatus } from "./enums";

export const facilities = pgTable(
  "facilities",
  {
    id: serial().primaryKey(),
    /** Stable public code, e.g. 540402101000-SW01: township code, kind letters, sequence. */
    code: text().notNull().unique(),
    kind: text({ enum: facilityKinds }).notNull(),
    name: text().notNull(),
    townshipId: requiredRef(() => regions.id, "restrict"),
    villageId: integer().references(() => regions.id, { onDelete: "restrict" }),
    address: text(),
    ...point(),
    status: text({ enum: facilityStatuses }).notNull().default("planned"),
    openedOn: date(),
    capacity: integer(),
    /** How many workers the station or centre should have (编制); null: no target set. Who works there: `workers`. */
    staffTarget: integer(),
    serviceRadiusM: integer().notNull().default(15000),
    phone: text(),
    notes: text(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("facilities_kind", "kind", facilityKinds),
    enumCheck("facilities_status", "status", facilityStatuses),
    check("facilities_name_present", sql`length(btrim(${t.name})) > 0`),
    check("facilities_radius_positive", sql`${t.serviceRadiusM} > 0 AND ${t.serviceRadiusM} <= 500000`),
    nonNegative("facilities_capacity", "capacity"),
    check(
      "facilities_staff_target",
      sql`${t.staffTarget} IS NULL OR (${t.staffTarget} >= 0 AND ${t.staffTarget} <= 1000)`,
    ),
    ...pointChecks("facilities"),
    index("facilities_township_idx").on(t.townshipId),
    index("facilities_kind_status_idx").on(t.kind, t.status),
  ],
);

/** Every status change with the day it took effect; the facility row holds the current status. */
export const facilityStatusHistory = pgTable(
  "facility_status_history",
  {
    id: serial().primaryKey(),
    facilityId: requiredRef(() => facilities.id, "cascade"),
    fromStatus: text({ enum: facilityStatuses }),
    toStatus: text({ enum: facilityStatuses }).notNull(),
    effectiveOn: date().notNull(),
    note: text(),
    changedBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    enumCheck("facility_status_history_to", "to_status", facilityStatuses),
    check(
      "facility_status_history_from",
      sql`${t.fromStatus} IS NULL OR ${t.fromStatus} IN (${sql.raw(facilityStatuses.map((s) => `'${s}'`).join(","))})`,
    ),
    index("facility_status_history_facility_idx").on(t.facilityId, t.effectiveOn),
  ],
);
