// Who may read and write contracts, expenditures and money, tested as a script or a hostile form would call the
// routes: by URL and by posted form, against the real built app on the demo data.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

describe("authorization for contracts, expenditures and funding", () => {
  let app: AppServer;
  let sql: postgres.Sql;
  const ids = { garOrg: 0, rutogOrg: 0, garContract: 0, rutogContract: 0, source: 0, project: 0 };
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

  beforeAll(async () => {
    app = await startAppServer({ database: "demo" });
    sql = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
    const orgs = await sql`select id, name from organizations`;
    ids.garOrg = orgs.find((o) => o.name === "噶尔县社区服务中心")!.id;
    ids.rutogOrg = orgs.find((o) => o.name === "日土县阳光社区服务中心")!.id;
    [{ id: ids.garContract }] =
      await sql`select id from contracts where organization_id = ${ids.garOrg} and status = 'active' and code like '%-SW-03'`;
    [{ id: ids.rutogContract }] =
      await sql`select id from contracts where organization_id = ${ids.rutogOrg} and status = 'active' and code like '%-SW-04'`;
    [{ id: ids.source }] =
      await sql`select id from funding_sources where kind = 'welfare_lottery' order by year desc limit 1`;
    [{ id: ids.project }] = await sql`select id from care_projects where code = 'RUT-ETGA'`;
  });
  afterAll(async () => {
    await sql?.end();
    await app?.stop();
  });

  const signedIn = async (email: string) => {
    const client = new HttpClient(app.baseUrl);
    await client.signIn(email);
    return client;
  };
  const count = async (table: string) =>
    Number((await sql.unsafe(`select count(*) as n from ${table}`))[0].n);
  const expenditureForm = () => ({
    _key: randomUUID(),
    spentOn: today,
    category: "activities",
    amount: "1000",
    description: "越权尝试",
  });

  it("gives organization A's staff 404 for organization B's contract, its expenditures and its page, by URL", async () => {
    const gar = await signedIn("org.gar@demo.local");
    for (const path of [
      `/contracts/${ids.rutogContract}`,
      `/contracts/${ids.rutogContract}/expenditures`,
      `/organizations/${ids.rutogOrg}`,
    ]) {
      expect((await gar.get(path)).status, path).toBe(404);
    }
    expect((await gar.get(`/contracts/${ids.garContract}`)).status).toBe(200);
    expect((await gar.get(`/contracts/${ids.garContract}/expenditures`)).status).toBe(200);
    expect((await gar.get(`/organizations/${ids.garOrg}`)).status).toBe(200);
  });

  it("gives organization staff 403 for every edit form, their own included: they cannot change amounts", async () => {
    const gar = await signedIn("org.gar@demo.local");
    for (const path of [
      `/contracts/${ids.rutogContract}/edit`,
      `/contracts/${ids.garContract}/edit`,
      `/organizations/${ids.rutogOrg}/edit`,
      `/organizations/${ids.garOrg}/edit`,
      "/contracts/new",
      "/funding/allocate",
      `/funding/${ids.source}/edit`,
      "/funding",
      "/budget",
    ]) {
      expect((await gar.get(path)).status, path).toBe(403);
    }
  });

  it("refuses organization A's staff by posted form too, and writes nothing", async () => {
    const gar = await signedIn("org.gar@demo.local");
    const [expenditures, allocations, audit] = await Promise.all([
      count("expenditures"),
      count("allocations"),
      count("audit_log"),
    ]);
    const [before] = await sql`select amount_fen, status from contracts where id = ${ids.rutogContract}`;
    expect((await gar.post(`/contracts/${ids.rutogContract}/expenditures`, expenditureForm())).status).toBe(
      404,
    );
    expect(
      (await gar.post(`/contracts/${ids.rutogContract}`, { intent: "terminate", reason: "越权" })).status,
    ).toBe(403);
    expect((await gar.post(`/contracts/${ids.garContract}`, { intent: "complete" })).status).toBe(403);
    expect(
      (
        await gar.post(`/contracts/${ids.garContract}/edit`, {
          code: "X",
          title: "X",
          amount: "99999999",
          organizationId: String(ids.garOrg),
          subject: "facility:1",
          startsOn: today,
          endsOn: today,
          procurementMethod: "other",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await gar.post("/funding/allocate", {
          _key: randomUUID(),
          fundingSourceId: String(ids.source),
          contractId: String(ids.garContract),
          amount: "1000",
          allocatedOn: today,
        })
      ).status,
    ).toBe(403);
    expect((await gar.post(`/organizations/${ids.rutogOrg}/edit`, { name: "改名" })).status).toBe(403);
    expect(await count("expenditures")).toBe(expenditures);
    expect(await count("allocations")).toBe(allocations);
    const [after] = await sql`select amount_fen, status from contracts where id = ${ids.rutogContract}`;
    expect(after).toEqual(before);
    expect(await count("audit_log")).toBe(audit);
  });

  it("lets organization staff record spending on their own contract by form", async () => {
    const gar = await signedIn("org.gar@demo.local");
    const before = await count("expenditures");
    const res = await gar.post(`/contracts/${ids.garContract}/expenditures`, expenditureForm());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(
      new RegExp(`^/contracts/${ids.garContract}/expenditures\\?recorded=\\d+$`),
    );
    expect(await count("expenditures")).toBe(before + 1);
  });

  it("lets auditors read everything in their region and post nothing", async () => {
    const auditor = await signedIn("auditor@demo.local");
    for (const path of [
      "/budget",
      "/funding",
      `/funding/${ids.source}`,
      "/contracts",
      `/contracts/${ids.rutogContract}`,
      `/contracts/${ids.rutogContract}/expenditures`,
      `/organizations/${ids.rutogOrg}`,
      `/projects/${ids.project}`,
    ]) {
      expect((await auditor.get(path)).status, path).toBe(200);
    }
    const tables = [
      "organizations",
      "care_projects",
      "contracts",
      "funding_sources",
      "allocations",
      "expenditures",
    ];
    const before = await Promise.all(tables.map(count));
    const posts: [string, Record<string, string>][] = [
      [
        "/organizations/new",
        { _key: randomUUID(), name: "审计", creditCode: "91350100M000100Y43", kind: "other", regionId: "1" },
      ],
      [`/organizations/${ids.rutogOrg}/edit`, { name: "审计" }],
      [
        "/projects/new",
        {
          _key: randomUUID(),
          code: "AUD",
          name: "审计",
          kind: "other",
          regionId: "1",
          startsOn: today,
          endsOn: today,
        },
      ],
      [`/projects/${ids.project}/edit`, { name: "审计" }],
      ["/contracts/new", { _key: randomUUID(), code: "AUD" }],
      [`/contracts/${ids.rutogContract}`, { intent: "terminate", reason: "审计" }],
      [`/contracts/${ids.rutogContract}/edit`, { code: "AUD" }],
      [`/contracts/${ids.rutogContract}/expenditures`, expenditureForm()],
      ["/funding/new", { _key: randomUUID(), name: "审计" }],
      [`/funding/${ids.source}/edit`, { name: "审计" }],
      [
        "/funding/allocate",
        {
          _key: randomUUID(),
          fundingSourceId: String(ids.source),
          contractId: String(ids.rutogContract),
          amount: "1",
          allocatedOn: today,
        },
      ],
    ];
    for (const [path, form] of posts) expect((await auditor.post(path, form)).status, path).toBe(403);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it("exports an XLSX that a real reader opens with the same numbers as the dashboard page", async () => {
    const planner = await signedIn("planner.ngari@demo.local");
    const html = await (await planner.get("/budget")).text();
    const table = html.slice(
      html.indexOf('data-testid="budget-sources"'),
      html.indexOf("</table>", html.indexOf('data-testid="budget-sources"')),
    );
    const pageRows = [...table.matchAll(/<tr data-source="([^"]+)">([\s\S]*?)<\/tr>/g)].map(([, , row]) =>
      [...row.matchAll(/data-fen="(-?\d+)"/g)].map((m) => Number(m[1])),
    );
    expect(pageRows.length).toBeGreaterThan(0);
    const res = await planner.get("/budget/export?format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet("按资金来源")!;
    const sheetRows = pageRows.map((_, i) => {
      const row = sheet.getRow(i + 2);
      return [Math.round(Number(row.getCell(5).value) * 100), Math.round(Number(row.getCell(6).value) * 100)];
    });
    expect(sheetRows).toEqual(pageRows);
    const csvBytes = new Uint8Array(
      await (await planner.get("/budget/export?format=csv&table=sources")).arrayBuffer(),
    );
    // A UTF-8 byte-order mark, so Excel opens the Chinese text correctly.
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(csvBytes);
    expect(csv.split("\r\n")).toHaveLength(pageRows.length + 1);
  });
});
