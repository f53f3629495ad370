// Read models of the facility register: the filtered list, map points, the GeoJSON feed, the station card and detail.
// Everything is limited by facilitiesInScope(user) in the WHERE clause; a row out of scope is not found.
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  facilities,
  facilityKinds,
  facilityStatuses,
  facilityStatusHistory,
  users,
  visits,
  workers,
} from "#db/schema";
import type { FacilityKind, FacilityStatus } from "#db/schema/facilities";
import { facilitiesInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import type { FacilityFilters, FacilitySortKey } from "~/modules/map/filters";
import { prefixPattern } from "~/modules/regions/codes";
import { overdueVisit } from "~/modules/visits/overdue.server";
import { employedOn } from "~/modules/workforce/figures.server";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";

/** The organization running a facility today (an active contract covering the day), as a correlated subquery. */
function currentContract(today: string, column: "organization_id" | "org_name" | "ends_on" | "code") {
  const pick =
    column === "org_name"
      ? sql.raw("o.name")
      : column === "ends_on"
        ? sql.raw("c.ends_on")
        : column === "code"
          ? sql.raw("c.code")
          : sql.raw("c.organization_id");
  return sql`(select ${pick} from contracts c join organizations o on o.id = c.organization_id
    where c.facility_id = facilities.id and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
    order by c.ends_on desc limit 1)`;
}

/**
 * Today's operator of every contracted facility, as one derived table: joined once (a hash join) it costs far less
 * than a subquery per row when tens of thousands of facilities are listed.
 */
function currentOperators(today: string) {
  return sql`(select distinct on (c.facility_id) c.facility_id, o.name, c.ends_on
    from contracts c join organizations o on o.id = c.organization_id
    where c.facility_id is not null and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
    order by c.facility_id, c.ends_on desc)`;
}

/** WHERE conditions for the user's scope plus the URL filters; the query must join `regions t` on the township. */
export function facilityConditions(user: SessionUser, filters: FacilityFilters, today: string): SQL {
  const parts: SQL[] = [facilitiesInScope(user)];
  if (filters.township) parts.push(sql`t.code = ${filters.township}`);
  else if (filters.county) parts.push(sql`t.code like ${prefixPattern(filters.county, "county")}`);
  if (filters.kind) parts.push(sql`facilities.kind = ${filters.kind}`);
  if (filters.status) parts.push(sql`facilities.status = ${filters.status}`);
  if (filters.organization)
    parts.push(sql`exists (select 1 from contracts c where c.facility_id = facilities.id and c.status = 'active'
      and c.starts_on <= ${today} and c.ends_on >= ${today} and c.organization_id = ${filters.organization})`);
  if (filters.approx) parts.push(sql`facilities.coord_quality <> 'surveyed'`);
  if (filters.noOperator)
    parts.push(sql`not exists (select 1 from contracts c where c.facility_id = facilities.id and c.status = 'active'
      and c.starts_on <= ${today} and c.ends_on >= ${today})`);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(sql`(facilities.name ilike ${like} or facilities.code ilike ${like} or t.name ilike ${like})`);
  }
  return sql.join(parts, sql` and `);
}

export type FacilityListRow = {
  id: number;
  code: string;
  name: string;
  kind: string;
  status: string;
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

const sortColumns: Record<FacilitySortKey, string> = {
  code: "facilities.code",
  name: "facilities.name",
  township: "t.code",
  kind: "facilities.kind",
  status: "facilities.status",
  openedOn: "facilities.opened_on",
  organization: '"organizationName"',
};

export async function listFacilities({
  user,
  filters,
  sort = "code",
  dir = "asc",
  page = 1,
  pageSize = 50,
  now = new Date(),
}: {
  user: SessionUser;
  filters: FacilityFilters;
  sort?: FacilitySortKey;
  dir?: "asc" | "desc";
  page?: number;
  /** null: every row (exports). */
  pageSize?: number | null;
  now?: Date;
}): Promise<{ rows: FacilityListRow[]; total: number }> {
  const today = todayInShanghai(now);
  const where = facilityConditions(user, filters, today);
  const order = sql.raw(
    `${sortColumns[sort]} ${dir === "desc" ? "desc" : "asc"} nulls last, facilities.code asc`,
  );
  const limit = pageSize == null ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`;
  const [rows, totals] = await Promise.all([
    queryRows<FacilityListRow>(
      db,
      sql`select facilities.id, facilities.code, facilities.name, facilities.kind, facilities.status,
          facilities.opened_on::text as "openedOn", t.code as "townshipCode", t.name as "townshipName",
          cty.name as "countyName", cur.name as "organizationName", cur.ends_on::text as "contractEndsOn",
          facilities.coord_quality as "coordQuality", facilities.lat, facilities.lng, ${facilities.staffTarget} as "staffTarget"
        from facilities join regions t on t.id = facilities.township_id left join regions cty on cty.id = t.parent_id
        left join ${currentOperators(today)} cur on cur.facility_id = facilities.id
        where ${where} order by ${order} ${limit}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from facilities join regions t on t.id = facilities.township_id where ${where}`,
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
}: {
  user: SessionUser;
  filters: FacilityFilters;
  now?: Date;
}): Promise<{ points: MapPoint[]; unlocated: number }> {
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
    sql`select facilities.id, facilities.lng, facilities.lat, facilities.kind, facilities.status, facilities.coord_quality as q
      from facilities join regions t on t.id = facilities.township_id
      where ${facilityConditions(user, filters, today)} order by facilities.id`,
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
}: {
  user: SessionUser;
  filters: FacilityFilters;
  now?: Date;
}): Promise<string> {
  const today = todayInShanghai(now);
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    kind: string;
    status: string;
    township_code: string;
    organization: string | null;
    coord_quality: string;
    lng: number | null;
    lat: number | null;
  }>(
    db,
    sql`select facilities.id, facilities.code, facilities.name, facilities.kind, facilities.status, t.code as township_code,
        cur.name as organization, facilities.coord_quality, facilities.lng, facilities.lat
      from facilities join regions t on t.id = facilities.township_id
      left join ${currentOperators(today)} cur on cur.facility_id = facilities.id
      where ${facilityConditions(user, filters, today)} order by facilities.id`,
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

export type StationCard = {
  id: number;
  code: string;
  name: string;
  kind: string;
  status: string;
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
    sql`select facilities.id, facilities.code, facilities.name, facilities.kind, facilities.status,
        facilities.opened_on::text as "openedOn",
        (select max(h.effective_on)::text from facility_status_history h where h.facility_id = facilities.id and h.to_status = facilities.status) as "statusSince",
        t.code as "townshipCode", t.name as "townshipName", t.name_bo as "townshipNameBo",
        cty.name as "countyName", cty.name_bo as "countyNameBo",
        ${currentContract(today, "org_name")} as "organizationName",
        ${currentContract(today, "ends_on")}::text as "contractEndsOn",
        ${facilities.staffTarget} as "staffTarget",
        (select count(*)::int from ${workers} where ${workers.facilityId} = facilities.id and ${employedOn(today)}) as "workers",
        (select count(*)::int from people p where p.station_id = facilities.id and p.status = 'active') as "peopleInCare",
        (select count(*)::int from visits v where v.station_id = facilities.id and ${overdueVisit({ now }, stationVisit)}) as "visitsOverdue",
        (select max(a.occurred_on)::text from activities a where a.facility_id = facilities.id and a.deleted_at is null) as "lastActivityOn",
        facilities.coord_quality as "coordQuality", facilities.lat, facilities.lng
      from facilities join regions t on t.id = facilities.township_id left join regions cty on cty.id = t.parent_id
      where facilities.id = ${id} and ${facilitiesInScope(user)}`,
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
    sql`select facilities.township_id as "townshipId", facilities.village_id as "villageId", v.name as "villageName",
        facilities.address, facilities.capacity, facilities.service_radius_m as "serviceRadiusM", facilities.phone,
        facilities.notes, ${currentContract(today, "code")} as "contractCode", facilities.updated_at::text as "updatedAt"
      from facilities left join regions v on v.id = facilities.village_id where facilities.id = ${id}`,
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
