// People in care (服务对象), one file per person (一人一档). Sensitive personal information under PIPL.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { enumCheck, requiredRef, rowVersion, timestamps } from "./_columns";
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
    /** The name in Tibetan script, where the family gave it (optional). */
    nameBo: text(),
    /**
     * The name with each Tibetan syllable in its canonical Chinese spelling (app/modules/people/names/variants.json):
     * 才仁卓嘛 and 次仁卓玛 share one key. Written with the name; recomputed when the table changes.
     */
    nameKey: text().notNull().default(""),
    /** Every searchable form of the name (as written, key, pinyin and initials of both, Tibetan), space-separated. */
    nameSearch: text().notNull().default(""),
    sex: text({ enum: sexes }).notNull(),
    birthDate: date().notNull(),
    /** AES-256-GCM ciphertext of the national ID number (base64 of iv | tag | ciphertext); never the plain number. */
    idNumberCipher: text().notNull(),
    /** HMAC-SHA256 of the normalised ID number under a separate key: finds duplicates without decrypting. */
    idNumberHash: text().notNull().unique("people_id_number_hash_unique"),
    /** e.g. 5425**********123X, precomputed so lists never decrypt. */
    idNumberMasked: text().notNull(),
    villageId: requiredRef(() => regions.id, "restrict"),
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
    /** Set when a planner merged this file into another (the duplicate is kept, closed, pointing to the survivor). */
    mergedIntoId: integer().references((): AnyPgColumn => people.id, { onDelete: "restrict" }),
    /**
     * The earliest due date of the person's open (scheduled) visits, kept by triggers on visits (migration 0003):
     * the register sorts by it through an index instead of a sub-query per person.
     */
    nextDueOn: date(),
    /** Raised by a trigger on every change of the file except next_due_on (ADR 014). */
    version: rowVersion(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
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
    // why: a search touching a Tibetan syllable, a pinyin or a Tibetan-script query is one trigram lookup here.
    index("people_name_search_trgm_idx").using("gin", t.nameSearch.op("gin_trgm_ops")),
    // why: duplicate candidates and the warnings before saving look files up by key and by birth date.
    index("people_name_key_idx").on(t.nameKey, t.birthDate),
    index("people_birth_date_idx").on(t.birthDate, t.sex),
    index("people_merged_into_idx").on(t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
  ],
);

/** Two files a planner (or a station's head) judged to be different people: never proposed as duplicates again. */
export const personPairDecisions = pgTable(
  "person_pair_decisions",
  {
    lowPersonId: requiredRef(() => people.id, "cascade"),
    highPersonId: requiredRef(() => people.id, "cascade"),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.lowPersonId, t.highPersonId] }),
    check("person_pair_decisions_ordered", sql`${t.lowPersonId} < ${t.highPersonId}`),
    index("person_pair_decisions_high_idx").on(t.highPersonId),
  ],
);
