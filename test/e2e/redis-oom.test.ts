// (Browser-free, but it needs the built app, so it runs with the e2e project.)
// Redis out of memory (maxmemory reached, noeviction): a form that plans reminders still succeeds, because the
// reminders are committed to the PostgreSQL outbox first; when memory is back, the workers drain the outbox.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnRedis, ownRedis } from "../../workers/testing/processes";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

let redis: OwnRedis;
let admin: Redis;
let app: AppServer;
let sql: postgres.Sql;

async function waitFor<T>(
  probe: () => Promise<T | false | null | undefined>,
  ms: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  redis = await ownRedis();
  await redis.start();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  await admin.config("SET", "maxmemory-policy", "noeviction");
  const prefix = `oom${randomBytes(3).toString("hex")}`;
  app = await startAppServer({
    database: "demo",
    env: {
      REDIS_URL: redis.url,
      IN_PROCESS_WORKERS: "1",
      QUEUE_PREFIX: prefix,
      REMINDER_QUIET_HOURS: "off",
      REMINDER_SCAN_EVERY_MS: "2000",
    },
  });
  sql = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
  await waitFor(
    async () => (await admin.keys(`${prefix}:*`)).length > 0,
    60_000,
    "the workers to register in Redis",
  );
}, 180_000);

afterAll(async () => {
  await sql?.end();
  await app?.stop();
  admin?.disconnect();
  await redis?.stop();
});

describe("Redis out of memory", () => {
  it("accepts the form, keeps the reminders in the outbox, and delivers them once memory is back", async () => {
    await admin.config("SET", "maxmemory", "1");
    await expect(admin.set("probe", "x")).rejects.toThrow(/OOM/);

    const [person] = await sql`
      select p.id from people p join facilities f on f.id = p.station_id
      where f.code = '540402101000-SW01' and p.status = 'active' order by p.id limit 1`;
    const staff = new HttpClient(app.baseUrl);
    await staff.signIn("station.baiba@demo.local");
    const page = await (await staff.get(`/people/${person.id}`)).text();
    const key = /name="_key" value="([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(key).toBeDefined();
    const posted = await staff.post(`/people/${person.id}`, {
      intent: "event",
      _key: key!,
      eventKind: "fire",
      eventNote: "邻居家起火，房屋受损，需要当天上门查看安置情况",
    });
    expect(posted.status).toBe(200);

    const [visit] = await sql`select id from visits where person_id = ${person.id} and kind = 'event'`;
    expect(visit).toBeDefined();
    const planned =
      await sql`select id, status from reminders where subject_type = 'visit' and subject_id = ${visit.id}`;
    expect(planned.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 4000));
    const meanwhile =
      await sql`select count(*)::int as n from reminders where subject_id = ${visit.id} and subject_type = 'visit' and status = 'sent'`;
    expect(meanwhile[0].n).toBe(0);
    // The app keeps serving while Redis refuses writes.
    expect((await staff.get("/visits")).status).toBe(200);

    await admin.config("SET", "maxmemory", "0");
    await waitFor(
      async () => {
        // Only what is due by now: the overdue reminder for tomorrow's visit waits for its day, depending on the hour.
        const rows = await sql`
          select count(*) filter (where status = 'sent')::int as sent, count(*)::int as due from reminders
          where subject_type = 'visit' and subject_id = ${visit.id} and send_at <= now()`;
        return rows[0].sent === rows[0].due && rows[0].due > 0;
      },
      90_000,
      "the outbox to drain",
    ).catch(async (e) => {
      // why: a drain that never comes is a scheduler or queue fault; the app's own log says which.
      console.log(app.output());
      throw e;
    });
    const waiting = await sql`
      select status from reminders where subject_type = 'visit' and subject_id = ${visit.id} and send_at > now()`;
    for (const row of waiting) expect(["pending", "queued"]).toContain(row.status);
    const notifications = await sql`
      select count(*)::int as n, count(distinct reminder_id)::int as distinct from notifications
      where reminder_id in (select id from reminders where subject_type = 'visit' and subject_id = ${visit.id})`;
    expect(notifications[0].n).toBeGreaterThan(0);
    expect(notifications[0].n).toBe(notifications[0].distinct);
  }, 180_000);
});
