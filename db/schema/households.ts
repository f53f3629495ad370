// Households (户): people in care grouped as the civil-affairs registers group them, with a head (户主) and each
// member's relation to the head. 低保 is granted per household, so its counts come in households and persons.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enumCheck, requiredRef, timestamps } from "./_columns";
import { people } from "./people";
import { regions } from "./regions";
import { users } from "./users";

/** A member's relation to the head; `head` is the head (本人/户主) themself. */
export const householdRelations = [
  "head",
  "spouse",
  "child",
  "parent",
  "grandchild",
  "sibling",
  "other",
] as const;
export type HouseholdRelation = (typeof householdRelations)[number];

export const households = pgTable(
  "households",
  {
    id: serial().primaryKey(),
    /** 户编号 as the village's register writes it; unique within the village. */
    number: text().notNull(),
    villageId: requiredRef(() => regions.id, "restrict"),
    address: text(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    check("households_number_present", sql`length(btrim(${t.number})) between 1 and 40`),
    uniqueIndex("households_village_number_unique").on(t.villageId, t.number),
  ],
);

/** A person belongs to at most one household (the primary key), and a household has at most one head. */
export const householdMembers = pgTable(
  "household_members",
  {
    personId: integer()
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    householdId: requiredRef(() => households.id, "cascade"),
    relation: text({ enum: householdRelations }).notNull(),
    addedBy: integer().references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    enumCheck("household_members_relation", "relation", householdRelations),
    index("household_members_household_idx").on(t.householdId),
    // why: "the head" is a member with this relation; two at once would make every relation ambiguous.
    uniqueIndex("household_members_one_head").on(t.householdId).where(sql`${t.relation} = 'head'`),
  ],
);
