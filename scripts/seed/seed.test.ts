// The demo network matches the source articles, uses the real region codes, and loads only once.
import fs from "node:fs";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { and, count, eq, like, sql } from "drizzle-orm";
import gcoord from "gcoord";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { queryRows } from "#db/client";
import {
  allocations,
  contracts,
  facilities,
  fundingSources,
  organizations,
  people,
  regions,
  users,
} from "#db/schema";
import type { BoundaryGeometry } from "#db/schema/regions";
import { demoAccounts } from "~/modules/auth/demo-accounts";
import { openFreshPostgres } from "../../test/setup/database";
import { contains } from "./geo";
import { seedDemoData } from "./index";

let handle: DatabaseHandle;
const now = new Date("2026-11-23T04:00:00Z");

beforeAll(async () => {
  handle = await openFreshPostgres("empty");
  const result = await seedDemoData(handle.db, { now });
  expect(result.seeded).toBe(true);
});
afterAll(async () => handle?.close());

/** Great-circle distance in metres (spherical Earth; ample for "within 1 m" and "hundreds of metres"). */
function metresBetween([lng1, lat1]: number[], [lng2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

/** The county boundaries as delivered, in GCJ-02: the seed's copy of ../shared/data (byte-identical). */
type RawCounty = { properties: { adcode: number }; geometry: { coordinates: number[][][][] } };
const rawCounties: RawCounty[] = JSON.parse(
  fs.readFileSync(new URL("./data/counties-nyingchi-ngari.gcj02.geojson", import.meta.url), "utf8"),
).features;

const tableCounts = async () =>
  queryRows<{ table: string; n: number }>(
    handle.db,
    sql`select 'regions' as table, count(*)::int as n from regions union all select 'facilities', count(*)::int from facilities
        union all select 'people', count(*)::int from people union all select 'visits', count(*)::int from visits
        union all select 'activities', count(*)::int from activities union all select 'users', count(*)::int from users
        union all select 'contracts', count(*)::int from contracts union all select 'expenditures', count(*)::int from expenditures`,
  );

describe("the demo seed", () => {
  it("changes nothing when run a second time", async () => {
    const before = await tableCounts();
    const again = await seedDemoData(handle.db, { now });
    expect(again.seeded).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });

  it("loads the real division codes of Bayi District and the 7 counties of Ngari", async () => {
    const byLevel = await handle.db
      .select({ level: regions.level, n: count() })
      .from(regions)
      .groupBy(regions.level);
    expect(Object.fromEntries(byLevel.map((r) => [r.level, r.n]))).toEqual({
      province: 1,
      prefecture: 2,
      county: 8,
      township: 46,
      village: 218,
    });
    const [bayiVillages] = await handle.db
      .select({ n: count() })
      .from(regions)
      .where(and(eq(regions.level, "village"), like(regions.code, "540402%")));
    expect(bayiVillages.n).toBe(73);
    const [baiba] = await handle.db.select().from(regions).where(eq(regions.code, "540402101000"));
    expect(baiba.name).toBe("百巴镇");
  });

  it("names every prefecture and county in Tibetan and pinyin as well", async () => {
    const named = await handle.db
      .select({ code: regions.code, nameBo: regions.nameBo, namePinyin: regions.namePinyin })
      .from(regions)
      .where(sql`${regions.level} in ('province', 'prefecture', 'county')`);
    expect(named.length).toBe(11);
    for (const r of named) {
      expect(r.nameBo, r.code).toMatch(/^[\u0F00-\u0FFF]+$/u);
      expect(r.namePinyin, r.code).toMatch(/^\p{Script=Latin}(?:\p{Script=Latin}|\p{Mn}|['\s])+$/u);
    }
    expect(named.find((r) => r.code === "542523000000")).toMatchObject({
      nameBo: "སྒར་རྫོང་།",
      namePinyin: "Gá'ěr Xiàn",
    });
  });

  it("stores county boundaries in WGS-84 and places every township and village, approximately, inside its county", async () => {
    const counties = await handle.db.select().from(regions).where(eq(regions.level, "county"));
    // A known vertex: the first of Gar County's outline in the delivered GCJ-02 data.
    const garRaw = rawCounties.find((f) => f.properties.adcode === 542523)!;
    expect(garRaw.geometry.coordinates[0][0][0]).toEqual([80.472118, 32.536522]);
    const gar = counties.find((c) => c.code === "542523000000")!;
    const stored = (gar.boundary as { coordinates: number[][][][] }).coordinates[0][0][0];
    const wgs84 = gcoord.transform([80.472118, 32.536522], gcoord.GCJ02, gcoord.WGS84) as number[];
    expect(metresBetween(stored, wgs84)).toBeLessThan(1);
    // Unconverted data would sit where GCJ-02 puts it: a few hundred metres off.
    const offset = metresBetween(stored, [80.472118, 32.536522]);
    expect(offset).toBeGreaterThan(200);
    expect(offset).toBeLessThan(1000);
    // And every vertex of every county, not only that one.
    for (const county of counties) {
      const raw = rawCounties.find((f) => f.properties.adcode === Number(county.code.slice(0, 6)))!;
      const polygons = (county.boundary as { coordinates: number[][][][] }).coordinates;
      expect(polygons.length, county.name).toBe(raw.geometry.coordinates.length);
      for (const [i, polygon] of polygons.entries()) {
        for (const [j, ring] of polygon.entries()) {
          const rawRing = raw.geometry.coordinates[i][j];
          expect(ring.length, `${county.name} ring ${i}/${j}`).toBe(rawRing.length);
          for (const [k, vertex] of ring.entries()) {
            const expected = gcoord.transform(rawRing[k] as [number, number], gcoord.GCJ02, gcoord.WGS84);
            if (metresBetween(vertex, expected) >= 1) expect.fail(`${county.name} vertex ${i}/${j}/${k}`);
          }
        }
      }
    }
    const placed = await handle.db
      .select()
      .from(regions)
      .where(sql`${regions.level} in ('township', 'village')`);
    for (const r of placed) {
      expect(r.coordQuality, r.code).toBe("approximate");
      const county = counties.find((c) => c.code.slice(0, 6) === r.code.slice(0, 6))!;
      expect(contains(county.boundary as BoundaryGeometry, [r.lng!, r.lat!]), `${r.code} ${r.name}`).toBe(
        true,
      );
    }
  });

  it("places every station and facility inside the boundary of its county", async () => {
    const rows = await queryRows<{
      code: string;
      name: string;
      lat: number | null;
      lng: number | null;
      coord_quality: string;
      boundary: BoundaryGeometry;
    }>(
      handle.db,
      sql`select f.code, f.name, f.lat, f.lng, f.coord_quality, c.boundary from ${facilities} f
          join ${regions} t on t.id = f.township_id
          join ${regions} c on c.level = 'county' and c.code = substr(t.code, 1, 6) || '000000'`,
    );
    const [{ n }] = await handle.db.select({ n: count() }).from(facilities);
    expect(rows).toHaveLength(n);
    expect(n).toBeGreaterThanOrEqual(21); // at least Bayi's 9 and Ngari's 12 stations
    for (const f of rows) {
      expect(f.lat, `${f.code} ${f.name} has a position`).not.toBeNull();
      expect(f.coord_quality, f.code).toBe("approximate");
      expect(booleanPointInPolygon([f.lng!, f.lat!], f.boundary), `${f.code} ${f.name}`).toBe(true);
    }
  });

  it("gives Bayi a station in each of its 9 township-level units, 6 opened before 2023 and 3 in 2023", async () => {
    const stations = await handle.db
      .select({ openedOn: facilities.openedOn, status: facilities.status })
      .from(facilities)
      .where(and(eq(facilities.kind, "social_work_station"), like(facilities.code, "540402%")));
    expect(stations).toHaveLength(9);
    expect(stations.every((s) => s.status === "operating")).toBe(true);
    expect(stations.filter((s) => s.openedOn! < "2023-01-01")).toHaveLength(6);
    expect(stations.filter((s) => s.openedOn!.startsWith("2023"))).toHaveLength(3);
    const [home] = await handle.db
      .select({ village: regions.name })
      .from(facilities)
      .innerJoin(regions, eq(regions.id, facilities.villageId))
      .where(eq(facilities.kind, "happiness_home"))
      .orderBy(facilities.id)
      .limit(1);
    expect(home.village).toBe("开朗村");
  });

  it("gives Ngari 7 operating key-town stations and 5 new ones", async () => {
    const stations = await handle.db
      .select({ code: facilities.code, status: facilities.status })
      .from(facilities)
      .where(and(eq(facilities.kind, "social_work_station"), like(facilities.code, "5425%")));
    expect(stations).toHaveLength(12);
    const keyTowns = stations.filter((s) => /^5425\d{2}100000/.test(s.code));
    expect(keyTowns).toHaveLength(7);
    expect(keyTowns.every((s) => s.status === "operating")).toBe(true);
  });

  it("reproduces the 2.8 M yuan Ngari station pool and the 1.1232 M yuan children's care funds of 2023", async () => {
    const rows = await queryRows<{ kind: string; fen: number }>(
      handle.db,
      sql`select fs.kind, sum(a.amount_fen)::float8 as fen from ${allocations} a join ${fundingSources} fs on fs.id = a.funding_source_id
          join ${contracts} c on c.id = a.contract_id
          where fs.year = 2023 and c.code like 'ALI-2023-%' group by fs.kind`,
    );
    const stationPool = await queryRows<{ fen: number }>(
      handle.db,
      sql`select sum(a.amount_fen)::float8 as fen from ${allocations} a join ${contracts} c on c.id = a.contract_id where c.code like 'ALI-2023-SW-%'`,
    );
    expect(stationPool[0].fen).toBe(2_800_000 * 100);
    const children = await queryRows<{ fen: number }>(
      handle.db,
      sql`select sum(a.amount_fen)::float8 as fen from ${allocations} a join ${contracts} c on c.id = a.contract_id where c.code like 'ALI-2023-ET-%'`,
    );
    expect(children[0].fen).toBe(1_123_200 * 100);
    expect(rows.find((r) => r.kind === "paired_aid")?.fen).toBe(840_000 * 100);
  });

  it("keeps each funding source's allocated total equal to its allocations", async () => {
    const rows = await queryRows<{ id: number; allocated: number; summed: number }>(
      handle.db,
      sql`select fs.id, fs.allocated_fen::float8 as allocated, coalesce(sum(a.amount_fen), 0)::float8 as summed
          from ${fundingSources} fs left join ${allocations} a on a.funding_source_id = fs.id group by fs.id`,
    );
    for (const r of rows) expect(r.allocated, `source ${r.id}`).toBe(r.summed);
  });

  it("has party branches in 6 of Ngari's 7 organizations (86%), 4 of them registered in 2022–23", async () => {
    const ngari = await handle.db
      .select({ party: organizations.hasPartyBranch, registeredOn: organizations.registeredOn })
      .from(organizations)
      .innerJoin(regions, eq(regions.id, organizations.regionId))
      .where(like(regions.code, "5425%"));
    expect(ngari).toHaveLength(7);
    expect(Math.round((ngari.filter((o) => o.party).length / ngari.length) * 100)).toBe(86);
    expect(
      ngari.filter((o) => o.registeredOn! >= "2022-01-01" && o.registeredOn! <= "2023-12-31"),
    ).toHaveLength(4);
  });

  it("uses clearly fake names and never stores a plain ID number", async () => {
    const rows = await handle.db
      .select({ name: people.fullName, cipher: people.idNumberCipher, masked: people.idNumberMasked })
      .from(people);
    expect(rows.length).toBeGreaterThan(300);
    for (const r of rows) {
      expect(r.name.startsWith("示例·")).toBe(true);
      expect(r.cipher).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
      expect(r.cipher).not.toMatch(/\d{17}[\dX]/);
      expect(r.masked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    }
  });

  it("creates every demo account with a scope that matches its role", async () => {
    const accounts = await queryRows<{
      email: string;
      role: string;
      region_code: string | null;
      organization: string | null;
      organization_id: number | null;
      facility_code: string | null;
      facility_kind: string | null;
    }>(
      handle.db,
      sql`select u.email, u.role, r.code as region_code, o.name as organization, o.id as organization_id,
            f.code as facility_code, f.kind as facility_kind
          from ${users} u left join ${regions} r on r.id = u.region_id
          left join ${organizations} o on o.id = u.organization_id left join ${facilities} f on f.id = u.facility_id
          where u.email like '%@demo.local'`,
    );
    const byEmail = new Map(accounts.map((a) => [a.email, a]));
    const scopeOf = (email: string) => {
      const a = byEmail.get(email);
      expect(a, email).toBeDefined();
      return a!;
    };
    // The six accounts, each with the scope it names.
    expect(scopeOf("admin@demo.local")).toMatchObject({
      role: "admin",
      region_code: null,
      organization: null,
      facility_code: null,
    });
    for (const [email, role, code] of [
      ["planner.bayi@demo.local", "planner", "540402000000"],
      ["planner.ngari@demo.local", "planner", "542500000000"],
      ["auditor@demo.local", "auditor", "542500000000"],
    ]) {
      expect(scopeOf(email), email).toMatchObject({
        role,
        region_code: code,
        organization: null,
        facility_code: null,
      });
    }
    const baiba = scopeOf("station.baiba@demo.local");
    expect(baiba).toMatchObject({ role: "station_staff", region_code: null, organization: null });
    expect(baiba.facility_kind).toBe("social_work_station");
    const [baibaTown] = await queryRows<{ name: string }>(
      handle.db,
      sql`select t.name from ${facilities} f join ${regions} t on t.id = f.township_id where f.code = ${baiba.facility_code}`,
    );
    expect(baibaTown.name).toBe("百巴镇");
    const gar = scopeOf("org.gar@demo.local");
    expect(gar).toMatchObject({ role: "org_staff", region_code: null, facility_code: null });
    // The organization that runs Gar County's day-care centre (an active contract for it).
    const dayCareOperators = await queryRows<{ organization_id: number }>(
      handle.db,
      sql`select c.organization_id from ${contracts} c join ${facilities} f on f.id = c.facility_id
          join ${regions} t on t.id = f.township_id
          where f.kind = 'day_care_centre' and t.code like '542523%' and c.status = 'active'`,
    );
    expect(dayCareOperators.map((r) => r.organization_id)).toEqual([gar.organization_id]);
    // Every demo account, including those beyond the six: exactly the scope column its role calls for.
    for (const listed of demoAccounts) expect(byEmail.has(listed.email), listed.email).toBe(true);
    for (const a of accounts) {
      const scopes = [a.region_code, a.organization, a.facility_code].filter((v) => v !== null).length;
      expect(scopes, a.email).toBe(a.role === "admin" ? 0 : 1);
      if (a.role === "planner" || a.role === "auditor") expect(a.region_code, a.email).not.toBeNull();
      if (a.role === "org_staff") expect(a.organization, a.email).not.toBeNull();
      if (a.role === "station_staff") expect(a.facility_kind, a.email).toBe("social_work_station");
    }
  });

  it("refuses to put demo data into a database that already holds users", async () => {
    const other = await openFreshPostgres("empty");
    try {
      await other.db
        .insert(users)
        .values({ email: "real@bureau.cn", name: "真实用户", passwordHash: "x", role: "admin" });
      const result = await seedDemoData(other.db, { now });
      expect(result.seeded).toBe(false);
      expect((await other.db.select({ n: count() }).from(facilities))[0].n).toBe(0);
    } finally {
      await other.close();
    }
  });
});
