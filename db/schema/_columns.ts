// Column builders shared by every domain table: timestamps, money in fen, WGS-84 points, CHECK helpers.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  doublePrecision,
  integer,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { coordinateQualities } from "./enums";

export type { CoordinateQuality } from "./enums";
export { coordinateQualities } from "./enums";

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** The two timestamps of a row that changes after it is made. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

/** A reference every row has (NOT NULL); a function, so that tables can refer to tables declared after them. */
export const requiredRef = (column: () => AnyPgColumn, onDelete: "cascade" | "restrict" | "set null") =>
  integer().notNull().references(column, { onDelete });

/** Raised by the raise_row_version trigger on every change of the row (ADR 014): a stale write becomes a conflict. */
export const rowVersion = () => integer().notNull().default(1);

/**
 * A stored photo: its file and thumbnail (relative to the data directory), its SHA-256 and its perceptual hash
 * (sharp-phash, 64 bits as 0/1 text): the same picture reused elsewhere is a plausibility flag.
 */
export const photoColumns = () => ({
  path: text().notNull(),
  thumbPath: text().notNull(),
  mimeType: text().notNull(),
  bytes: integer().notNull(),
  width: integer(),
  height: integer(),
  sha256: text().notNull(),
  phash: text(),
  createdAt: createdAt(),
});

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
