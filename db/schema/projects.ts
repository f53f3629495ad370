// Care projects (关爱项目), e.g. a county's left-behind and distressed children care project.
import { sql } from "drizzle-orm";
import { check, date, index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { enumCheck, requiredRef, timestamps } from "./_columns";
import { careProjectKinds } from "./enums";
import { regions } from "./regions";

export type { CareProjectKind } from "./enums";
export { careProjectKinds } from "./enums";

export const careProjects = pgTable(
  "care_projects",
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text({ enum: careProjectKinds }).notNull(),
    regionId: requiredRef(() => regions.id, "restrict"),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    description: text(),
    ...timestamps(),
  },
  (t) => [
    check("care_projects_period", sql`${t.endsOn} >= ${t.startsOn}`),
    check("care_projects_name_present", sql`length(btrim(${t.name})) > 0`),
    enumCheck("care_projects_kind", "kind", careProjectKinds),
    index("care_projects_region_idx").on(t.regionId),
  ],
);
