// The visiting policy in force: rules from the visit_rules table (the defaults when none were ever saved) and each
// person's interval under them.
import { asc, eq, inArray, sql } from "drizzle-orm";
import { people, regions, visitRules } from "#db/schema";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";
import {
  type AppliedRule,
  applicableVisitRules,
  defaultVisitRules,
  FALLBACK_INTERVAL_DAYS,
  type VisitRule,
  visitIntervalDays,
} from "./rules";

export async function loadVisitRules(db: DbOrTx = defaultDb): Promise<VisitRule[]> {
  const rows = await db
    .select({
      regionId: visitRules.regionId,
      category: visitRules.category,
      riskTier: visitRules.riskTier,
      intervalDays: visitRules.intervalDays,
    })
    .from(visitRules);
  return rows.length > 0 ? rows : defaultVisitRules.map((r) => ({ ...r, regionId: null }));
}

/** The codes of a village and every region above it, most specific first. */
export function ancestorCodes(villageCode: string): string[] {
  return [
    villageCode,
    `${villageCode.slice(0, 9)}000`,
    `${villageCode.slice(0, 6)}000000`,
    `${villageCode.slice(0, 4)}00000000`,
    `${villageCode.slice(0, 2)}0000000000`,
  ].filter((c, i, all) => all.indexOf(c) === i);
}

type PersonForRules = { id: number; categories: string[]; riskTier: string; villageId: number };

/** Region chains (most specific first) for a set of villages. */
async function regionChains(db: DbOrTx, villageIds: number[]): Promise<Map<number, number[]>> {
  const chains = new Map<number, number[]>();
  if (villageIds.length === 0) return chains;
  const villages = await db
    .select({ id: regions.id, code: regions.code })
    .from(regions)
    .where(inArray(regions.id, [...new Set(villageIds)]));
  const codes = [...new Set(villages.flatMap((v) => ancestorCodes(v.code)))];
  const ids = new Map(
    (
      await db
        .select({ id: regions.id, code: regions.code })
        .from(regions)
        .where(inArray(regions.code, codes))
    ).map((r) => [r.code, r.id]),
  );
  for (const v of villages)
    chains.set(
      v.id,
      ancestorCodes(v.code)
        .map((c) => ids.get(c))
        .filter((id): id is number => id !== undefined),
    );
  return chains;
}

/** Each person's routine interval in days under the rules in force. */
export async function intervalsForPeople(
  db: DbOrTx,
  personIds: number[],
  rules?: VisitRule[],
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (personIds.length === 0) return result;
  const policy = rules ?? (await loadVisitRules(db));
  const rows: PersonForRules[] = [];
  for (let i = 0; i < personIds.length; i += 5000) {
    rows.push(
      ...(await db
        .select({
          id: people.id,
          categories: people.categories,
          riskTier: people.riskTier,
          villageId: people.villageId,
        })
        .from(people)
        .where(inArray(people.id, personIds.slice(i, i + 5000)))),
    );
  }
  const chains = await regionChains(
    db,
    rows.map((r) => r.villageId),
  );
  for (const p of rows) {
    const interval = visitIntervalDays(
      { categories: p.categories, riskTier: p.riskTier, regionIds: chains.get(p.villageId) ?? [] },
      policy,
    );
    result.set(p.id, interval ?? FALLBACK_INTERVAL_DAYS);
  }
  return result;
}

export async function intervalForPerson(db: DbOrTx, personId: number): Promise<number> {
  return (await intervalsForPeople(db, [personId])).get(personId) ?? FALLBACK_INTERVAL_DAYS;
}

/** The rules behind one person's cadence, for the file page ("why weekly?"). */
export async function rulesForPerson(
  db: DbOrTx,
  person: { categories: string[]; riskTier: string; villageId: number },
): Promise<AppliedRule[]> {
  const [policy, chains] = await Promise.all([loadVisitRules(db), regionChains(db, [person.villageId])]);
  return applicableVisitRules(
    {
      categories: person.categories,
      riskTier: person.riskTier,
      regionIds: chains.get(person.villageId) ?? [],
    },
    policy,
  ).sort((a, b) => a.intervalDays - b.intervalDays);
}

/** Every rule with the name of its region, for the rules page. */
export async function listVisitRules(db: DbOrTx = defaultDb) {
  return db
    .select({
      id: visitRules.id,
      regionId: visitRules.regionId,
      regionName: regions.name,
      regionCode: regions.code,
      category: visitRules.category,
      riskTier: visitRules.riskTier,
      intervalDays: visitRules.intervalDays,
      note: visitRules.note,
      updatedAt: visitRules.updatedAt,
    })
    .from(visitRules)
    .leftJoin(regions, eq(regions.id, visitRules.regionId))
    .orderBy(
      sql`${visitRules.regionId} is not null`,
      asc(regions.code),
      sql`${visitRules.riskTier} is null`,
      sql`case ${visitRules.riskTier} when 'high' then 0 when 'key' then 1 else 2 end`,
      asc(visitRules.category),
    );
}
