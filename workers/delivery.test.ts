// The reminder pipeline end to end on real PostgreSQL and Redis (own key prefix per file): the scan writes the
// outbox, the window goes to BullMQ, the delivery worker writes in-app notifications exactly once.
import { Queue } from "bullmq";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appMeta, facilities, notifications, reminders, users, visits } from "#db/schema";
import { InAppBatcher } from "~/modules/reminders/deliver.server";
import type { ReminderGap } from "~/modules/reminders/findings";
import { DELIVERY_QUEUE, LAST_SCAN_KEY } from "~/modules/reminders/outbox.server";
import { rowsForFinding, scanForReminders, writeOutbox } from "~/modules/reminders/scan.server";
import {
  type ReminderSettings,
  reminderSettings,
  resetReminderSettings,
} from "~/modules/reminders/settings.server";
import { databaseHandle, db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../test/setup/database";
import { localRobot } from "../test/support/robot";
import { workerRedis } from "./connection";
import { processDelivery } from "./delivery.worker";
import { type RunningWorkers, startReminderWorkers } from "./runtime";
import { processScan } from "./scan.worker";
import { removeKeysWithPrefix } from "./testing/processes";

useTestDatabase({ template: "demo" });

async function waitFor<T>(
  check: () => Promise<T | false | null | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function userId(email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u.id;
}

describe("reminder delivery", () => {
  let workers: RunningWorkers;
  let settings: ReminderSettings;
  beforeAll(async () => {
    process.env.REMINDER_QUIET_HOURS = "off";
    process.env.REMINDER_BACKOFF_MS = "50";
    process.env.REMINDER_ATTEMPTS = "3";
    resetReminderSettings();
    settings = reminderSettings();
  });
  afterAll(async () => {
    await workers?.stop();
    await removeKeysWithPrefix(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", process.env.QUEUE_PREFIX!);
  });

  it("turns the demo's overdue visits into in-app notifications for the staff, the head and, escalated, the planners", async () => {
    const now = new Date();
    const scan = await scanForReminders({ db, now, settings });
    expect(scan.created).toBeGreaterThan(0);
    workers = await startReminderWorkers({
      handle: databaseHandle(),
      redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      prefix: process.env.QUEUE_PREFIX!,
      settings,
    });
    await waitFor(async () => {
      const [{ open }] = await queryRows<{ open: number }>(
        db,
        sql`select count(*)::int as open from reminders where status in ('pending', 'queued') and send_at <= now()`,
      );
      return open === 0;
    });
    const perReminder = await queryRows<{ reminder_id: number; n: number }>(
      db,
      sql`select reminder_id, count(*)::int as n from notifications where reminder_id is not null group by reminder_id having count(*) > 1`,
    );
    expect(perReminder).toEqual([]);
    const [{ sent, notified }] = await queryRows<{ sent: number; notified: number }>(
      db,
      sql`select (select count(*) from reminders where channel = 'in_app' and status = 'sent')::int as sent,
                 (select count(*) from notifications where reminder_id is not null)::int as notified`,
    );
    expect(notified).toBe(sent);

    // Baiba's station: the demo gives it overdue visits, one of them more than 7 days late.
    const staff = await userId("station.baiba@demo.local");
    const head = await userId("station.baiba.head@demo.local");
    const planner = await userId("planner.bayi@demo.local");
    const kindsFor = async (id: number) =>
      (
        await db
          .selectDistinct({ kind: reminders.kind })
          .from(reminders)
          .where(and(eq(reminders.recipientUserId, id), eq(reminders.status, "sent")))
      ).map((r) => r.kind);
    expect(await kindsFor(head)).toContain("visit_overdue");
    expect([...(await kindsFor(staff)), ...(await kindsFor(head))]).toContain("visit_overdue");
    expect(await kindsFor(planner)).toContain("visit_escalation");
    const [note] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, head))
      .orderBy(notifications.id)
      .limit(1);
    expect(note.title).toMatch(/走访已逾期|逾期/);
    expect(note.link).toMatch(/^\/visits\/\d+$/);
  });

  it("never creates a second reminder for the same visit and kind, however often it scans", async () => {
    const again = await scanForReminders({ db, now: new Date(), settings });
    expect(again.created).toBe(0);
  });

  it("delivers in-app reminders already due from the scan itself, exactly once, and leaves the rest to the queue", async () => {
    // Baiba's station: one of its open visits three days overdue, so its overdue reminder is due at the scan.
    const [baiba] = await db.select().from(facilities).where(eq(facilities.code, "540402101000-SW01"));
    const [visit] = await queryRows<{ id: number }>(
      db,
      sql`select v.id from visits v join people p on p.id = v.person_id and p.status = 'active'
           where v.station_id = ${baiba.id} and v.status = 'scheduled' order by v.id desc limit 1`,
    );
    await db
      .update(visits)
      .set({ dueOn: sql`(now() at time zone 'Asia/Shanghai')::date - 3` })
      .where(eq(visits.id, visit.id));
    const redis = workerRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", "direct-test");
    const queue = new Queue(DELIVERY_QUEUE, { connection: redis, prefix: process.env.QUEUE_PREFIX! });
    const handle = { queue, redis, prefix: process.env.QUEUE_PREFIX! };
    const ofVisit = () =>
      queryRows<{ id: number; channel: string; status: string; attempts: number; notes: number }>(
        db,
        sql`select r.id, r.channel, r.status, r.attempts,
                   (select count(*) from notifications n where n.reminder_id = r.id)::int as notes
              from reminders r
             where r.subject_type = 'visit' and r.subject_id = ${visit.id} and r.kind = 'visit_overdue'`,
      );
    try {
      const summary = await processScan({ db, handle, settings });
      expect(summary.delivered).toBeGreaterThan(0);
      // Written and delivered by the scan's statement: sent, one notification each, before any worker saw them.
      const rows = (await ofVisit()).filter((r) => r.channel === "in_app");
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r).toMatchObject({ status: "sent", attempts: 1, notes: 1 });
      const [note] = await db.select().from(notifications).where(eq(notifications.reminderId, rows[0].id));
      expect(note.link).toBe(`/visits/${visit.id}`);
      expect(note.title).toMatch(/逾期/);

      // Scanning again writes nothing and notifies nobody twice.
      const again = await processScan({ db, handle, settings });
      expect(again.delivered).toBe(0);
      expect((await ofVisit()).filter((r) => r.channel === "in_app")).toEqual(rows);

      // A row whose subject no longer needs it when it is written (the visit moved since the scan read it) is not
      // delivered by the write: it stays pending, and the delivery worker cancels it.
      const [other] = await queryRows<{ id: number; due_on: string }>(
        db,
        sql`select id, due_on::text from visits where status = 'scheduled' and id <> ${visit.id} order by id limit 1`,
      );
      const staff = await userId("station.baiba@demo.local");
      const stale = rowsForFinding(
        {
          kind: "visit_overdue",
          subjectType: "visit",
          subjectId: other.id,
          occurrence: "2000-01-01",
          sendAt: new Date(Date.now() - 60_000),
          recipients: [
            {
              kind: "user",
              userId: staff,
              email: null,
              locale: "zh-CN",
              role: "station_staff",
              facilityId: baiba.id,
            },
          ],
          payload: { personName: "示*西", villageName: "百巴村", dueOn: "2000-01-01", visitKind: "routine" },
        },
        { ...settings, webhookUrl: undefined, smtpUrl: undefined },
      );
      const written = await writeOutbox(db, stale, {
        deliverDue: { now: new Date(), localeOf: () => "zh-CN" },
      });
      expect(written).toMatchObject({ delivered: 0 });
      const [left] = await db.select().from(reminders).where(eq(reminders.id, written.ids[0]));
      expect(left.status).toBe("pending");
      const deps = { db, settings, batcher: new InAppBatcher(db) };
      const job = { data: { reminderId: left.id, channel: "in_app" as const }, attemptsMade: 0, opts: {} };
      expect(await processDelivery(job, deps)).toBe("cancelled");
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });

  it("posts to a group robot once, and after the last failed attempt marks the reminder failed", async () => {
    let refuse = false;
    const robot = await localRobot({
      answer: () =>
        refuse ? { errcode: 93000, errmsg: "invalid webhook url" } : { errcode: 0, errmsg: "ok" },
    });
    const url = robot.webhookUrl("test");
    const hookSettings = { ...settings, webhookUrl: url };
    const [visit] = await queryRows<{ id: number }>(
      db,
      sql`select id from visits where status = 'scheduled' order by id limit 1`,
    );
    const rows = rowsForFinding(
      {
        kind: "visit_overdue",
        subjectType: "visit",
        subjectId: visit.id,
        occurrence: "2000-01-01",
        sendAt: new Date(),
        recipients: [],
        payload: { personName: "示*西", villageName: "百巴村", dueOn: "2000-01-01", visitKind: "routine" },
      },
      hookSettings,
    );
    expect(rows).toHaveLength(1);
    const [row] = await db.insert(reminders).values(rows).returning();
    const deps = {
      db,
      settings: hookSettings,
      batcher: new InAppBatcher(db),
    };
    const job = {
      data: { reminderId: row.id, channel: "webhook" as const },
      attemptsMade: 0,
      opts: { attempts: 2 },
    };
    // The visit's occurrence does not match (2000-01-01), so the reminder is no longer relevant: cancelled, not sent.
    expect(await processDelivery(job, deps)).toBe("cancelled");
    expect(robot.received).toHaveLength(0);

    const [live] = await queryRows<{ id: number; due_on: string }>(
      db,
      sql`select id, due_on::text from visits where status = 'scheduled' order by id limit 1`,
    );
    const [sendable] = await db
      .insert(reminders)
      .values({
        ...rows[0],
        subjectId: live.id,
        dedupeKey: `t:${live.id}:webhook`,
        payload: { ...rows[0].payload, occurrence: live.due_on },
      })
      .returning();
    const sendJob = {
      data: { reminderId: sendable.id, channel: "webhook" as const },
      attemptsMade: 0,
      opts: { attempts: 2 },
    };
    expect(await processDelivery(sendJob, deps)).toBe("sent");
    // A duplicate job (two workers, a refilled Redis) finds it sent and does nothing.
    expect(await processDelivery(sendJob, deps)).toBe("skipped");
    expect(robot.received).toHaveLength(1);
    expect(JSON.parse(robot.received[0].body)).toMatchObject({
      msgtype: "text",
      text: { content: expect.stringContaining("示*西") },
    });

    refuse = true;
    const [failing] = await db
      .insert(reminders)
      .values({
        ...rows[0],
        subjectId: live.id,
        dedupeKey: `t:${live.id}:webhook:2`,
        payload: { ...rows[0].payload, occurrence: live.due_on },
      })
      .returning();
    const failJob = {
      data: { reminderId: failing.id, channel: "webhook" as const },
      attemptsMade: 0,
      opts: { attempts: 2 },
    };
    await expect(processDelivery(failJob, deps)).rejects.toThrow(/refused/);
    await expect(processDelivery({ ...failJob, attemptsMade: 1 }, deps)).rejects.toThrow(/refused/);
    const [after] = await db.select().from(reminders).where(eq(reminders.id, failing.id));
    expect(after).toMatchObject({ status: "failed", attempts: 2 });
    expect(after.lastError).toContain("93000");
    await robot.close();
  });

  it("records the reminders nobody can receive in the scan summary the admin page shows", async () => {
    // Bage's station without staff, and no planner above it: its overdue visit reaches nobody.
    const [bage] = await db.select().from(facilities).where(eq(facilities.code, "542521200000-SW01"));
    const prefecture = await userId("planner.ngari@demo.local");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.facilityId, bage.id));
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, prefecture));
    const [visit] = await queryRows<{ id: number }>(
      db,
      sql`select v.id from visits v join people p on p.id = v.person_id and p.status = 'active'
           where v.station_id = ${bage.id} and v.status = 'scheduled' order by v.id limit 1`,
    );
    await db
      .update(visits)
      .set({ dueOn: sql`(now() at time zone 'Asia/Shanghai')::date - 3` })
      .where(eq(visits.id, visit.id));
    const redis = workerRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", "gap-test");
    const queue = new Queue(DELIVERY_QUEUE, { connection: redis, prefix: process.env.QUEUE_PREFIX! });
    try {
      const summary = await processScan({
        db,
        handle: { queue, redis, prefix: process.env.QUEUE_PREFIX! },
        settings,
      });
      expect(summary.undeliverable).toBeGreaterThan(0);
      const [meta] = await db.select().from(appMeta).where(eq(appMeta.key, LAST_SCAN_KEY));
      const recorded = meta.value as { undeliverable: number; gaps: ReminderGap[] };
      expect(recorded.undeliverable).toBe(summary.undeliverable);
      expect(recorded.gaps).toContainEqual(
        expect.objectContaining({
          kind: "visit_overdue",
          subjectId: visit.id,
          reason: "no_recipient",
          about: bage.name,
        }),
      );
      // Nothing was written for it: there is nobody to write it for.
      const rows = await db
        .select()
        .from(reminders)
        .where(and(eq(reminders.subjectType, "visit"), eq(reminders.subjectId, visit.id)));
      expect(rows.filter((r) => r.kind === "visit_overdue" && r.status !== "cancelled")).toEqual([]);
    } finally {
      await db.update(users).set({ disabledAt: null }).where(eq(users.id, prefecture));
      await queue.close();
      redis.disconnect();
    }
  });
});
