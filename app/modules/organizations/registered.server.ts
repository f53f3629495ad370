// Which organizations a region's report counts as registered there (ADR 010 rule 2: one definition beside its
// owner): registered in a region under the region by the report's day, and not deregistered.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { organizations, regions } from "#db/schema";
import { literalNe } from "~/utils/sql-literals";

/** An organization (o) and the region it is registered in (r), joined `on r.id = o.region_id`. */
export const registeredOrganization = { o: alias(organizations, "o"), r: alias(regions, "r") };
const { o, r } = registeredOrganization;

/** Whether organization `o` (with its region `r`) is registered under the region (a code pattern) on `asOf`. */
export function organizationRegisteredIn(regionPattern: string, asOf: string): SQL {
  return sql`(${r.code} like ${regionPattern} and ${literalNe(o.status, "deregistered")}
    and (${o.registeredOn} is null or ${o.registeredOn} <= ${asOf}))`;
}
