// npm run bench:map — a country-scale synthetic network (40,000 township stations, 500,000 villages) in a separate,
// throw-away PostgreSQL database: GeoJSON time and payload, coverage time, the bare SQL floor for the same rows, and
// the time to the first rendered cluster with 40,000 markers in Chromium. Exits non-zero on failure or a missed aim.
// Needs PostgreSQL (BENCH_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres) and /usr/bin/chromium.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import postgres from "postgres";

const root = path.resolve(import.meta.dirname, "../..");
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `snc_bench_${randomBytes(4).toString("hex")}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const BENCH_EMAIL = "bench.admin@bench.local";
const BENCH_PASSWORD = "bench-password-2024";

const TARGET = { stations: 40_000, villages: 500_000, provinceTownships: 1_500, provinceVillages: 20_000 };
const PROVINCE = "11"; // the province-size region
const AIMS = { provinceCoverageMs: 1_000, countryGeojsonGzipBytes: 2 * 1024 * 1024 };

type Row = Record<string, unknown>;
const results: [string, string][] = [];
const failures: string[] = [];
const report = (label: string, value: string) => {
  results.push([label, value]);
  console.log(`  ${label.padEnd(58)} ${value}`);
};
const ms = (v: number) => `${v.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Builds the network in memory: codes follow the 12-digit hierarchy, points fall inside China's extent. */
function buildNetwork() {
  const rand = mulberry32(20240229);
  const regions: Row[] = [];
  const stations: Row[] = [];
  const provinces = Array.from({ length: 32 }, (_, i) => String(11 + i));
  // Township count per province: the bench province gets exactly 1,500, the rest share the remainder.
  const otherTownships = TARGET.stations - TARGET.provinceTownships;
  const otherVillages = TARGET.villages - TARGET.provinceVillages;
  const others = provinces.length - 1;
  let townshipIndex = 0;
  provinces.forEach((p, pi) => {
    const isBench = p === PROVINCE;
    const townships = isBench
      ? TARGET.provinceTownships
      : Math.floor(otherTownships / others) + (pi - 1 < otherTownships % others ? 1 : 0);
    const villages = isBench
      ? TARGET.provinceVillages
      : Math.floor(otherVillages / others) + (pi - 1 < otherVillages % others ? 1 : 0);
    // Province cell on an 8 × 4 grid over lng 76–132, lat 22–48.
    const cx = 76 + (pi % 8) * 7;
    const cy = 22 + Math.floor(pi / 8) * 6.5;
    regions.push({
      code: `${p}0000000000`,
      level: "province",
      parent: null,
      name: `省${p}`,
      lng: null,
      lat: null,
    });
    const prefectures = 10;
    const countiesPer = 10;
    const perCounty = townships / (prefectures * countiesPer);
    let made = 0;
    let villagesMade = 0;
    for (let f = 0; f < prefectures; f++) {
      const pf = `${p}${String(f + 1).padStart(2, "0")}`;
      regions.push({
        code: `${pf}00000000`,
        level: "prefecture",
        parent: `${p}0000000000`,
        name: `地区${pf}`,
        lng: null,
        lat: null,
      });
      for (let c = 0; c < countiesPer; c++) {
        const county = `${pf}${String(c + 1).padStart(2, "0")}`;
        const gx = cx + ((f % 5) + (c % 5) / 5) * 1.3;
        const gy = cy + (Math.floor(f / 5) * 2 + Math.floor(c / 5)) * 1.5;
        regions.push({
          code: `${county}000000`,
          level: "county",
          parent: `${pf}00000000`,
          name: `县${county}`,
          lng: gx + 0.6,
          lat: gy + 0.7,
        });
        const countyIndex = f * countiesPer + c;
        const target = Math.round(perCounty * (countyIndex + 1)) - made;
        for (let t = 0; t < target; t++) {
          const township = `${county}${String(100 + t).padStart(3, "0")}000`;
          const lng = gx + rand() * 1.25;
          const lat = gy + rand() * 1.45;
          regions.push({
            code: township,
            level: "township",
            parent: `${county}000000`,
            name: `乡${township.slice(0, 9)}`,
            lng,
            lat,
          });
          const status = rand() < 0.85 ? "operating" : rand() < 0.5 ? "under_construction" : "planned";
          stations.push({
            code: `${township}-SW01`,
            township,
            name: `乡${township.slice(0, 9)}社会工作服务站`,
            lng: lng + (rand() - 0.5) * 0.01,
            lat: lat + (rand() - 0.5) * 0.01,
            status,
            contracted: status === "operating" && rand() < 0.7,
          });
          const townshipVillages = Math.round(((townshipIndex + 1) * villages) / townships) - villagesMade;
          for (let v = 0; v < townshipVillages; v++) {
            const a = rand() * 2 * Math.PI;
            const d = 0.02 + rand() * 0.2;
            regions.push({
              code: `${township.slice(0, 9)}${String(200 + v).padStart(3, "0")}`,
              level: "village",
              parent: township,
              name: `村${township.slice(0, 9)}-${v}`,
              lng: lng + Math.cos(a) * d,
              lat: lat + Math.sin(a) * d,
              population: 200 + Math.floor(rand() * 1500),
            });
          }
          villagesMade += townshipVillages;
          townshipIndex++;
          made++;
        }
      }
    }
    townshipIndex = 0;
  });
  return { regions, stations };
}

async function load(sql: postgres.Sql) {
  const { regions, stations } = buildNetwork();
  const levels = ["province", "prefecture", "county", "township", "village"];
  for (const level of levels) {
    const rows = regions.filter((r) => r.level === level);
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000);
      await sql.unsafe(
        `insert into regions (code, level, parent_id, name, lng, lat, coord_quality, population)
         select x.code, x.level, p.id, x.name, x.lng, x.lat, case when x.lat is null then 'unknown' else 'approximate' end, x.population
         from jsonb_to_recordset($1::jsonb) as x(code text, level text, parent text, name text, lng float8, lat float8, population int)
         left join regions p on p.code = x.parent`,
        [chunk as never],
      );
    }
  }
  for (let i = 0; i < stations.length; i += 20_000) {
    await sql.unsafe(
      `insert into facilities (code, kind, name, township_id, lng, lat, coord_quality, status, opened_on, staff_count, service_radius_m)
       select x.code, 'social_work_station', x.name, t.id, x.lng, x.lat, 'approximate', x.status,
         case when x.status = 'operating' then date '2022-06-01' end, 3, 15000
       from jsonb_to_recordset($1::jsonb) as x(code text, township text, name text, lng float8, lat float8, status text)
       join regions t on t.code = x.township`,
      [stations.slice(i, i + 20_000) as never],
    );
  }
  // One organization per county runs the contracted stations of that county.
  await sql.unsafe(`insert into organizations (name, credit_code, kind, region_id)
    select '社工服务中心' || c.code, '52' || substr(c.code, 1, 6) || lpad(c.id::text, 9, '0') || '0', 'social_service_agency', c.id
    from regions c where c.level = 'county'`);
  const contracted = stations.filter((s) => s.contracted).map((s) => s.code);
  const year = new Date().getFullYear();
  for (let i = 0; i < contracted.length; i += 20_000) {
    await sql.unsafe(
      `insert into contracts (code, title, organization_id, facility_id, starts_on, ends_on, amount_fen, procurement_method, status)
       select 'C-' || f.code, '社工站运营', o.id, f.id, $2::date, $3::date, 30000000, 'public_tender', 'active'
       from jsonb_array_elements_text($1::jsonb) as x(code)
       join facilities f on f.code = x.code join regions t on t.id = f.township_id
       join regions c on c.code = substr(t.code, 1, 6) || '000000' join organizations o on o.region_id = c.id`,
      [contracted.slice(i, i + 20_000) as never, `${year}-01-01`, `${year}-12-31`],
    );
  }
  await sql`analyze`;
  const [{ s, v }] =
    await sql`select (select count(*)::int from facilities) as s, (select count(*)::int from regions where level = 'village') as v`;
  return { stations: s as number, villages: v as number };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function browserBench(sql: postgres.Sql) {
  const { hashPassword } = await import("~/modules/auth/password.server");
  await sql`insert into users (email, name, password_hash, role) values (${BENCH_EMAIL}, 'Bench admin', ${await hashPassword(BENCH_PASSWORD)}, 'admin')`;
  const build = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error("The app did not build");
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-bench-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: dbUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      INSECURE_COOKIES: "1",
      IN_PROCESS_WORKERS: "0",
      SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-at-least-32-characters",
      DATA_KEY: process.env.DATA_KEY ?? "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0",
      QUEUE_PREFIX: `snc-bench-${dbName}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const { chromium } = await import("playwright-core");
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`The app exited:\n${output}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {}
      if (i > 240) throw new Error(`The app did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name="email"]', BENCH_EMAIL);
    await page.fill('input[name="password"]', BENCH_PASSWORD);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith("/login")),
      page.click('button[type="submit"]'),
    ]);

    // The /map document (markers travel in the loader data) as the browser receives it.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const html = Buffer.from(await (await fetch(`${base}/map`, { headers: { cookie } })).arrayBuffer());
    report("/map document (raw / gzip)", `${mb(html.length)} / ${mb(gzipSync(html).length)}`);
    const pointsStart = performance.now();
    const markers = Buffer.from(
      await (await fetch(`${base}/api/facilities/points`, { headers: { cookie } })).arrayBuffer(),
    );
    report(
      "/api/facilities/points, 40,000 markers (time, raw / gzip)",
      `${ms(performance.now() - pointsStart)}, ${mb(markers.length)} / ${mb(gzipSync(markers).length)}`,
    );

    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`${base}/map`, { waitUntil: "commit" });
      await page.waitForSelector(".map-cluster", { timeout: 60_000 });
      times.push(await page.evaluate(() => performance.now()));
    }
    times.sort((a, b) => a - b);
    const clusters = await page.locator(".map-cluster").count();
    const total = await page.locator(".map-cluster span").allTextContents();
    report(
      "Chromium: navigation → first rendered cluster (median of 3)",
      `${ms(times[1])} (${clusters} clusters: ${total.slice(0, 4).join(", ")}…)`,
    );
    // Responsiveness: a zoom step re-clusters 40,000 points.
    // why: a string, not a function — tsx would add helpers the page does not have.
    const zoomMs = (await page.evaluate(`(async () => {
      const texts = () => [...document.querySelectorAll(".map-cluster span")].map((e) => e.textContent).join(",");
      const before = texts();
      const start = performance.now();
      const zoomIn = document.querySelector(".leaflet-control-zoom-in");
      zoomIn.click();
      zoomIn.click();
      return await new Promise((resolve) => {
        const check = () => {
          if (texts() !== before) resolve(performance.now() - start);
          else if (performance.now() - start > 15000) resolve(-1);
          else requestAnimationFrame(check);
        };
        check();
      });
    })()`)) as number;
    if (zoomMs < 0) failures.push("clusters did not change after zooming in");
    report("Chromium: zoom in → clusters redrawn", ms(zoomMs));
    await context.close();
  } finally {
    await browser?.close();
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  console.log(`Benchmark database ${dbName}`);
  await admin.unsafe(`create database "${dbName}"`);
  let sql: postgres.Sql | undefined;
  try {
    process.env.DATABASE_URL = dbUrl;
    process.env.NODE_ENV = "production";
    process.env.LOG_LEVEL = "warn";
    const { migrateDatabase, openDatabase } = await import("#db/client");
    const handle = openDatabase({ url: dbUrl, max: 2 });
    await migrateDatabase(handle);
    await handle.close();
    sql = postgres(dbUrl, { max: 2, onnotice: () => {} });

    const start = performance.now();
    const counts = await load(sql);
    report(
      "Synthetic network loaded",
      `${counts.stations} stations, ${counts.villages} villages in ${ms(performance.now() - start)}`,
    );
    if (counts.stations !== TARGET.stations || counts.villages !== TARGET.villages)
      failures.push(`expected ${TARGET.stations} stations and ${TARGET.villages} villages`);

    const { db, queryRows } = await import("~/utils/db.server");
    const { facilitiesGeoJson, facilityMapPoints, facilityConditions } = await import(
      "~/modules/facilities/queries.server"
    );
    const { coverageReport, loadCoverageInputs } = await import("~/modules/coverage/queries.server");
    const { sql: dsql } = await import("drizzle-orm");
    const { todayInShanghai } = await import("~/utils/dates");
    const base = {
      id: 0,
      email: "bench",
      name: "bench",
      locale: "zh-CN" as const,
      isStationHead: false,
      sessionId: "bench",
      pending: [],
      totpEnabled: false,
      glassPersonIds: [],
    };
    const country = { ...base, role: "admin" as const, scope: { kind: "all" as const } };
    const [prov] = await sql`select id, code, name from regions where code = ${`${PROVINCE}0000000000`}`;
    const provinceUser = {
      ...base,
      role: "planner" as const,
      scope: {
        kind: "region" as const,
        regionId: prov.id as number,
        regionCode: prov.code as string,
        regionName: prov.name as string,
        codePrefix: PROVINCE,
      },
    };
    const today = todayInShanghai();

    for (const [label, user] of [
      ["country", country],
      ["province", provinceUser],
    ] as const) {
      await facilitiesGeoJson({ user, filters: {} }); // warm-up
      let body = "";
      const t = await median(3, async () => {
        body = await facilitiesGeoJson({ user, filters: {} });
      });
      const raw = Buffer.byteLength(body);
      const gz = gzipSync(body).length;
      const features = JSON.parse(body).features.length;
      report(`GeoJSON ${label} (${features} features): time`, ms(t));
      report(`GeoJSON ${label}: payload raw / gzip`, `${mb(raw)} / ${mb(gz)}`);
      const floor = await median(3, () =>
        queryRows(
          db,
          dsql`select facilities.id, facilities.code, facilities.name, facilities.kind, facilities.status, t.code as township_code,
            facilities.lng, facilities.lat from facilities join regions t on t.id = facilities.township_id
            where ${facilityConditions(user, {}, today)}`,
        ),
      );
      report(`GeoJSON ${label}: bare SQL floor (same rows, no org lookup/JSON)`, ms(floor));
      const points = await facilityMapPoints({ user, filters: {} });
      const compact = JSON.stringify(points.points);
      report(
        `Map markers ${label}: compact payload raw / gzip`,
        `${mb(compact.length)} / ${mb(gzipSync(compact).length)}`,
      );
      if (label === "country" && gz > AIMS.countryGeojsonGzipBytes)
        failures.push("country GeoJSON is over 2 MB gzipped");
    }

    const [pref] =
      await sql`select id, code, name, level from regions where code = ${`${PROVINCE}01000000`.padEnd(12, "0")}`;
    for (const [label, row] of [
      ["prefecture", pref],
      ["province", { id: prov.id, code: prov.code, name: prov.name, level: "province" }],
    ] as const) {
      const region = {
        id: row.id as number,
        code: row.code as string,
        name: row.name as string,
        level: row.level as "province",
      };
      await coverageReport({ region });
      let summary = "";
      const t = await median(3, async () => {
        const r = await coverageReport({ region });
        summary = `${r.townships.covered}/${r.townships.total} townships, ${r.reach.reached}/${r.reach.withPoint} villages reached`;
      });
      const floor = await median(3, () => loadCoverageInputs({ region }));
      report(`Coverage ${label} (${summary})`, ms(t));
      report(`Coverage ${label}: bare SQL floor (the three loads)`, ms(floor));
      if (label === "province" && t > AIMS.provinceCoverageMs)
        failures.push("province coverage took over a second");
    }

    const { closeDatabase } = await import("~/utils/db.server");
    await closeDatabase();
    await browserBench(sql);
  } catch (error) {
    failures.push(String(error instanceof Error ? (error.stack ?? error.message) : error));
  } finally {
    await sql?.end();
    await admin
      .unsafe(`drop database if exists "${dbName}" with (force)`)
      .catch((e) => failures.push(`drop: ${e}`));
    await admin.end();
  }
  if (failures.length) {
    console.error(`\nFAILED:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
  console.log("\nAll aims met: province coverage < 1 s, country GeoJSON < 2 MB gzipped.");
  process.exit(0);
}

await main();
