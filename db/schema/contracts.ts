// Contracts (购买服务合同): an organization runs one facility or one care project for a period and an amount.
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { enumCheck, fen, requiredRef, timestamps } from "./_columns";
import { contractStatuses, procurementMethods } from "./enums";
import { facilities } from "./facilities";
import { organizations } from "./organizations";
import { careProjects } from "./projects";
import { users } from "./users";

export type { ContractStatus, ProcurementMethod } from "./enums";
export { contractStatuses, procurementMethods } from "./enums";

/** What the organization promised; every field is optional, a missing one is not measured. */
export type ContractDeliverables = {
  activitiesPerMonth?: number;
  personTimesPerYear?: number;
  homeVisitsPerPersonPerYear?: number;
  peopleServed?: number;
  notes?: string;
};

export const contracts = pgTable(
  "contracts",
  {
    id: serial().primaryKey(),
    /** Contract number as printed on the agreement. */
    code: text().notNull().unique(),
    title: text().notNull(),
    organizationId: requiredRef(() => organizations.id, "restrict"),
    facilityId: integer().references(() => facilities.id, { onDelete: "restrict" }),
    careProjectId: integer().references(() => careProjects.id, { onDelete: "restrict" }),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    amountFen: fen().notNull(),
    procurementMethod: text({ enum: procurementMethods }).notNull(),
    deliverables: jsonb().$type<ContractDeliverables>().notNull().default({}),
    status: text({ enum: contractStatuses }).notNull().default("draft"),
    activatedAt: timestamp({ withTimezone: true }),
    activatedBy: integer().references(() => users.id, { onDelete: "set null" }),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: integer().references(() => users.id, { onDelete: "set null" }),
    closeReason: text(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    check("contracts_period", sql`${t.endsOn} >= ${t.startsOn}`),
    check("contracts_amount_non_negative", sql`${t.amountFen} >= 0`),
    check("contracts_one_subject", sql`(${t.facilityId} IS NULL) <> (${t.careProjectId} IS NULL)`),
    check("contracts_deliverables_object", sql`jsonb_typeof(${t.deliverables}) = 'object'`),
    enumCheck("contracts_status", "status", contractStatuses),
    enumCheck("contracts_procurement_method", "procurement_method", procurementMethods),
    index("contracts_organization_idx").on(t.organizationId),
    index("contracts_facility_idx").on(t.facilityId),
    index("contracts_project_idx").on(t.careProjectId),
    // The "one active contract per facility/project per day" rule is an EXCLUDE constraint in migration 0001.
  ],
);
