// Reading people in care: the register with its filters, one person's file, form options. Scope lives in every query.
import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  activities,
  activityPeople,
  facilities,
  organizations,
  people,
  regions,
  users,
  visits,
} from "#db/schema";
import type { FacilityStatus } from "#db/schema/enums";
import { seesContactDetails, shownContact } from "~/modules/access/contact";
import {
  facilitiesInScope,
  idIn,
  peopleInScope,
  regionIdsUnder,
  regionsInScope,
} from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { seatTownshipCodeSql } from "~/modules/regions/code-sql.server";
import { overdueVisit } from "~/modules/visits/overdue.server";
import { todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb, queryRows } from "~/utils/db.server";
import { literalEq, literalIn } from "~/utils/sql-literals";
import { idNumberProblem, normalizeIdNumber } from "./id-number";
import { hashIdNumber } from "./id-number-crypto.server";
import { matchedThroughVariant, type NameQuery, nameCondition, nameQueryOf } from "./names/search.server";
import type { PeopleFilters } from "./schemas";

const village = alias(regions, "village");
const township = alias(regions, "township");
const station = alias(facilities, "station");

/**
 * The register counts matching files only up to this many (or the rows up to the page asked for): an exact count over
 * a whole county is most of the cost of a search, and "more than 10,000" is all a person reads from it.
 */
export const PEOPLE_COUNT_CAP = 10_000;

/**
 * An open visit of the person due today whose deadline has passed at `now`: only an event visit can be (any other visit
 * due today is late tomorrow), and it makes its person overdue although next_due_on (the earliest open visit's date,
 * kept by triggers) is today. Always asked for by person, through visits_person_idx (person_id, due_on): "every visit
 * due today" reads one heap page per visit of every station (22,500 pages a day on 3 M people, ~150–250 ms).
 */
function lateVisitDueToday(personId: SQLWrapper, now: Date): SQL {
  return sql`${visits.personId} = ${personId} and ${visits.dueOn} = ${todayInShanghai(now)} and ${overdueVisit({ now })}`;
}

/**
 * The register's conditions other than "overdue": scope, status, place, category, risk and the search text.
 * `nameQuery` replaces how the text is read as a name (the load benchmark times the search as it was before the
 * name variants, `{ kind: "plain" }`, beside today's).
 */
function narrowing(user: SessionUser, filters: PeopleFilters, nameQuery?: NameQuery): SQL {
  const conditions: (SQL | undefined)[] = [peopleInScope(user)];
  if (filters.status && filters.status !== "all") conditions.push(eq(people.status, filters.status));
  if (filters.villageId) conditions.push(eq(people.villageId, filters.villageId));
  if (filters.stationId) conditions.push(eq(people.stationId, filters.stationId));
  if (filters.category) conditions.push(sql`${people.categories} @> array[${filters.category}]::text[]`);
  if (filters.riskTier) conditions.push(eq(people.riskTier, filters.riskTier));
  if (filters.q) {
    const id = normalizeIdNumber(filters.q);
    if (/^\d{17}[\dX]$/.test(id) && idNumberProblem(id) === null) {
      // A full ID number is found through its keyed hash; the plain number is never compared in SQL.
      conditions.push(eq(people.idNumberHash, hashIdNumber(id)));
    } else if (/^\d{3}[\dX]$/.test(id)) {
      conditions.push(
        or(ilike(people.fullName, `%${filters.q}%`), sql`right(${people.idNumberMasked}, 4) = ${id}`),
      );
    } else {
      conditions.push(nameCondition(nameQuery ?? nameQueryOf(filters.q)));
      // why: the name's matches in the whole province (1,300 for a common name on 3 M files) were read row by row
      // to keep a county's 20; with the villages as an index condition the two indexes meet first (BitmapAnd) and
      // only the county's matches are read (issue 20: 100-250 ms per search from a cold cache, now ~2 ms).
      if (user.scope.kind === "region")
        conditions.push(idIn(people.villageId, regionIdsUnder(user.scope.codePrefix)));
    }
  }
  return and(...conditions)!;
}

/**
 * The files matching `where` that are due today and have an event visit past its deadline: overdue by the visit
 * list's rule although next_due_on is today. Only files due today need asking: one with an open visit due today and
 * none earlier has next_due_on today (the triggers keep it), and an earlier one is overdue anyway.
 */
function pastDeadlineDueToday({ where, now }: { where: SQL; now: Date }) {
  return defaultDb
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        where,
        eq(people.nextDueOn, todayInShanghai(now)),
        sql`exists (select 1 from ${visits} where ${lateVisitDueToday(people.id, now)})`,
      ),
    );
}

/**
 * The register's WHERE: scope and filters, and "overdue" as next_due_on before today or one of the files above.
 * why: those files are a subquery of their own over the same scope (its "people" is its own FROM, not the outer
 * row), so PostgreSQL runs it once per statement as an InitPlan: a station's few files due today, each looked up in
 * visits by person. A per-file EXISTS instead is costed for every file of the scope, which for some counties and
 * every prefecture pushes the plan past the JIT thresholds (~0.6 s of compiling measured) and out of parallel plans.
 */
export function registerConditions(
  user: SessionUser,
  filters: PeopleFilters,
  now: Date,
  nameQuery?: NameQuery,
): SQL {
  const where = narrowing(user, filters, nameQuery);
  if (!filters.overdue) return where;
  return and(
    where,
    or(
      sql`${people.nextDueOn} < ${todayInShanghai(now)}`,
      idIn(people.id, sql`${pastDeadlineDueToday({ where, now })}`),
    ),
  )!;
}

/** A name (not an ID number) searched by a user whose scope is a region: the case `narrowing` gives villages for. */
function searchesNamesAcrossRegion(user: SessionUser, filters: PeopleFilters): boolean {
  if (!filters.q || user.scope.kind !== "region") return false;
  const id = normalizeIdNumber(filters.q);
  return !(/^\d{17}[\dX]$/.test(id) && idNumberProblem(id) === null) && !/^\d{3}[\dX]$/.test(id);
}

/**
 * Runs a county's name search with plain index scans off (bitmap scans stay). why: the planner guesses the county's
 * villages hold ~1,500 files (an array it cannot see into) and walks the village index, reading all ~40,000 of the
 * county's files to keep the name's 20: 0.3–1.2 s from a cold cache on 3 M files. The BitmapAnd of the village and
 * name indexes reads only the matches' pages: 11–107 ms on the same data (docs/performance.md, issue 20).
 */
async function bitmapScansOnly<T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return defaultDb.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    return work(tx);
  });
}

export type PersonListRow = Awaited<ReturnType<typeof listPeople>>["rows"][number];

/**
 * One page of the register, without the overdue badge. The order matches people_station_next_due_idx, so a station's
 * page is an index scan that stops after the page. A query builder, so tests can read its plan.
 */
export function registerPage({
  where,
  page = 1,
  pageSize = 30,
  db = defaultDb,
}: {
  where: SQL;
  page?: number;
  pageSize?: number;
  db?: DbOrTx;
}) {
  return db
    .select({
      id: people.id,
      fullName: people.fullName,
      nameBo: people.nameBo,
      sex: people.sex,
      birthDate: people.birthDate,
      idNumberMasked: people.idNumberMasked,
      categories: people.categories,
      riskTier: people.riskTier,
      status: people.status,
      villageName: village.name,
      townshipName: township.name,
      stationName: station.name,
      nextDueOn: people.nextDueOn,
    })
    .from(people)
    .innerJoin(village, eq(village.id, people.villageId))
    .leftJoin(township, eq(township.id, village.parentId))
    .leftJoin(station, eq(station.id, people.stationId))
    .where(where)
    .orderBy(sql`${people.nextDueOn} asc nulls last`, asc(people.fullName), asc(people.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
}

/**
 * Of these people (a page of the register), those with an event visit due today past its deadline at `now`: the
 * register badges them overdue although their next due date is today. A query builder, so tests can read its plan.
 */
export function pastDeadlineAmong({ personIds, now }: { personIds: number[]; now: Date }) {
  return defaultDb
    .selectDistinct({ personId: visits.personId })
    .from(visits)
    .where(lateVisitDueToday(sql`any(${sql.param(personIds)}::int[])`, now));
}

export async function listPeople({
  user,
  filters,
  page = 1,
  pageSize = 30,
  now = new Date(),
  nameQuery,
}: {
  user: SessionUser;
  filters: PeopleFilters;
  page?: number;
  pageSize?: number;
  now?: Date;
  /** See narrowing. */
  nameQuery?: NameQuery;
}) {
  const today = todayInShanghai(now);
  const where = registerConditions(user, filters, now, nameQuery);
  const countLimit = Math.max(PEOPLE_COUNT_CAP, page * pageSize) + 1;
  // In a transaction the two statements queue on its one connection; otherwise they run side by side.
  const read = (db: DbOrTx) =>
    Promise.all([
      registerPage({ where, page, pageSize, db }),
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from (select 1 from ${people} where ${where} limit ${countLimit}) capped`,
      ),
    ]);
  const [rows, [{ n }]] = searchesNamesAcrossRegion(user, filters)
    ? await bitmapScansOnly(read)
    : await read(defaultDb);
  // why: the badge is asked for the page's people only, after the page, never for every visit due today.
  const late = rows.length
    ? new Set((await pastDeadlineAmong({ personIds: rows.map((r) => r.id), now })).map((r) => r.personId))
    : new Set<number>();
  const more = n >= countLimit;
  const query = filters.q ? (nameQuery ?? nameQueryOf(filters.q)) : null;
  return {
    rows: rows.map((row) => ({
      ...row,
      pastDeadline: late.has(row.id),
      viaVariant: query ? matchedThroughVariant(query, row.fullName) : false,
    })),
    total: more ? countLimit - 1 : n,
    more,
    today,
  };
}

/** The same register for a CSV export: every matching row, with the columns the export shows. */
export async function peopleForExport({
  user,
  filters,
  now = new Date(),
}: {
  user: SessionUser;
  filters: PeopleFilters;
  now?: Date;
}) {
  return defaultDb
    .select({
      id: people.id,
      fullName: people.fullName,
      sex: people.sex,
      birthDate: people.birthDate,
      idNumberMasked: people.idNumberMasked,
      idNumberCipher: people.idNumberCipher,
      villageCode: village.code,
      villageName: village.name,
      townshipName: township.name,
      stationName: station.name,
      categories: people.categories,
      riskTier: people.riskTier,
      status: people.status,
      statusOn: people.statusOn,
      phone: people.phone,
      address: people.address,
      nextDueOn: people.nextDueOn,
    })
    .from(people)
    .innerJoin(village, eq(village.id, people.villageId))
    .leftJoin(township, eq(township.id, village.parentId))
    .leftJoin(station, eq(station.id, people.stationId))
    .where(registerConditions(user, filters, now))
    .orderBy(asc(township.code), asc(village.code), asc(people.fullName), asc(people.id));
}

const riskSetter = alias(users, "risk_setter");
const creator = alias(users, "creator");

/** One person's file, as this user may see it; a person out of scope is not found. */
export async function getPersonFile({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await defaultDb
    .select({
      person: people,
      villageName: village.name,
      villageCode: village.code,
      townshipName: township.name,
      stationName: station.name,
      riskSetByName: riskSetter.name,
      createdByName: creator.name,
    })
    .from(people)
    .innerJoin(village, eq(village.id, people.villageId))
    .leftJoin(township, eq(township.id, village.parentId))
    .leftJoin(station, eq(station.id, people.stationId))
    .leftJoin(riskSetter, eq(riskSetter.id, people.riskSetBy))
    .leftJoin(creator, eq(creator.id, people.createdBy))
    .where(and(eq(people.id, id), peopleInScope(user)))
    .limit(1);
  if (!row) return null;
  const {
    idNumberCipher: _cipher,
    idNumberHash: _hash,
    nameKey: _key,
    nameSearch: _search,
    ...person
  } = row.person;
  return {
    ...shownContact(user, person),
    contactMasked: !seesContactDetails(user),
    villageName: row.villageName,
    villageCode: row.villageCode,
    townshipName: row.townshipName,
    stationName: row.stationName,
    riskSetByName: row.riskSetByName,
    createdByName: row.createdByName,
  };
}

const assignee = alias(users, "assignee");
const completer = alias(users, "completer");

export async function personVisitHistory({ personId, db = defaultDb }: { personId: number; db?: DbOrTx }) {
  return db
    .select({
      id: visits.id,
      kind: visits.kind,
      dueOn: visits.dueOn,
      scheduledAt: visits.scheduledAt,
      status: visits.status,
      outcome: visits.outcome,
      outcomeReason: visits.outcomeReason,
      notes: visits.notes,
      completedAt: visits.completedAt,
      completedByName: completer.name,
      assignedName: assignee.name,
      followUpOfId: visits.followUpOfId,
    })
    .from(visits)
    .leftJoin(assignee, eq(assignee.id, visits.assignedUserId))
    .leftJoin(completer, eq(completer.id, visits.completedBy))
    .where(eq(visits.personId, personId))
    .orderBy(
      sql`case when ${literalEq(visits.status, "scheduled")} then 0 else 1 end`,
      desc(visits.dueOn),
      desc(visits.id),
    )
    .limit(200);
}

export async function personActivities({ personId }: { personId: number }) {
  return defaultDb
    .select({
      id: activities.id,
      occurredOn: activities.occurredOn,
      kind: activities.kind,
      summary: activities.summary,
      organizationName: organizations.name,
    })
    .from(activityPeople)
    .innerJoin(activities, eq(activities.id, activityPeople.activityId))
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(and(eq(activityPeople.personId, personId), isNull(activities.deletedAt)))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(100);
}

/** A station keeps taking people from its villages in these states (the form's choices, the import's assignment). */
const stationStatusesTakingPeople = [
  "trial_operation",
  "operating",
  "suspended",
] as const satisfies readonly FacilityStatus[];

/** Villages the user may register people in (or filter by), grouped by township, and the stations they may assign. */
export async function personFormOptions({
  user,
  withVillages = true,
}: {
  user: SessionUser;
  /** False where the form searches villages instead (regions/village-search.server.ts). */
  withVillages?: boolean;
}) {
  const [villageRows, stationRows] = await Promise.all([
    withVillages
      ? defaultDb
          .select({ id: regions.id, name: regions.name, code: regions.code, townshipName: township.name })
          .from(regions)
          .innerJoin(township, eq(township.id, regions.parentId))
          .where(and(eq(regions.level, "village"), regionsInScope(user)))
          .orderBy(asc(regions.code))
      : Promise.resolve([]),
    defaultDb
      .select({ id: facilities.id, name: facilities.name, townshipId: facilities.townshipId })
      .from(facilities)
      .where(
        and(
          eq(facilities.kind, "social_work_station"),
          inArray(facilities.status, stationStatusesTakingPeople),
          user.scope.kind === "station" ? eq(facilities.id, user.scope.facilityId) : facilitiesInScope(user),
        ),
      )
      .orderBy(asc(facilities.name)),
  ]);
  return { villages: villageRows, stations: stationRows };
}

const villageOfPerson = alias(regions, "v");
const seatStation = alias(facilities, "f");
const stationTownship = alias(regions, "ft");
const villageTownship = alias(regions, "t");

/**
 * The station responsible for each village: the township's own station, else the county seat's (that is how
 * stations cover townships whose own station is not built yet). One statement for any number of villages.
 */
export async function stationsForVillages(
  db: DbOrTx,
  villageIds: number[],
): Promise<Map<number, number | null>> {
  const rows = await queryRows<{ village_id: number; station_id: number | null }>(
    db,
    sql`select ${villageOfPerson.id} as village_id, (
          select ${seatStation.id} from ${regions} ${villageTownship}
            join ${facilities} ${seatStation} on ${literalEq(seatStation.kind, "social_work_station")}
              and ${literalIn(seatStation.status, stationStatusesTakingPeople)}
            join ${regions} ${stationTownship} on ${stationTownship.id} = ${seatStation.townshipId}
          where ${villageTownship.id} = ${villageOfPerson.parentId}
            and (${stationTownship.id} = ${villageTownship.id} or ${stationTownship.code} = ${seatTownshipCodeSql(villageTownship.code)})
          order by (${stationTownship.id} = ${villageTownship.id}) desc, ${seatStation.id}
          limit 1) as station_id
        from ${regions} ${villageOfPerson} where ${villageOfPerson.id} = any(${sql.param([...new Set(villageIds)])}::int[])`,
  );
  return new Map(rows.map((r) => [r.village_id, r.station_id]));
}

export async function stationForVillage(db: DbOrTx, villageId: number): Promise<number | null> {
  return (await stationsForVillages(db, [villageId])).get(villageId) ?? null;
}
