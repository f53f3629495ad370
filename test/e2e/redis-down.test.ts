// (Browser-free, but it needs the built app, so it runs with the e2e project.)
// Redis unreachable from the start (REDIS_URL points at a closed port): the app boots, people sign in, see their home
// page and visits, and record a visit outcome in PostgreSQL; the admin's reminders page says the workers are offline.
// Every request carries the HTTP client's own timeout, so a request that waited on Redis fails the test by aborting.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInShanghai } from "~/utils/dates";
import { type AppServer, freePort, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

/** Longer than any page needs on this machine, far shorter than a request stuck on a Redis reconnect loop. */
const REQUEST_TIMEOUT_MS = 15_000;
const timely = (): RequestInit => ({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

let app: AppServer;
let sql: postgres.Sql;

beforeAll(async () => {
  // why: a port that was free a moment ago and that nothing listens on: connections to it are refused.
  const closedPort = await freePort();
  app = await startAppServer({
    database: "demo",
    env: {
      REDIS_URL: `redis://127.0.0.1:${closedPort}`,
      // The in-process workers are asked for, so the boot path that waits for Redis in the background is exercised.
      IN_PROCESS_WORKERS: "1",
      QUEUE_PREFIX: `down${randomBytes(3).toString("hex")}`,
    },
  });
  sql = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
}, 180_000);

afterAll(async () => {
  await sql?.end();
  await app?.stop();
});

async function signedIn(email: string): Promise<HttpClient> {
  const client = new HttpClient(app.baseUrl);
  const res = await client.post("/login", { email, password: "demo12345" }, timely());
  expect(res.status, `sign-in as ${email}`).toBe(302);
  expect(client.hasSession()).toBe(true);
  return client;
}

describe("the app with Redis unreachable", () => {
  it("signs station staff in, shows the home page and the visits, and records a visit outcome", async () => {
    const staff = await signedIn("station.baiba@demo.local");
    const home = await staff.get("/", timely());
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("百巴镇");

    const list = await staff.get("/visits?who=all", timely());
    expect(list.status).toBe(200);
    const visitId = Number(/href="\/visits\/(\d+)"/.exec(await list.text())?.[1]);
    expect(visitId).toBeGreaterThan(0);

    const page = await staff.get(`/visits/${visitId}`, timely());
    expect(page.status).toBe(200);
    const key = /name="_key" value="([0-9a-f-]{36})"/.exec(await page.text())?.[1];
    expect(key).toBeDefined();
    const recorded = await staff.post(
      `/visits/${visitId}`,
      {
        intent: "record",
        _key: key!,
        outcome: "visited",
        visitedOn: todayInShanghai(),
        notes: "Redis 不可用时登记的走访",
      },
      timely(),
    );
    expect([302, 303]).toContain(recorded.status);
    expect(recorded.headers.get("location")).toMatch(new RegExp(`^/visits/${visitId}\\?recorded=1`));

    const [visit] = await sql`select status, outcome, notes, person_id from visits where id = ${visitId}`;
    expect(visit).toMatchObject({
      status: "completed",
      outcome: "visited",
      notes: "Redis 不可用时登记的走访",
    });
    const next = await sql`
      select id from visits where person_id = ${visit.person_id} and status = 'scheduled' and kind = 'routine'`;
    expect(next).toHaveLength(1);
    expect((await staff.get(`/visits/${visitId}?recorded=1`, timely())).status).toBe(200);
  });

  it("shows the admin that the reminder workers are offline and that reminders wait in the outbox", async () => {
    const admin = await signedIn("admin@demo.local");
    const res = await admin.get("/admin/reminders", timely());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("worker-status--offline");
    expect(/data-testid="worker-state"[^>]*>([^<]*)</.exec(html)?.[1]).toBe("离线");
    expect(html).toContain("无法连接 Redis");
    expect(html).toContain("提醒任务当前离线。提醒会保存在待发送队列中");
    // The app is still up and serving after all of the above.
    expect(app.process.exitCode).toBeNull();
    expect((await fetch(`${app.baseUrl}/healthz`, timely())).status).toBe(200);
  });
});
