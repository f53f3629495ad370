// Column builders shared by every domain table: timestamps, money in fen, WGS-84 points, CHECK helpers.
import { sql } from "drizzle-orm";
import { bigint, check, doublePrecision, text, timestamp } from "drizzle-orm/pg-core";
import { coordinateQualities } from "./enums";

export type { CoordinateQuality } from "./enums";
export { coordinateQualities } from "./enums";

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Money is integer fen end to end; `mode: "number"` is exact far beyond any budget here. */
export const fen = () => bigint({ mode: "number" });

/** A WGS-84 point with how well it is known. */
export const point = () => ({
  lat: doublePrecision(),
  lng: doublePrecision(),
  coordQuality: text({ enum: coordinateQualities }).notNull().default("unknown"),
});

/** Both or neither coordinate, each inside the valid range. */
export const pointChecks = (table: string) => [
  check(`${table}_lat_range`, sql.raw("lat IS NULL OR (lat >= -90 AND lat <= 90)")),
  check(`${table}_lng_range`, sql.raw("lng IS NULL OR (lng >= -180 AND lng <= 180)")),
  check(`${table}_point_complete`, sql.raw("(lat IS NULL) = (lng IS NULL)")),
  enumCheck(`${table}_coord_quality`, "coord_quality", coordinateQualities),
];

export const enumCheck = (name: string, column: string, values: readonly string[]) =>
  check(name, sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(",")})`));

export const nonNegative = (name: string, column: string) =>
  check(name, sql.raw(`${column} IS NULL OR ${column} >= 0`));
