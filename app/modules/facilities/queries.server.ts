// Read models of the facility register: the filtered list, map points, the GeoJSON feed, the station card and detail.
// Everything is limited by facilitiesInScope(user) in the WHERE clause; a row out of scope is not found.
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  activities,
  contracts,
  facilities,
  facilityKinds,
  facilityStatuses,
  facilityStatusHistory,
  organizations,
  people,
  regions,
  users,
  visits,
  workers,
} from "#db/schema";
import type { FacilityKind, FacilityStatus } from "#db/schema/facilities";
import { facilitiesInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import type { FacilityFilters, FacilitySortKey } from "~/modules/facilities/filters";
import { prefixPattern } from "~/modules/regions/codes";
import { overdueVisit } from "~/modules/visits/overdue.server";
import { employedOn } from "~/modules/workforce/figures.server";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { literalEq, literalNe } from "~/utils/sql-literals";

// The township every facility query joins (facilityConditions filters on it), its county, and the contract and
// organization read under their own names inside subqueries.
const township = alias(regions, "t");
const county = alias(regions, "cty");
const village = alias(regions, "v");
const contract = alias(contracts, "c");
const operator = alias(organizations, "o");

/** `facilities` joined to their township as `t`, the FROM that facilityConditions needs. */
const facilitiesWithTownship = sql`${facilities} join ${regions} ${township} on ${township.id} = ${facilities.townshipId}`;

/** The contract (as `c`) is active and its term includes the day; the map's contractInForce says the same. */
function contractInForce(today: string): SQL {
  return sql`(${literalEq(contract.status, "active")} and ${contract.startsOn} <= ${today} and ${contract.endsOn} >= ${today})`;
}

/** The organization running a facility today (an active contract covering the day), as a correlated subquery. */
function currentContract(today: string, column: "organization_id" | "org_name" | "ends_on" | "code") {
  const pick = {
    organization_id: contract.organizationId,
    org_name: operator.name,
    ends_on: contract.endsOn,
    code: contract.code,
  }[column];
  return sql`(select ${pick} from ${contracts} ${contract} join ${organizations} ${operator} on ${operator.id} = ${contract.organizationId}
    where ${contract.facilityId} = ${facilities.id} and ${contractInForce(today)}
    order by ${contract.endsOn} desc limit 1)`;
}

/**
 * Today's operator of every contracted facility, as one derived table: joined once (a hash join) it costs far less
 * than a subquery per row when tens of thousands of facilities are listed.
 */
function currentOperators(today: string) {
  return sql`(select distinct on (${contract.facilityId}) ${contract.facilityId}, ${operator.name}, ${contract.endsOn}
    from ${contracts} ${contract} join ${organizations} ${operator} on ${operator.id} = ${contract.organizationId}
    where ${contract.facilityId} is not null and ${contractInForce(today)}
    order by ${contract.facilityId}, ${contract.endsOn} desc)`;
}

/** WHERE conditions for the user's scope plus the URL filters; the query must join `regions t` on the township. */
export function facilityConditions(user: SessionUser, filters: FacilityFilters, today: string): SQL {
  const parts: SQL[] = [facilitiesInScope(user)];
  if (filters.township) parts.push(sql`${township.code} = ${filters.township}`);
  else if (filters.county) parts.push(sql`${township.code} like ${prefixPattern(filters.county, "county")}`);
  if (filters.kind) parts.push(sql`${facilities.kind} = ${filters.kind}`);
  if (filters.status) parts.push(sql`${facilities.status} = ${filters.status}`);
  if (filters.organization)
    parts.push(sql`exists (select 1 from ${contracts} ${contract} where ${contract.facilityId} = ${facilities.id}
      and ${contractInForce(today)} and ${contract.organizationId} = ${filters.organization})`);
  if (filters.approx) parts.push(literalNe(facilities.coordQuality, "surveyed"));
  if (filters.noOperator)
    parts.push(sql`not exists (select 1 from ${contracts} ${contract} where ${contract.facilityId} = ${facilities.id}
      and ${contractInForce(today)})`);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(
      sql`(${facilities.name} ilike ${like} or ${facilities.code} ilike ${like} or ${township.name} ilike ${like})`,
    );
  }
  return sql.join(parts, sql` and `);
}

/** What names a facility on every list, card and map feature. */
type FacilityIdentity = { id: number; code: string; name: string; kind: string; status: string };

export type FacilityListRow = FacilityIdentity & {
  openedOn: string | null;
  townshipCode: string;
  townshipName: string;
  countyName: string | null;
  organizationName: string | null;
  contractEndsOn: string | null;
  coordQuality: string;
  lat: number | null;
  lng: number | null;
  staffTarget: number | null;
};

const sortColumns: Record<FacilitySortKey, SQL> = {
  code: sql`${facilities.code}`,
  name: sql`${facilities.name}`,
  township: sql`${township.code}`,
  kind: sql`${facilities.kind}`,
  status: sql`${facilities.status}`,
  openedOn: sql`${facilities.openedOn}`,
  organization: sql`${sql.identifier("organizationName")}`,
};

/** The facilities the register's filters select, as the list, the map and the GeoJSON export read them. */
type FilteredFacilities = { user: SessionUser; filters: FacilityFilters; now?: Date };

export async function listFacilities({
  user,
  filters,
  sort = "code",
  dir = "asc",
  page = 1,
  pageSize = 50,
  now = new Date(),
}: FilteredFacilities & {
  sort?: FacilitySortKey;
  dir?: "asc" | "desc";
  page?: number;
  /** null: every row (exports). */
  pageSize?: number | null;
}): Promise<{ rows: FacilityListRow[]; total: number }> {
  const today = todayInShanghai(now);
  const where = facilityConditions(user, filters, today);
  const order = sql`${sortColumns[sort]} ${sql.raw(dir === "desc" ? "desc" : "asc")} nulls last, ${facilities.code} asc`;
  const limit = pageSize == null ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`;
  const [rows, totals] = await Promise.all([
    queryRows<FacilityListRow>(
      db,
      sql`select ${facilities.id}, ${facilities.code}, ${facilities.name}, ${facilities.kind}, ${facilities.status},
          ${facilities.openedOn}::text as "openedOn", ${township.code} as "townshipCode", ${township.name} as "townshipName",
          ${county.name} as "countyName", cur.name as "organizationName", cur.ends_on::text as "contractEndsOn",
          ${facilities.coordQuality} as "coordQuality", ${facilities.lat}, ${facilities.lng}, ${facilities.staffTarget} as "staffTarget"
        from ${facilitiesWithTownship} left join ${regions} ${county} on ${county.id} = ${township.parentId}
        left join ${currentOperators(today)} cur on cur.facility_id = ${facilities.id}
        where ${where} order by ${order} ${limit}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${facilitiesWithTownship} where ${where}`,
    ),
  ]);
  return {
    rows,
    total: totals[0]?.n ?? 0,
  };
}

/** Compact map points: [id, lng, lat, kind index, status index, surveyed 0/1]; the map needs nothing more. */
export type MapPoint = [number, number, number, number, number, 0 | 1];

export async function facilityMapPoints({
  user,
  filters,
  now = new Date(),
}: FilteredFacilities): Promise<{ points: MapPoint[]; unlocated: number }> {
  const today = todayInShanghai(now);
  const rows = await queryRows<{
    id: number;
    lng: number | null;
    lat: number | null;
    kind: FacilityKind;
    status: FacilityStatus;
    q: string;
  }>(
    db,
    sql`select ${facilities.id}, ${facilities.lng}, ${facilities.lat}, ${facilities.kind}, ${facilities.status},
        ${facilities.coordQuality} as q
      from ${facilitiesWithTownship}
      where ${facilityConditions(user, filters, today)} order by ${facilities.id}`,
  );
  const points: MapPoint[] = [];
  let unlocated = 0;
  for (const r of rows) {
    if (r.lat == null || r.lng == null) {
      unlocated++;
      continue;
    }
    points.push([
      r.id,
      r.lng,
      r.lat,
      facilityKinds.indexOf(r.kind),
      facilityStatuses.indexOf(r.status),
      r.q === "surveyed" ? 1 : 0,
    ]);
  }
  return { points, unlocated };
}

/** RFC 7946 FeatureCollection (WGS-84 lon/lat), for the API and GIS tools; unlocated facilities have null geometry. */
export async function facilitiesGeoJson({
  user,
  filters,
  now = new Date(),
}: FilteredFacilities): Promise<string> {
  const today = todayInShanghai(now);
  const rows = await queryRows<
    FacilityIdentity & {
      township_code: string;
      organization: string | null;
      coord_quality: string;
      lng: number | null;
      lat: number | null;
    }
  >(
    db,
    sql`select ${facilities.id}, ${facilities.code}, ${facilities.name}, ${facilities.kind}, ${facilities.status},
        ${township.code} as township_code, cur.name as organization, ${facilities.coordQuality} as coord_quality,
        ${facilities.lng}, ${facilities.lat}
      from ${facilitiesWithTownship}
      left join ${currentOperators(today)} cur on cur.facility_id = ${facilities.id}
      where ${facilityConditions(user, filters, today)} order by ${facilities.id}`,
  );
  // why: built as a string, feature by feature — 40,000 features as one object graph cost twice the memory and time.
  const parts: string[] = [];
  for (const r of rows) {
    const geometry =
      r.lat == null || r.lng == null
        ? "null"
        : `{"type":"Point","coordinates":[${round6(r.lng)},${round6(r.lat)}]}`;
    parts.push(
      `{"type":"Feature","id":${r.id},"geometry":${geometry},"properties":${JSON.stringify({
        code: r.code,
        name: r.name,
        kind: r.kind,
        status: r.status,
        township_code: r.township_code,
        organization: r.organization,
        coord_quality: r.coord_quality,
      })}}`,
    );
  }
  return `{"type":"FeatureCollection","features":[${parts.join(",")}]}`;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export type StationCard = FacilityIdentity & {
  openedOn: string | null;
  statusSince: string | null;
  townshipCode: string;
  townshipName: string;
  townshipNameBo: string | null;
  countyName: string | null;
  countyNameBo: string | null;
  organizationName: string | null;
  contractEndsOn: string | null;
  staffTarget: number | null;
  /** Workers employed today (the workforce register). */
  workers: number;
  peopleInCare: number;
  visitsOverdue: number;
  lastActivityOn: string | null;
  coordQuality: string;
  lat: number | null;
  lng: number | null;
};

const stationVisit = alias(visits, "v");

/** What the map card shows about one facility; null when it is outside the user's scope. */
/** One facility in the user's scope, as of `now`. */
type OneFacility = { user: SessionUser; id: number; now?: Date };

export async function stationCard({ user, id, now = new Date() }: OneFacility): Promise<StationCard | null> {
  const today = todayInShanghai(now);
  const [row] = await queryRows<StationCard>(
    db,
    sql`select ${facilities.id}, ${facilities.code}, ${facilities.name}, ${facilities.kind}, ${facilities.status},
        ${facilities.openedOn}::text as "openedOn",
        (select max(${facilityStatusHistory.effectiveOn})::text from ${facilityStatusHistory}
          where ${facilityStatusHistory.facilityId} = ${facilities.id} and ${facilityStatusHistory.toStatus} = ${facilities.status}) as "statusSince",
        ${township.code} as "townshipCode", ${township.name} as "townshipName", ${township.nameBo} as "townshipNameBo",
        ${county.name} as "countyName", ${county.nameBo} as "countyNameBo",
        ${currentContract(today, "org_name")} as "organizationName",
        ${currentContract(today, "ends_on")}::text as "contractEndsOn",
        ${facilities.staffTarget} as "staffTarget",
        (select count(*)::int from ${workers} where ${workers.facilityId} = ${facilities.id} and ${employedOn(today)}) as "workers",
        (select count(*)::int from ${people} where ${people.stationId} = ${facilities.id} and ${literalEq(people.status, "active")}) as "peopleInCare",
        (select count(*)::int from ${visits} ${stationVisit} where ${stationVisit.stationId} = ${facilities.id} and ${overdueVisit({ now }, stationVisit)}) as "visitsOverdue",
        (select max(${activities.occurredOn})::text from ${activities}
          where ${activities.facilityId} = ${facilities.id} and ${activities.deletedAt} is null) as "lastActivityOn",
        ${facilities.coordQuality} as "coordQuality", ${facilities.lat}, ${facilities.lng}
      from ${facilitiesWithTownship} left join ${regions} ${county} on ${county.id} = ${township.parentId}
      where ${facilities.id} = ${id} and ${facilitiesInScope(user)}`,
  );
  return row ?? null;
}

export type FacilityDetail = StationCard & {
  townshipId: number;
  villageId: number | null;
  villageName: string | null;
  address: string | null;
  capacity: number | null;
  serviceRadiusM: number;
  phone: string | null;
  notes: string | null;
  contractCode: string | null;
  updatedAt: string;
};

export async function getFacility({
  user,
  id,
  now = new Date(),
}: OneFacility): Promise<FacilityDetail | null> {
  const card = await stationCard({ user, id, now });
  if (!card) return null;
  const today = todayInShanghai(now);
  const [extra] = await queryRows<Omit<FacilityDetail, keyof StationCard>>(
    db,
    sql`select ${facilities.townshipId} as "townshipId", ${facilities.villageId} as "villageId", ${village.name} as "villageName",
        ${facilities.address}, ${facilities.capacity}, ${facilities.serviceRadiusM} as "serviceRadiusM", ${facilities.phone},
        ${facilities.notes}, ${currentContract(today, "code")} as "contractCode", ${facilities.updatedAt}::text as "updatedAt"
      from ${facilities} left join ${regions} ${village} on ${village.id} = ${facilities.villageId} where ${facilities.id} = ${id}`,
  );
  return { ...card, ...extra };
}

export async function facilityStatusHistoryOf(facilityId: number) {
  return db
    .select({
      id: facilityStatusHistory.id,
      fromStatus: facilityStatusHistory.fromStatus,
      toStatus: facilityStatusHistory.toStatus,
      effectiveOn: facilityStatusHistory.effectiveOn,
      note: facilityStatusHistory.note,
      changedBy: users.name,
      createdAt: facilityStatusHistory.createdAt,
    })
    .from(facilityStatusHistory)
    .leftJoin(users, eq(users.id, facilityStatusHistory.changedBy))
    .where(eq(facilityStatusHistory.facilityId, facilityId))
    .orderBy(desc(facilityStatusHistory.effectiveOn), desc(facilityStatusHistory.id));
}

/** The facility as stored, scoped; for edit forms and mutations. */
export async function facilityRowInScope(user: SessionUser, id: number) {
  const [row] = await db
    .select()
    .from(facilities)
    .where(and(eq(facilities.id, id), facilitiesInScope(user)))
    .orderBy(asc(facilities.id));
  return row ?? null;
}
