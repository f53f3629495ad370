// Finding likely duplicate files inside the user's scope: pairs are first narrowed in SQL by a shared name key or a
// shared birth date (two hash joins, never every pair), then scored (score.ts). Nothing outside the scope is read.
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { activityPeople, facilities, people, personPairDecisions, regions, visits } from "#db/schema";
import { holds } from "~/modules/access/permissions";
import { peopleInScope, regionIdsUnder, regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { nameKey } from "~/modules/people/names/variants";
import { type DbOrTx, db as defaultDb, queryRows } from "~/utils/db.server";
import { DUPLICATE_THRESHOLD, type PersonFacts, type Reason, scorePair } from "./score";

const village = alias(regions, "village");
const township = alias(regions, "township");
const station = alias(facilities, "station");

/** At most this many blocked pairs are scored per review; the strongest are listed first. */
const MAX_BLOCKED_PAIRS = 20_000;
export const MAX_LISTED_PAIRS = 100;

export type FileSummary = PersonFacts & {
  nameBo: string | null;
  villageName: string;
  townshipName: string | null;
  stationName: string | null;
  status: string;
  categories: string[];
  createdAt: Date;
  visits: number;
  activities: number;
};

export type CandidatePair = { a: FileSummary; b: FileSummary; score: number; reasons: Reason[] };

/** The files as the review list and the warnings show them: no ID number beyond the masked one, no contact details. */
export async function fileSummaries(db: DbOrTx, user: SessionUser, ids: number[]): Promise<FileSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      nameKey: people.nameKey,
      nameBo: people.nameBo,
      sex: people.sex,
      birthDate: people.birthDate,
      villageId: people.villageId,
      townshipId: village.parentId,
      guardianName: people.guardianName,
      idNumberMasked: people.idNumberMasked,
      villageName: village.name,
      townshipName: township.name,
      stationName: station.name,
      status: people.status,
      categories: people.categories,
      createdAt: people.createdAt,
      visits: sql<number>`(select count(*)::int from ${visits} where ${visits.personId} = ${people.id})`,
      activities: sql<number>`(select count(*)::int from ${activityPeople} where ${activityPeople.personId} = ${people.id})`,
    })
    .from(people)
    .innerJoin(village, eq(village.id, people.villageId))
    .leftJoin(township, eq(township.id, village.parentId))
    .leftJoin(station, eq(station.id, people.stationId))
    .where(and(sql`${people.id} = any(${sql.param(ids)}::int[])`, peopleInScope(user)));
  return rows.map((r) => ({ ...r, nameKey: r.nameKey || nameKey(r.fullName) }));
}

/** Whether the review must be narrowed to one county first (a prefecture's or the whole region's files). */
export function reviewNeedsCounty(user: SessionUser): boolean {
  return user.scope.kind === "all" || (user.scope.kind === "region" && user.scope.codePrefix.length < 6);
}

export async function countiesToReview(user: SessionUser) {
  if (!reviewNeedsCounty(user)) return [];
  return defaultDb
    .select({ id: regions.id, name: regions.name, code: regions.code })
    .from(regions)
    .where(and(eq(regions.level, "county"), regionsInScope(user)))
    .orderBy(asc(regions.code));
}

/**
 * Pairs of files in `where` that share a name key (born within about a year, or on the same day of another year) or
 * share a birth date and sex, minus pairs already judged different. why: a UNION of two equi-joins, each a hash
 * join over the scope's files; one join with OR between the two would compare every file with every other.
 */
async function blockedPairs(db: DbOrTx, where: SQL): Promise<[number, number][]> {
  const rows = await queryRows<{ a: number; b: number }>(
    db,
    sql`with s as materialized (
          select ${people.id} as id, ${people.nameKey} as name_key, ${people.birthDate} as birth_date, ${people.sex} as sex
          from ${people} where ${where})
        select x.a, x.b from (
          select p.id as a, q.id as b from s p join s q on q.name_key = p.name_key and q.id > p.id
           where p.name_key <> '' and (abs(q.birth_date - p.birth_date) <= 400
             or to_char(q.birth_date, 'MMDD') = to_char(p.birth_date, 'MMDD'))
          union
          select p.id, q.id from s p join s q on q.birth_date = p.birth_date and q.sex = p.sex and q.id > p.id
        ) x
        where not exists (select 1 from ${personPairDecisions} d
                          where d.low_person_id = x.a and d.high_person_id = x.b)
        limit ${MAX_BLOCKED_PAIRS}`,
  );
  return rows.map((r) => [r.a, r.b]);
}

/** Scores pairs of files and keeps those at or above the threshold, strongest first. */
async function scoredPairs(
  db: DbOrTx,
  user: SessionUser,
  pairs: [number, number][],
): Promise<CandidatePair[]> {
  const ids = [...new Set(pairs.flat())];
  const facts = new Map<number, FileSummary>();
  for (let i = 0; i < ids.length; i += 5_000)
    for (const f of await fileSummaries(db, user, ids.slice(i, i + 5_000))) facts.set(f.id, f);
  const out: CandidatePair[] = [];
  for (const [x, y] of pairs) {
    const a = facts.get(x);
    const b = facts.get(y);
    if (!a || !b) continue;
    const { score, reasons } = scorePair(a, b);
    if (score >= DUPLICATE_THRESHOLD) out.push({ a, b, score, reasons });
  }
  return out.sort((p, q) => q.score - p.score || p.a.id - q.a.id || p.b.id - q.b.id);
}

/**
 * The likely duplicates among the files the user may open (one county at a time for a prefecture or the region),
 * strongest first. `null`: a county must be chosen first.
 */
export async function duplicateCandidates({
  user,
  countyCode,
  db = defaultDb,
}: {
  user: SessionUser;
  countyCode?: string;
  db?: DbOrTx;
}): Promise<CandidatePair[] | null> {
  const conditions: SQL[] = [peopleInScope(user), isNull(people.mergedIntoId)];
  if (reviewNeedsCounty(user)) {
    if (!countyCode) return null;
    conditions.push(sql`${people.villageId} in ${regionIdsUnder(countyCode.slice(0, 6))}`);
  }
  const pairs = await blockedPairs(db, and(...conditions)!);
  return scoredPairs(db, user, pairs);
}

/** The two files of a pair, when both are in the user's scope and neither has been merged. */
export async function pairInScope(db: DbOrTx, user: SessionUser, ids: [number, number]) {
  const files = await fileSummaries(db, user, ids);
  return files.length === 2 ? files : null;
}

/** Who may see the review list: planners and administrators, and station staff only as their station's head. */
export function mayReviewDuplicates(user: SessionUser): boolean {
  return holds(user, "review:duplicates");
}

/** The review list as the page shows it: the strongest pairs, with no contact details; the look is audited. */
export async function reviewDuplicates({
  user,
  actor,
  countyCode,
}: {
  user: SessionUser;
  actor: AuditActor;
  countyCode?: string;
}) {
  const pairs = await duplicateCandidates({ user, countyCode });
  if (pairs === null) return null;
  const shown = pairs.slice(0, MAX_LISTED_PAIRS);
  await recordAuditNow(actor, {
    action: "person.duplicates_review",
    entityType: "person",
    entityId: null,
    changes: {
      county: countyCode ?? null,
      pairs: pairs.length,
      shownIds: shown.map((p) => [p.a.id, p.b.id]),
    },
  });
  const shownFile = ({
    nameKey: _k,
    guardianName: _g,
    villageId: _v,
    townshipId: _t,
    ...f
  }: FileSummary) => ({
    ...f,
    createdAt: f.createdAt.toISOString(),
  });
  return {
    total: pairs.length,
    pairs: shown.map((p) => ({ a: shownFile(p.a), b: shownFile(p.b), score: p.score, reasons: p.reasons })),
  };
}
