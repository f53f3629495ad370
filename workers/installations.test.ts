// Two installations sharing one Redis, as an operator starts them — a test instance and the production one, each
// with its own database and its own `npm run workers`, no QUEUE_PREFIX set — each deliver exactly their own
// reminders: the queue prefix and the reminder leader's lease are derived from each database.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrlFor } from "../test/setup/config";
import { createDatabaseFrom, dropDatabase } from "../test/setup/database";
import { type OwnRedis, ownRedis, startWorkerProcess, type WorkerProcess } from "./testing/processes";

let redis: OwnRedis;
const installations: { name: string; sql: postgres.Sql; workers?: WorkerProcess }[] = [];

beforeAll(async () => {
  redis = await ownRedis();
  for (let i = 0; i < 2; i++) {
    const name = await createDatabaseFrom("demo");
    installations.push({ name, sql: postgres(databaseUrlFor(name), { max: 2, onnotice: () => {} }) });
  }
});

afterAll(async () => {
  for (const inst of installations) {
    if (inst.workers && inst.workers.child.exitCode === null) {
      inst.workers.child.kill("SIGTERM");
      await inst.workers.exited;
    }
    await inst.sql.end();
    await dropDatabase(inst.name);
  }
  await redis?.stop();
});

async function addReminders(db: postgres.Sql, tag: string, count: number) {
  const [contract] = await db<
    { id: number }[]
  >`select id from contracts where status = 'active' order by id limit 1`;
  const users = await db<
    { id: number }[]
  >`select id from users where disabled_at is null order by id limit 5`;
  for (let i = 0; i < count; i++)
    await db`insert into reminders (kind, subject_type, subject_id, recipient_user_id, channel, send_at, dedupe_key, payload)
             values ('deliverable_behind', 'contract', ${contract.id}, ${users[i % users.length].id}, 'in_app', now(),
                     ${`${tag}:${i}`}, ${db.json({ occurrence: `${tag}-${i}`, contractCode: tag, contractTitle: "两套系统", organizationName: "测试" })})`;
}

async function delivered(db: postgres.Sql, tag: string) {
  const [row] = await db<{ sent: number; notes: number; twice: number }[]>`
    select
      (select count(*)::int from reminders where dedupe_key like ${`${tag}:%`} and status = 'sent') as sent,
      (select count(*)::int from notifications n join reminders r on r.id = n.reminder_id
        where r.dedupe_key like ${`${tag}:%`}) as notes,
      (select count(*)::int from (select n.reminder_id from notifications n join reminders r on r.id = n.reminder_id
        where r.dedupe_key like ${`${tag}:%`} group by n.reminder_id having count(*) > 1) d) as twice`;
  return row;
}

describe("two installations on one Redis", () => {
  it("each plan and deliver exactly their own reminders, with a queue prefix of their own named in the log", async () => {
    const tags = ["INSTALL-A", "INSTALL-B"];
    for (const inst of installations) {
      inst.workers = startWorkerProcess({
        DATABASE_URL: databaseUrlFor(inst.name),
        REDIS_URL: redis.url,
        // why: as an operator starts them; an empty value is "unset" (the test setup gives every file one).
        QUEUE_PREFIX: "",
        REMINDER_QUIET_HOURS: "off",
        REMINDER_SCAN_EVERY_MS: "1000",
        LOG_LEVEL: "info",
      });
    }
    await Promise.all(installations.map((inst, i) => addReminders(inst.sql, tags[i], 40)));

    const deadline = Date.now() + 60_000;
    for (;;) {
      const counts = await Promise.all(installations.map((inst, i) => delivered(inst.sql, tags[i])));
      if (counts.every((c) => c.sent === 40)) break;
      if (Date.now() > deadline)
        throw new Error(
          `not delivered within a minute: ${JSON.stringify(counts)}\n${installations.map((x) => x.workers?.output()).join("\n---\n")}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const [i, inst] of installations.entries()) {
      expect(await delivered(inst.sql, tags[i])).toEqual({ sent: 40, notes: 40, twice: 0 });
      // Nothing of the other installation's reminders reached this one's users.
      const [foreign] = await inst.sql<{ n: number }[]>`
        select count(*)::int as n from notifications where body like ${`%${tags[1 - i]}%`}`;
      expect(foreign.n).toBe(0);
    }
    const prefixes = installations.map(
      (inst) => /"prefix":"(snc-[0-9a-f]{12})"/.exec(inst.workers!.output())?.[1],
    );
    expect(prefixes[0]).toBeDefined();
    expect(prefixes[1]).toBeDefined();
    expect(prefixes[0]).not.toBe(prefixes[1]);
  }, 120_000);
});
