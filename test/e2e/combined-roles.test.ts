// An account with two roles: station staff of 狮泉河镇's station (its primary role) and organization staff of
// 噶尔县社区服务中心, the organization that runs the station. It logs an activity (an organization's work) and records a
// home visit (a station's work) without signing in twice, and sees neither more nor less than each role allows.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

const WORKER = "worker.gar@demo.local";

describe("an account holding two roles", () => {
  let app: AppServer;
  let pg: postgres.Sql;
  let worker: HttpClient;

  beforeAll(async () => {
    app = await startAppServer({ database: "demo" });
    pg = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
    worker = new HttpClient(app.baseUrl);
    await worker.signIn(WORKER);
  });
  afterAll(async () => {
    await pg?.end();
    await app?.stop();
  });

  it("is seeded as station staff of the station with a further organization-staff role", async () => {
    const [row] = await pg<{ role: string; station: string; also: string; org: string }[]>`
      select u.role, f.name as station, ra.role as also, o.name as org
      from users u join facilities f on f.id = u.facility_id
      join role_assignments ra on ra.user_id = u.id join organizations o on o.id = ra.organization_id
      where u.email = ${WORKER}`;
    expect(row).toMatchObject({ role: "station_staff", also: "org_staff", org: "噶尔县社区服务中心" });
    expect(row.station).toContain("狮泉河");
  });

  it("offers both roles' areas in the navigation", async () => {
    const html = await (await worker.get("/")).text();
    expect(html).toContain('href="/visits"');
    expect(html).toContain('href="/activities"');
  });

  it("logs an activity for the organization's contract, shown on the activity and in the list", async () => {
    const [contract] = await pg<{ id: number; startsOn: string }[]>`
      select c.id, c.starts_on::text as "startsOn" from contracts c join organizations o on o.id = c.organization_id
      where o.name = '噶尔县社区服务中心' and c.status = 'active' and c.starts_on <= current_date
      order by c.id limit 1`;
    expect(contract, "an active contract of the organization in the demo").toBeTruthy();
    const page = await worker.get("/activities/new");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`value="${contract.id}"`);

    const summary = `双重身份：驻站社工组织的集体活动 ${randomUUID().slice(0, 8)}`;
    const form = new FormData();
    const fields: Record<string, string> = {
      _key: randomUUID(),
      contractId: String(contract.id),
      occurredOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      kind: "group_activity",
      participants: "9",
      personTimes: "9",
      hours: "2",
      summary,
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await worker.request("/activities/new", { method: "POST", body: form });
    expect(res.status, await res.clone().text()).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/activities\/\d+/);
    expect(await (await worker.get(location)).text()).toContain(summary);

    const [stored] = await pg<{ contract: number; by: string }[]>`
      select a.contract_id as contract, u.email as by from activities a join users u on u.id = a.created_by
      where a.summary = ${summary}`;
    expect(stored).toEqual({ contract: contract.id, by: WORKER });
    const [audited] = await pg<{ n: number }[]>`
      select count(*)::int as n from audit_log l join users u on u.id = l.actor_user_id
      where u.email = ${WORKER} and l.action = 'activity.log'`;
    expect(audited.n).toBe(1);
  });

  it("records a home visit at the station, shown on the visit", async () => {
    const [visit] = await pg<{ id: number }[]>`
      select v.id from visits v join users u on u.facility_id = v.station_id
      where u.email = ${WORKER} and v.status = 'scheduled' and v.due_on <= current_date + 7
      order by v.due_on, v.id limit 1`;
    expect(visit, "an open visit of the station in the demo").toBeTruthy();
    const notes = `双重身份：入户走访 ${randomUUID().slice(0, 8)}`;
    const res = await worker.post(`/visits/${visit.id}`, {
      _key: randomUUID(),
      intent: "record",
      outcome: "visited",
      visitedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      notes,
    });
    expect(res.status, await res.clone().text()).toBe(302);
    expect(await (await worker.get(`/visits/${visit.id}`)).text()).toContain(notes);
    const [row] = await pg<{ status: string; outcome: string }[]>`
      select status, outcome from visits where id = ${visit.id}`;
    expect(row).toEqual({ status: "completed", outcome: "visited" });
  });

  it("gains nothing beyond its two roles: no funding writes, no other organization, no other station", async () => {
    expect((await worker.get("/funding/new")).status).toBe(403);
    const [otherOrgActivity] = await pg<{ id: number }[]>`
      select a.id from activities a join contracts c on c.id = a.contract_id
      join organizations o on o.id = c.organization_id where o.name <> '噶尔县社区服务中心'
      and c.facility_id is distinct from (select facility_id from users where email = ${WORKER})
      order by a.id limit 1`;
    expect((await worker.get(`/activities/${otherOrgActivity.id}`)).status).toBe(404);
    const [otherVisit] = await pg<{ id: number }[]>`
      select v.id from visits v where v.station_id <> (select facility_id from users where email = ${WORKER})
      order by v.id limit 1`;
    expect((await worker.get(`/visits/${otherVisit.id}`)).status).toBe(404);
  });
});

describe("a planner manages the accounts of their own region", () => {
  let app: AppServer;
  let pg: postgres.Sql;
  let planner: HttpClient;
  const station = (code: string) =>
    pg<{ id: number }[]>`select id from facilities where code = ${code}`.then((r) => r[0].id);
  const userId = (email: string) =>
    pg<{ id: number }[]>`select id from users where email = ${email}`.then((r) => r[0].id);

  beforeAll(async () => {
    app = await startAppServer({ database: "demo" });
    pg = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
    planner = new HttpClient(app.baseUrl);
    await planner.signIn("planner.bayi@demo.local");
  });
  afterAll(async () => {
    await pg?.end();
    await app?.stop();
  });

  it("lists Bayi's accounts and none of Ngari's, nor the administrator", async () => {
    const html = await (await planner.get("/admin/users?q=demo.local")).text();
    expect(html).toContain("station.baiba@demo.local");
    expect(html).not.toContain("staff.542523100000-sw01@demo.local");
    expect(html).not.toContain("planner.ngari@demo.local");
    expect(html).not.toContain("admin@demo.local");
  });

  it("creates a Bayi station account with a one-time password that must be changed at first sign-in", async () => {
    const email = `new.baiba.${randomUUID().slice(0, 6)}@bureau.example.cn`;
    const res = await planner.post("/admin/users/new", {
      email,
      name: "示例·新社工",
      role: "station_staff",
      facilityId: String(await station("540402101000-SW01")),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const password = /<code>([A-Za-z0-9]{12})<\/code>/.exec(html)?.[1];
    expect(password, "the one-time password is shown once").toBeTruthy();
    const [row] = await pg<{ must: boolean; by: string }[]>`
      select u.must_change_password as must, a.email as by from users u
      join audit_log l on l.entity_type = 'user' and l.entity_id = u.id::text and l.action = 'create'
      join users a on a.id = l.actor_user_id where u.email = ${email}`;
    expect(row).toEqual({ must: true, by: "planner.bayi@demo.local" });
    const newcomer = new HttpClient(app.baseUrl);
    const signIn = await newcomer.signIn(email, password);
    expect(signIn.headers.get("location")).toBe("/");
    expect((await newcomer.get("/")).headers.get("location")).toBe("/account/password");
  });

  it("cannot create a Ngari account or an administrator, and nothing is written", async () => {
    const before = await pg<{ n: number }[]>`select count(*)::int as n from users`;
    const ngari = await planner.post("/admin/users/new", {
      email: `ngari.${randomUUID().slice(0, 6)}@bureau.example.cn`,
      name: "示例·越权",
      role: "station_staff",
      facilityId: String(await station("542523100000-SW01")),
    });
    expect(ngari.status).toBe(200);
    expect(await ngari.text()).toContain("超出您的管辖范围");
    const admin = await planner.post("/admin/users/new", {
      email: `admin.${randomUUID().slice(0, 6)}@bureau.example.cn`,
      name: "示例·越权",
      role: "admin",
    });
    expect(await admin.text()).toContain("超出您的管辖范围");
    const after = await pg<{ n: number }[]>`select count(*)::int as n from users`;
    expect(after[0].n).toBe(before[0].n);
  });

  it("cannot see, disable or reset a Ngari account; can disable a Bayi one", async () => {
    const ngari = await userId("staff.542523100000-sw01@demo.local");
    expect((await planner.get(`/admin/users/${ngari}`)).status).toBe(404);
    expect((await planner.post(`/admin/users/${ngari}`, { intent: "disable" })).status).toBe(404);
    expect((await planner.post(`/admin/users/${ngari}`, { intent: "reset_password" })).status).toBe(404);
    const [still] = await pg<{ disabled: boolean }[]>`
      select disabled_at is not null as disabled from users where id = ${ngari}`;
    expect(still.disabled).toBe(false);

    const bayi = await userId("station.baiba.head@demo.local");
    const res = await planner.post(`/admin/users/${bayi}`, { intent: "disable" });
    expect(res.status).toBe(200);
    const [done] = await pg<{ disabled: boolean }[]>`
      select disabled_at is not null as disabled from users where id = ${bayi}`;
    expect(done.disabled).toBe(true);
  });
});
