// The register's history: what a person's categories, status, station and village were from which day, so a past
// year's figures are read as the register stood then. Written by a trigger on people (ADR 015), never by the app.
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { enumCheck, requiredRef } from "./_columns";
import { personHistoryAttributes, personStatuses } from "./enums";
import { facilities } from "./facilities";
import { people } from "./people";
import { regions } from "./regions";

export type { PersonHistoryAttribute } from "./enums";
export { personHistoryAttributes } from "./enums";

/** One row per attribute that changed: its new value and the day it took effect (a status's own date when it has one). */
export const personHistory = pgTable(
  "person_history",
  {
    id: serial().primaryKey(),
    personId: requiredRef(() => people.id, "cascade"),
    attribute: text({ enum: personHistoryAttributes }).notNull(),
    effectiveOn: date().notNull(),
    categories: text().array(),
    status: text({ enum: personStatuses }),
    /** null on a station row: the person had no station from that day. */
    stationId: integer().references(() => facilities.id, { onDelete: "set null" }),
    villageId: integer().references(() => regions.id, { onDelete: "cascade" }),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    enumCheck("person_history_attribute", "attribute", personHistoryAttributes),
    // why: a row carries exactly the value of its attribute, so "the latest categories row" always has categories.
    check(
      "person_history_value",
      sql`(${t.attribute} = 'categories') = (${t.categories} IS NOT NULL)
        AND (${t.attribute} = 'status') = (${t.status} IS NOT NULL)
        AND (${t.attribute} = 'village') = (${t.villageId} IS NOT NULL)
        AND (${t.attribute} = 'station' OR ${t.stationId} IS NULL)`,
    ),
    // why: "as of a day" reads the latest row per person and attribute on or before it.
    index("person_history_as_of_idx").on(t.personId, t.attribute, t.effectiveOn),
  ],
);
