// Regions as the map, filters and coverage need them, limited to the user's scope.
import { and, asc, inArray, like, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { regions } from "#db/schema";
import type { BoundaryGeometry } from "#db/schema/regions";
import { regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { db, queryRows } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";
import { approximateTownshipCells, compactGeometry } from "./cells";
import { countyDigitsSql } from "./code-sql.server";
import { countyCodeOf, countyDigits, prefixPattern } from "./codes";

const parent = alias(regions, "p");

/**
 * Counties and townships the user may pick in filters. Townships are listed for the chosen county, or all of them
 * when the scope holds few (a country-wide scope would otherwise send tens of thousands of options).
 */
export async function regionFilterOptions(user: SessionUser, { county }: { county?: string } = {}) {
  const counties = await queryRows<{
    code: string;
    name: string;
    name_bo: string | null;
    parent_code: string | null;
  }>(
    db,
    sql`select ${regions.code}, ${regions.name}, ${regions.nameBo} as name_bo, ${parent.code} as parent_code
      from ${regions} left join ${regions} ${parent} on ${parent.id} = ${regions.parentId}
      where ${literalEq(regions.level, "county")} and ${regionsInScope(user)} order by ${regions.code}`,
  );
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${regions} where ${literalEq(regions.level, "township")} and ${regionsInScope(user)}`,
  );
  const townshipFilter = county ? like(regions.code, prefixPattern(county, "county")) : sql`true`;
  const townships =
    county || n <= 600
      ? await queryRows<{
          code: string;
          name: string;
          name_bo: string | null;
          parent_code: string | null;
          lat: number | null;
          lng: number | null;
        }>(
          db,
          sql`select ${regions.code}, ${regions.name}, ${regions.nameBo} as name_bo, ${parent.code} as parent_code,
              ${regions.lat}, ${regions.lng}
            from ${regions} left join ${regions} ${parent} on ${parent.id} = ${regions.parentId}
            where ${literalEq(regions.level, "township")} and ${regionsInScope(user)} and ${townshipFilter}
            order by ${regions.code}`,
        )
      : [];
  return {
    counties: counties.map((r) => ({
      code: r.code,
      name: r.name,
      nameBo: r.name_bo,
      parentCode: r.parent_code,
    })),
    townships: townships.map((r) => ({
      code: r.code,
      name: r.name,
      nameBo: r.name_bo,
      parentCode: r.parent_code,
      lat: r.lat,
      lng: r.lng,
    })),
  };
}

/** Regions the coverage page offers: provinces, prefectures and counties in scope. */
export async function coverageRegionOptions(user: SessionUser) {
  return db
    .select({ code: regions.code, name: regions.name, nameBo: regions.nameBo, level: regions.level })
    .from(regions)
    .where(and(inArray(regions.level, ["province", "prefecture", "county"]), regionsInScope(user)))
    .orderBy(asc(regions.code));
}

export type MapTownship = {
  code: string;
  name: string;
  nameBo: string | null;
  countyCode: string;
  lat: number | null;
  lng: number | null;
  coordQuality: string;
  /** A real boundary from the regions table, or an approximate Voronoi cell. */
  area: BoundaryGeometry | null;
  areaApproximate: boolean;
};

export type MapCounty = {
  code: string;
  name: string;
  nameBo: string | null;
  /** The county seat, where the map writes the county's name. */
  lat: number | null;
  lng: number | null;
  boundary: BoundaryGeometry | null;
};

const cellCache = new Map<string, Map<string, BoundaryGeometry>>();
const CELL_CACHE_LIMIT = 400;

/** Cells depend on the county outline and its seats only; cached by both so an edit recomputes them. */
function cachedCells(
  countyCode: string,
  boundary: BoundaryGeometry,
  seats: { code: string; lng: number; lat: number }[],
  boundaryStamp: string,
) {
  const key = `${countyCode}|${boundaryStamp}|${seats.map((s) => `${s.code}:${s.lng}:${s.lat}`).join(";")}`;
  let cells = cellCache.get(key);
  if (!cells) {
    cells = new Map(
      [...approximateTownshipCells(boundary, seats)].map(([code, g]) => [code, compactGeometry(g)]),
    );
    if (cellCache.size >= CELL_CACHE_LIMIT) cellCache.delete(cellCache.keys().next().value!);
    cellCache.set(key, cells);
  }
  return cells;
}

/**
 * County outlines and township areas for the map, under an optional county/township filter.
 * Outlines are sent only up to `maxCounties` counties (country-wide views show markers only).
 */
export async function mapRegions({
  user,
  county,
  township,
  maxCounties = 200,
}: {
  user: SessionUser;
  county?: string;
  township?: string;
  maxCounties?: number;
}): Promise<{ counties: MapCounty[]; townships: MapTownship[]; tooMany: boolean }> {
  const pattern = township
    ? prefixPattern(township, "township")
    : county
      ? prefixPattern(county, "county")
      : null;
  const filter = pattern ? like(regions.code, pattern) : sql`true`;
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${regions}
      where ${literalEq(regions.level, "county")} and ${regionsInScope(user)} and ${filter}`,
  );
  if (n > maxCounties) return { counties: [], townships: [], tooMany: true };
  // Townships in scope (their counties may be out of scope for station and organization staff).
  const townships = await queryRows<{
    code: string;
    name: string;
    name_bo: string | null;
    lat: number | null;
    lng: number | null;
    coord_quality: string;
    boundary: BoundaryGeometry | null;
  }>(
    db,
    sql`select ${regions.code}, ${regions.name}, ${regions.nameBo} as name_bo, ${regions.lat}, ${regions.lng},
        ${regions.coordQuality} as coord_quality, ${regions.boundary}
      from ${regions}
      where ${literalEq(regions.level, "township")} and ${regionsInScope(user)} and ${filter} order by ${regions.code}`,
  );
  const countyCodes = [...new Set(townships.map((t) => countyCodeOf(t.code)))];
  if (countyCodes.length > maxCounties) return { counties: [], townships: [], tooMany: true };
  const countyRows = countyCodes.length
    ? await queryRows<{
        code: string;
        name: string;
        name_bo: string | null;
        lat: number | null;
        lng: number | null;
        boundary: BoundaryGeometry | null;
        in_scope: boolean;
        stamp: string;
      }>(
        db,
        sql`select ${regions.code}, ${regions.name}, ${regions.nameBo} as name_bo, ${regions.lat}, ${regions.lng},
            ${regions.boundary}, (${regionsInScope(user)}) as in_scope, ${regions.updatedAt}::text as stamp
          from ${regions} where ${literalEq(regions.level, "county")} and ${regions.code} in ${sql`(${sql.join(
            countyCodes.map((c) => sql`${c}`),
            sql`, `,
          )})`}`,
      )
    : [];
  // Every seat of a county shapes the cells, including seats outside the user's scope; only in-scope cells are sent.
  const seatsByCounty = new Map<string, { code: string; lng: number; lat: number }[]>();
  if (countyRows.some((c) => c.boundary)) {
    const allSeats = await queryRows<{ code: string; lng: number; lat: number }>(
      db,
      sql`select ${regions.code}, ${regions.lng}, ${regions.lat} from ${regions}
        where ${literalEq(regions.level, "township")} and ${regions.boundary} is null and ${regions.lat} is not null
        and ${countyDigitsSql(regions.code)} in ${sql`(${sql.join(
          countyCodes.map((c) => sql`${countyDigits(c)}`),
          sql`, `,
        )})`} order by ${regions.code}`,
    );
    for (const s of allSeats) {
      const key = countyCodeOf(s.code);
      seatsByCounty.set(key, [...(seatsByCounty.get(key) ?? []), s]);
    }
  }
  const cellsByCounty = new Map<string, Map<string, BoundaryGeometry>>();
  for (const c of countyRows) {
    if (!c.boundary) continue;
    cellsByCounty.set(c.code, cachedCells(c.code, c.boundary, seatsByCounty.get(c.code) ?? [], c.stamp));
  }
  return {
    counties: countyRows
      .filter((c) => c.in_scope)
      .map((c) => ({
        code: c.code,
        name: c.name,
        nameBo: c.name_bo,
        lat: c.lat,
        lng: c.lng,
        boundary: c.boundary ? compactGeometry(c.boundary, 4) : null,
      })),
    townships: townships.map((t) => {
      const countyCode = countyCodeOf(t.code);
      const cell = t.boundary ? null : (cellsByCounty.get(countyCode)?.get(t.code) ?? null);
      return {
        code: t.code,
        name: t.name,
        nameBo: t.name_bo,
        countyCode,
        lat: t.lat,
        lng: t.lng,
        coordQuality: t.coord_quality,
        area: t.boundary ? compactGeometry(t.boundary) : cell,
        areaApproximate: !t.boundary && cell != null,
      };
    }),
    tooMany: n > maxCounties,
  };
}
