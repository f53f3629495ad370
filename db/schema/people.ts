// People in care (服务对象), one file per person (一人一档). Sensitive personal information under PIPL.
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, enumCheck, updatedAt } from "./_columns";
import { personStatuses, riskTiers, sexes } from "./enums";
import { facilities } from "./facilities";
import { regions } from "./regions";
import { users } from "./users";

export type { PersonCategory, PersonStatus, RiskTier } from "./enums";
export { personCategories, personStatuses, riskTiers, sexes } from "./enums";

export const people = pgTable(
  "people",
  {
    id: serial().primaryKey(),
    fullName: text().notNull(),
    sex: text({ enum: sexes }).notNull(),
    birthDate: date().notNull(),
    /** AES-256-GCM ciphertext of the national ID number (base64 of iv | tag | ciphertext); never the plain number. */
    idNumberCipher: text().notNull(),
    /** HMAC-SHA256 of the normalised ID number under a separate key: finds duplicates without decrypting. */
    idNumberHash: text().notNull().unique("people_id_number_hash_unique"),
    /** e.g. 5425**********123X, precomputed so lists never decrypt. */
    idNumberMasked: text().notNull(),
    villageId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: "restrict" }),
    /** The responsible social-work station. */
    stationId: integer().references(() => facilities.id, { onDelete: "set null" }),
    address: text(),
    phone: text(),
    guardianName: text(),
    guardianPhone: text(),
    categories: text().array().notNull(),
    riskTier: text({ enum: riskTiers }).notNull().default("normal"),
    riskReason: text(),
    riskSetBy: integer().references(() => users.id, { onDelete: "set null" }),
    riskSetAt: timestamp({ withTimezone: true }),
    status: text({ enum: personStatuses }).notNull().default("active"),
    statusOn: date(),
    statusReason: text(),
    notes: text(),
    /**
     * The earliest due date of the person's open (scheduled) visits, kept by triggers on visits (migration 0003):
     * the register sorts by it through an index instead of a sub-query per person.
     */
    nextDueOn: date(),
    /** Raised by a trigger on every change of the file except next_due_on (ADR 014). */
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    enumCheck("people_sex", "sex", sexes),
    enumCheck("people_risk_tier", "risk_tier", riskTiers),
    enumCheck("people_status", "status", personStatuses),
    check("people_name_present", sql`length(btrim(${t.fullName})) > 0`),
    check("people_hash_format", sql`${t.idNumberHash} ~ '^[0-9a-f]{64}$'`),
    check(
      "people_categories_known",
      sql`cardinality(${t.categories}) > 0 AND ${t.categories} <@ ARRAY['dibao','tekun_centralized','tekun_dispersed','orphan','unsupported_child','left_behind_child','distressed_child','disabled','severely_disabled','advanced_age_elderly','disabled_elderly']::text[]`,
    ),
    check("people_status_dated", sql`${t.status} = 'active' OR ${t.statusOn} IS NOT NULL`),
    index("people_village_idx").on(t.villageId),
    index("people_station_status_idx").on(t.stationId, t.status),
    index("people_name_idx").on(t.fullName),
    // why: a station's register is read in this order, 30 rows at a time.
    index("people_station_next_due_idx").on(t.stationId, t.nextDueOn, t.fullName, t.id),
    // why: name search is an infix ILIKE; trigrams (pg_trgm, created by migration 0003) make it an index lookup.
    index("people_name_trgm_idx").using("gin", t.fullName.op("gin_trgm_ops")),
  ],
);
