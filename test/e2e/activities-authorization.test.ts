// Organization staff cannot log against, read or change another organization's activities — by URL and by
// posted form — and roles without the permission get 403 from every write.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

describe("activities: authorization by URL and by form post", () => {
  let app: AppServer;
  let sql: postgres.Sql;
  let gar: HttpClient;
  let theirs: { id: number; contractId: number; photoId: number };
  let ours: { id: number; contractId: number };
  let garOrganizationId: number;

  const count = async () => (await sql<{ n: number }[]>`select count(*)::int as n from activities`)[0].n;
  const key = () => crypto.randomUUID();

  beforeAll(async () => {
    app = await startAppServer({ database: "demo" });
    sql = postgres(app.databaseUrl!, { max: 1, onnotice: () => {} });
    [{ id: garOrganizationId }] = await sql<
      { id: number }[]
    >`select id from organizations where name = '噶尔县社区服务中心'`;
    // One of Purang's activities (another organization), with a photo row pointing at a file.
    const [purang] = await sql<{ id: number; contract_id: number }[]>`
      select a.id, a.contract_id from activities a join contracts c on c.id = a.contract_id
      where c.code like 'ALI-%-SW-01' and c.status = 'active' order by a.id desc limit 1`;
    const [photo] = await sql<{ id: number }[]>`
      insert into activity_photos (activity_id, path, thumb_path, mime_type, bytes, sha256)
      values (${purang.id}, 'photos/x/none.jpg', 'photos/x/none.thumb.jpg', 'image/jpeg', 10, ${"0".repeat(64)}) returning id`;
    theirs = { id: purang.id, contractId: purang.contract_id, photoId: photo.id };
    const [own] = await sql<{ id: number; contract_id: number }[]>`
      select id, contract_id from activities where organization_id = ${garOrganizationId} and deleted_at is null
      order by id desc limit 1`;
    ours = { id: own.id, contractId: own.contract_id };
    gar = new HttpClient(app.baseUrl);
    await gar.signIn("org.gar@demo.local");
  });
  afterAll(async () => {
    await sql?.end();
    await app?.stop();
  });

  it("answers 404 for another organization's activity, its edit form, its photos and its calendar", async () => {
    expect((await gar.get(`/activities/${theirs.id}`)).status).toBe(404);
    expect((await gar.get(`/activities/${theirs.id}/edit`)).status).toBe(404);
    expect((await gar.get(`/activities/${theirs.id}/photos/${theirs.photoId}`)).status).toBe(404);
    expect((await gar.get(`/activities/${theirs.id}/photos/${theirs.photoId}.thumb`)).status).toBe(404);
    expect((await gar.get(`/activities/calendar?contract=${theirs.contractId}`)).status).toBe(404);
    expect((await gar.get(`/reports/contracts/${theirs.contractId}`)).status).toBe(404);
    expect((await gar.get(`/activities/${ours.id}`)).status).toBe(200);
  });

  it("lists and exports only the organization's own activities, whatever the filter asks", async () => {
    const csv = await (await gar.get(`/activities/export.csv?contract=${theirs.contractId}`)).text();
    expect(csv.trim().split("\r\n")).toHaveLength(1);
    const feed = await (await gar.get(`/activities?contract=${theirs.contractId}`)).text();
    expect(feed).not.toContain(`/activities/${theirs.id}"`);
    const people = await (
      await gar.get(`/activities/people-search?contract=${theirs.contractId}&q=示例`)
    ).json();
    expect(people).toEqual({ people: [] });
  });

  it("refuses a posted activity against another organization's contract and stores nothing", async () => {
    const before = await count();
    const res = await gar.post("/activities/new", {
      _key: key(),
      contractId: String(theirs.contractId),
      occurredOn: new Date().toISOString().slice(0, 10),
      kind: "group_activity",
      participants: "5",
      personTimes: "5",
      hours: "1",
      summary: "不应保存",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("只能选择本机构执行中的合同");
    expect(await count()).toBe(before);
  });

  it("refuses posted edits, answers and deletes on another organization's activity", async () => {
    const [before] = await sql`select summary, deleted_at from activities where id = ${theirs.id}`;
    const edit = await gar.post(`/activities/${theirs.id}/edit`, {
      occurredOn: "2026-01-05",
      kind: "other",
      participants: "1",
      personTimes: "1",
      hours: "1",
      summary: "篡改",
      reason: "x",
    });
    expect(edit.status).toBe(404);
    const [flag] = await sql<{ id: number }[]>`
      insert into activity_flags (activity_id, comment) values (${theirs.id}, '请说明') returning id`;
    expect(
      (
        await gar.post(`/activities/${theirs.id}`, {
          intent: "answer",
          flagId: String(flag.id),
          response: "x",
        })
      ).status,
    ).toBe(404);
    expect((await gar.post(`/activities/${theirs.id}`, { intent: "delete", reason: "x" })).status).toBe(404);
    const [after] = await sql`select summary, deleted_at from activities where id = ${theirs.id}`;
    expect(after).toEqual(before);
    const [flagAfter] = await sql`select status, response from activity_flags where id = ${flag.id}`;
    expect(flagAfter).toEqual({ status: "open", response: null });
  });

  it("does not let organization staff flag activities, nor auditors or station staff write anything", async () => {
    expect((await gar.post(`/activities/${ours.id}`, { intent: "flag", comment: "自己提问" })).status).toBe(
      403,
    );
    const auditor = new HttpClient(app.baseUrl);
    await auditor.signIn("auditor@demo.local");
    expect((await auditor.get(`/activities/${theirs.id}`)).status).toBe(200);
    expect((await auditor.post(`/activities/${theirs.id}`, { intent: "flag", comment: "x" })).status).toBe(
      403,
    );
    expect((await auditor.post(`/activities/${theirs.id}`, { intent: "delete", reason: "x" })).status).toBe(
      403,
    );
    expect((await auditor.get("/activities/new")).status).toBe(403);
    const station = new HttpClient(app.baseUrl);
    await station.signIn("station.baiba@demo.local");
    expect((await station.get("/activities/new")).status).toBe(403);
    expect(
      (await station.post("/activities/new", { _key: key(), contractId: String(ours.contractId) })).status,
    ).toBe(403);
    // A planner of another region does not even see it.
    const bayi = new HttpClient(app.baseUrl);
    await bayi.signIn("planner.bayi@demo.local");
    expect((await bayi.get(`/activities/${theirs.id}`)).status).toBe(404);
    expect((await bayi.post(`/activities/${theirs.id}`, { intent: "flag", comment: "x" })).status).toBe(404);
  });
});
