// Money: funding sources (资金来源), allocations to contracts (下拨) and expenditures under them (支出).
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { createdAt, enumCheck, fen, requiredRef, timestamps } from "./_columns";
import { activities } from "./activities";
import { contracts } from "./contracts";
import { expenditureCategories, fundingSourceKinds } from "./enums";
import { regions } from "./regions";
import { users } from "./users";

export type { ExpenditureCategory, FundingSourceKind } from "./enums";
export { expenditureCategories, fundingSourceKinds } from "./enums";

export const fundingSources = pgTable(
  "funding_sources",
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    kind: text({ enum: fundingSourceKinds }).notNull(),
    /** For paired aid (援藏资金): the donor province, e.g. 陕西省. */
    donorProvince: text(),
    year: integer().notNull(),
    /** The bureau that holds the money; its planners allocate from it. */
    regionId: requiredRef(() => regions.id, "restrict"),
    totalFen: fen().notNull(),
    /** Running sum of allocations; the CHECK below is the ceiling that holds under concurrent allocations. */
    allocatedFen: fen().notNull().default(0),
    notes: text(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("funding_sources_kind", "kind", fundingSourceKinds),
    check(
      "funding_sources_allocated_range",
      sql`${t.allocatedFen} >= 0 AND ${t.allocatedFen} <= ${t.totalFen}`,
    ),
    check("funding_sources_year", sql`${t.year} BETWEEN 2000 AND 2100`),
    check("funding_sources_donor", sql`${t.kind} <> 'paired_aid' OR ${t.donorProvince} IS NOT NULL`),
    index("funding_sources_region_year_idx").on(t.regionId, t.year),
  ],
);

export const allocations = pgTable(
  "allocations",
  {
    id: serial().primaryKey(),
    fundingSourceId: requiredRef(() => fundingSources.id, "restrict"),
    contractId: requiredRef(() => contracts.id, "restrict"),
    amountFen: fen().notNull(),
    allocatedOn: date().notNull(),
    note: text(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("allocations_amount_positive", sql`${t.amountFen} > 0`),
    index("allocations_source_idx").on(t.fundingSourceId),
    index("allocations_contract_idx").on(t.contractId),
  ],
);

export const expenditures = pgTable(
  "expenditures",
  {
    id: serial().primaryKey(),
    contractId: requiredRef(() => contracts.id, "restrict"),
    spentOn: date().notNull(),
    category: text({ enum: expenditureCategories }).notNull(),
    amountFen: fen().notNull(),
    description: text().notNull(),
    activityId: integer().references(() => activities.id, { onDelete: "set null" }),
    /**
     * A reversal (冲销) cancels a mistaken entry: a row of its own, with the negated amount, the same date and a reason,
     * so every sum nets it out and the mistake stays visible. Nothing is deleted or edited in place.
     */
    reversesId: integer().references((): AnyPgColumn => expenditures.id, { onDelete: "restrict" }),
    reversalReason: text(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    check(
      "expenditures_amount_sign",
      sql`(${t.reversesId} is null and ${t.amountFen} > 0) or (${t.reversesId} is not null and ${t.amountFen} < 0)`,
    ),
    check(
      "expenditures_reversal_reason",
      sql`${t.reversesId} is null or length(btrim(coalesce(${t.reversalReason}, ''))) > 0`,
    ),
    unique("expenditures_one_reversal").on(t.reversesId),
    enumCheck("expenditures_category", "category", expenditureCategories),
    index("expenditures_contract_idx").on(t.contractId, t.spentOn),
  ],
);
