// The register, coverage, imports and the GIS APIs over HTTP and in the browser, by role and scope.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getIssues } from "@placemarkio/check-geojson";
import { describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { HttpClient } from "../support/http";
import { startJourney } from "../support/journey";

type Feature = { properties: { code: string; township_code: string; organization: string | null } };

describe("facilities, coverage and imports over HTTP", () => {
  const journey = startJourney();
  const facilityId = async (code: string) =>
    (await journey.sql`select id from facilities where code = ${code}`)[0].id as number;

  it("serves /api/facilities.geojson as valid GeoJSON that honours the map filters", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.ngari@demo.local");
    const res = await client.get("/api/facilities.geojson");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/geo+json");
    const text = await res.text();
    expect(getIssues(text)).toEqual([]);
    const features = JSON.parse(text).features as Feature[];
    expect(features.length).toBeGreaterThan(10);
    expect(features.every((f) => f.properties.township_code.startsWith("5425"))).toBe(true);
    const gar = JSON.parse(
      await (await client.get("/api/facilities.geojson?county=542523000000&status=operating")).text(),
    );
    expect(gar.features.every((f: Feature) => f.properties.township_code.startsWith("542523"))).toBe(true);
    const signedOut = await new HttpClient(journey.app.baseUrl).get("/api/facilities.geojson");
    expect(signedOut.status).toBe(401);
  });

  it("limits station staff to their township in the API, the card and the register, and refuses their writes", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("station.baiba@demo.local");
    const features = JSON.parse(await (await client.get("/api/facilities.geojson")).text())
      .features as Feature[];
    expect(features.length).toBeGreaterThan(0);
    expect(features.every((f) => f.properties.township_code === "540402101000")).toBe(true);
    const own = await facilityId("540402101000-SW01");
    const other = await facilityId("540402102000-SW01");
    expect((await client.get(`/api/facilities/${own}/card`)).status).toBe(200);
    expect((await client.get(`/api/facilities/${other}/card`)).status).toBe(404);
    expect((await client.get(`/facilities/${other}`)).status).toBe(404);
    const register = await (await client.get("/facilities")).text();
    expect(register).toContain("540402101000-SW01");
    expect(register).not.toContain("540402102000-SW01");
    const move = await client.post(`/facilities/${own}`, { intent: "location", lat: "29.6", lng: "94.4" });
    expect(move.status).toBe(403);
    expect((await client.get("/coverage")).status).toBe(403);
    expect((await client.get("/api/coverage?region=540402000000")).status).toBe(403);
    const importRes = await client.request("/api/import/regions", { method: "POST", body: "code,name\n" });
    expect(importRes.status).toBe(403);
  });

  it("limits organization staff to the facilities their organization runs", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("org.gar@demo.local");
    const features = JSON.parse(await (await client.get("/api/facilities.geojson")).text())
      .features as Feature[];
    const [org] = await journey.sql`select id from organizations where name = '噶尔县社区服务中心'`;
    const expected =
      await journey.sql`select distinct f.code from contracts c join facilities f on f.id = c.facility_id where c.organization_id = ${org.id} and c.status <> 'draft'`;
    expect(features.map((f) => f.properties.code).sort()).toEqual(expected.map((r) => r.code).sort());
    expect((await client.get(`/api/facilities/${await facilityId("540402101000-SW01")}/card`)).status).toBe(
      404,
    );
  });

  it("answers /api/coverage for a region in scope: Bayi has 9 of 9 townships covered", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.bayi@demo.local");
    const res = await client.get("/api/coverage?region=540402000000");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.townships).toMatchObject({ total: 9, covered: 9, ratio: 1, uncovered: [] });
    expect(body.villages.total).toBe(body.villages.withPoint + body.villages.withoutPoint);
    expect(typeof body.villages.reachedShare).toBe("number");
    expect((await client.get("/api/coverage?region=542500000000")).status).toBe(404);
  });

  it("answers /api/coverage for the 6-digit county and 9-digit township codes exactly as for the 12-digit ones", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.bayi@demo.local");
    const body = async (path: string) => {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      return res.json();
    };
    const county = await body("/api/coverage?region=540402000000");
    expect(await body("/api/coverage?region=540402")).toEqual(county);
    const township = await body("/api/coverage?region=540402101000");
    expect(township.region).toMatchObject({ code: "540402101000", name: "百巴镇", level: "township" });
    expect(township.townships).toMatchObject({ total: 1, covered: 1 });
    expect(await body("/api/coverage?region=540402101")).toEqual(township);
    // An unknown code is a 404 that says so, in the planner's language; another county is refused the same way.
    for (const code of ["540499", "542523", "542523000000"]) {
      const res = await client.get(`/api/coverage?region=${code}`);
      expect(res.status, code).toBe(404);
      const refusal = await res.json();
      expect(refusal.code).toBe("common:regionCode.unknown");
      expect(refusal.error).toContain(code);
      expect(refusal.error).toContain("不在您的管辖范围内");
    }
    const ambiguous = await client.get("/api/coverage?region=5404021");
    expect(ambiguous.status).toBe(404);
    expect((await ambiguous.json()).error).toContain("无法判断是哪一级");
    const page = await client.get("/coverage?region=540499");
    expect(page.status).toBe(404);
    expect((await client.get("/coverage?region=540402")).status).toBe(200);
  });

  it("exports the register and the coverage tables as CSV", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.bayi@demo.local");
    const register = await client.get("/facilities/export?kind=social_work_station");
    expect(register.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await register.arrayBuffer());
    // A UTF-8 byte order mark, so Excel opens the Chinese text correctly.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.trim().split("\r\n")).toHaveLength(1 + 9);
    for (const table of ["townships", "stations", "villages", "suggestions"]) {
      const res = await client.get(`/coverage/export?region=540402000000&table=${table}`);
      expect(res.status, table).toBe(200);
      expect(await res.text(), table).toMatch(/^.+\r\n/);
    }
    const townships = await (await client.get("/coverage/export?region=540402000000&table=townships")).text();
    expect(townships.trim().split("\r\n")).toHaveLength(1 + 9);
  });

  it("creates a facility by form post, changes its status with history, and refuses a point outside the county", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.gar@demo.local");
    const form = await (await client.get("/facilities/new")).text();
    const key = /name="_key" value="([^"]+)"/.exec(form)?.[1];
    expect(key).toBeTruthy();
    const outside = await client.post("/facilities/new", {
      _key: key!,
      kind: "happiness_home",
      name: "门士乡幸福院",
      townshipCode: "542523202000",
      lat: "29.65",
      lng: "91.13",
      coordQuality: "approximate",
      serviceRadiusKm: "5",
      staffTarget: "1",
      status: "planned",
      statusSince: "2025-01-01",
    });
    expect(outside.status).toBe(200);
    expect(await outside.text()).toContain("坐标不在该乡镇所属县/区的边界内");
    const [seat] = await journey.sql`select lat, lng from regions where code = '542523100000'`;
    const created = await client.post("/facilities/new", {
      _key: key!,
      kind: "happiness_home",
      name: "狮泉河镇幸福院",
      townshipCode: "542523100000",
      lat: String(seat.lat),
      lng: String(seat.lng),
      coordQuality: "approximate",
      serviceRadiusKm: "5",
      staffTarget: "1",
      // Accepted after construction: it may open straight into operation (the life cycle allows no jump from building).
      status: "accepted",
      statusSince: "2025-01-01",
    });
    expect(created.status).toBe(302);
    const location = created.headers.get("location")!;
    const id = Number(/\/facilities\/(\d+)/.exec(location)![1]);
    // The same key again (a double click) creates nothing new.
    const again = await client.post("/facilities/new", {
      _key: key!,
      kind: "happiness_home",
      name: "狮泉河镇幸福院",
      townshipCode: "542523100000",
      serviceRadiusKm: "5",
      staffTarget: "1",
    });
    expect(again.headers.get("location")).toBe(location);
    const page = await (await client.get(`/facilities/${id}`)).text();
    const statusKey = /name="_key" value="([^"]+)"/.exec(page)![1];
    const changed = await client.post(`/facilities/${id}`, {
      _key: statusKey,
      intent: "status",
      toStatus: "operating",
      effectiveOn: "2025-06-01",
      note: "试运行结束",
      confirm: "1",
    });
    expect(changed.status).toBe(302);
    const history =
      await journey.sql`select from_status, to_status, effective_on::text as day from facility_status_history where facility_id = ${id} order by effective_on`;
    expect(history.map((h) => [h.from_status, h.to_status, h.day])).toEqual([
      [null, "accepted", "2025-01-01"],
      ["accepted", "operating", "2025-06-01"],
    ]);
    const audits =
      await journey.sql`select action from audit_log where entity_type = 'facility' and entity_id = ${String(id)} order by id`;
    expect(audits.map((a) => a.action)).toEqual(["facility.create", "facility.status"]);
  });

  it("imports regions through the API all-or-nothing, with line numbers, for planners only in their region", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.bayi@demo.local");
    const bad =
      "code,name,parent_code,lat,lng,population\n540402101801,甲村,540402101000,,,\n540402101801,乙村,540402101000,,,\n542523100801,噶尔村,542523100000,,,\n";
    const res = await client.request("/api/import/regions", {
      method: "POST",
      body: bad,
      headers: { "Content-Type": "text/csv" },
    });
    expect(res.status).toBe(422);
    const report = await res.json();
    expect(report.committed).toBe(false);
    expect(report.problems.map((p: { line: number; error: string }) => [p.line, p.error])).toEqual([
      [3, "problems.duplicateCode"],
      [4, "problems.outOfScope"],
    ]);
    expect((await journey.sql`select count(*)::int as n from regions where code = '540402101801'`)[0].n).toBe(
      0,
    );
    const good = "code,name,parent_code,lat,lng,population\n540402101801,甲村,540402101000,29.70,94.45,210\n";
    const ok = await client.request("/api/import/regions", {
      method: "POST",
      body: good,
      headers: { "Content-Type": "text/csv" },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      committed: true,
      counts: { inserted: 1, updated: 0, unchanged: 0 },
    });
    const again = await client.request("/api/import/regions", {
      method: "POST",
      body: good,
      headers: { "Content-Type": "text/csv" },
    });
    expect(await again.json()).toMatchObject({
      committed: true,
      counts: { inserted: 0, updated: 0, unchanged: 1 },
    });
  });

  it("walks a planner through the register, the coverage page and a previewed import in the browser", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
    await page.goto(`${journey.app.baseUrl}/facilities?kind=social_work_station&sort=name`);
    expect(await page.locator('[data-testid="facility-table"] tbody tr').count()).toBe(9);
    await screenshot(page, "facilities-register-bayi");

    await page.goto(`${journey.app.baseUrl}/facilities/new?township=540402203000`);
    await page.waitForSelector(".map-edit-marker");
    await page
      .locator('[data-testid="location-picker"] .leaflet-container')
      .click({ position: { x: 200, y: 180 } });
    expect(await page.inputValue('input[name="lat"]')).toMatch(/^\d+\.\d+$/);
    await screenshot(page, "facility-new-form");

    await page.goto(`${journey.app.baseUrl}/coverage`);
    await expect(page.textContent('[data-testid="townships-covered"]')).resolves.toBe("9 / 9");
    await screenshot(page, "coverage-bayi");

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "snc-import-")), "villages.csv");
    fs.writeFileSync(
      file,
      "code,name,parent_code,lat,lng,population\n540402102901,新村,540402102000,29.66,94.36,150\n540402102902,坏坐标村,540402102000,29.66,,\n",
    );
    await page.goto(`${journey.app.baseUrl}/regions/import`);
    await page.setInputFiles('input[name="file"]', file);
    await page.click('[data-testid="import-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="import-problems"]');
    expect(await page.textContent('[data-testid="import-problems"] tbody')).toContain("3");
    await screenshot(page, "import-preview-problems");
    fs.writeFileSync(
      file,
      "code,name,parent_code,lat,lng,population\n540402102901,新村,540402102000,29.66,94.36,150\n",
    );
    await page.setInputFiles('input[name="file"]', file);
    await page.click('[data-testid="import-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="import-commit"]');
    await page.click('[data-testid="import-commit"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="import-report"] h2')?.textContent === "导入完成",
    );
    await screenshot(page, "import-committed");
    expect((await journey.sql`select name from regions where code = '540402102901'`)[0].name).toBe("新村");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a township's coverage by its 9-digit code, and says in the page why an unknown code finds nothing", async () => {
    for (const [viewport, size] of [
      [desktop, 1280],
      [phone, 390],
    ] as const) {
      const context = await newContext(journey.browser, viewport);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
      await page.goto(`${journey.app.baseUrl}/coverage?region=540402101&weight=population`);
      await expect(page.textContent('[data-testid="townships-covered"]')).resolves.toBe("1 / 1");
      expect(await page.textContent("h1")).toContain("百巴镇");
      await screenshot(page, `coverage-township-9-digit-${size}`);
      const res = await page.goto(`${journey.app.baseUrl}/coverage?region=542523`);
      expect(res?.status()).toBe(404);
      expect(await page.textContent(".error-page")).toContain("不在您的管辖范围内");
      await screenshot(page, `coverage-unknown-code-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
