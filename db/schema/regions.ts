// Administrative divisions (行政区划) with their official 12-digit codes; the code prefix is the hierarchy.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  varchar,
} from "drizzle-orm/pg-core";
import { enumCheck, nonNegative, point, pointChecks, timestamps } from "./_columns";
import { regionLevels } from "./enums";

export type { RegionLevel } from "./enums";
export { regionLevels } from "./enums";

/** GeoJSON Polygon or MultiPolygon geometry, WGS-84. */
export type BoundaryGeometry =
  | { type: "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };

export const regions = pgTable(
  "regions",
  {
    id: serial().primaryKey(),
    code: varchar({ length: 12 }).notNull().unique(),
    level: text({ enum: regionLevels }).notNull(),
    parentId: integer().references((): AnyPgColumn => regions.id, { onDelete: "restrict" }),
    name: text().notNull(),
    nameBo: text(),
    namePinyin: text(),
    /** 街道 / 镇 / 乡 / 村 / 社区居委会 as the statistics bureau lists it. */
    kind: text(),
    ...point(),
    boundary: jsonb().$type<BoundaryGeometry>(),
    population: integer(),
    /**
     * The population was not counted for this region but spread from a larger region's published figure by a rule
     * (the demo's townships and villages: see scripts/seed/population.ts); an import that brings a figure clears it.
     */
    populationDerived: boolean().notNull().default(false),
    households: integer(),
    ...timestamps(),
  },
  (t) => [
    check("regions_code_format", sql`${t.code} ~ '^[0-9]{12}$'`),
    check("regions_name_present", sql`length(btrim(${t.name})) > 0`),
    check("regions_root_is_top", sql`${t.parentId} IS NOT NULL OR ${t.level} IN ('province','prefecture')`),
    enumCheck("regions_level", "level", regionLevels),
    nonNegative("regions_population", "population"),
    nonNegative("regions_households", "households"),
    ...pointChecks("regions"),
    index("regions_parent_idx").on(t.parentId),
    // why: scope filters are code-prefix matches (LIKE '5425%'); pattern ops make them index scans under any collation.
    index("regions_code_prefix_idx").on(t.code.op("varchar_pattern_ops")),
    index("regions_level_idx").on(t.level),
  ],
);
