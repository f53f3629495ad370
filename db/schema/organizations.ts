// Social organizations (社会组织) that the bureau contracts to run facilities and care projects.
import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { enumCheck, requiredRef, timestamps } from "./_columns";
import { organizationKinds, organizationStatuses } from "./enums";
import { regions } from "./regions";

export type { OrganizationKind, OrganizationStatus } from "./enums";
export { organizationKinds, organizationStatuses } from "./enums";

export const organizations = pgTable(
  "organizations",
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    /** 统一社会信用代码, GB 32100-2015: 18 characters from 0-9 and A-Z without I, O, S, V, Z. */
    creditCode: char({ length: 18 }).notNull().unique("organizations_credit_code_unique"),
    kind: text({ enum: organizationKinds }).notNull(),
    /** Where it is registered; planners of this region (and above) manage it. */
    regionId: requiredRef(() => regions.id, "restrict"),
    registeredOn: date(),
    hasPartyBranch: boolean().notNull().default(false),
    contactName: text(),
    contactPhone: text(),
    contactEmail: text(),
    address: text(),
    status: text({ enum: organizationStatuses }).notNull().default("active"),
    ...timestamps(),
  },
  (t) => [
    check("organizations_credit_code_format", sql`${t.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'`),
    check("organizations_name_present", sql`length(btrim(${t.name})) > 0`),
    enumCheck("organizations_kind", "kind", organizationKinds),
    enumCheck("organizations_status", "status", organizationStatuses),
    index("organizations_region_idx").on(t.regionId),
  ],
);
