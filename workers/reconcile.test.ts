// The reconciler's mark of a filled Redis on real PostgreSQL and Redis: a FLUSHALL while a reconcile runs must not be
// hidden by that reconcile (found in CI: a fault test's reminders waited for the two-minute staleness check).
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { reminders, users } from "#db/schema";
import { DELIVERY_QUEUE, reconcileQueue } from "~/modules/reminders/outbox.server";
import { reminderSettings } from "~/modules/reminders/settings.server";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../test/setup/database";
import { workerRedis } from "./connection";
import { removeKeysWithPrefix } from "./testing/processes";

useTestDatabase({ template: "demo" });

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `${process.env.QUEUE_PREFIX}-reconcile`;
const redis = workerRedis(url, "reconcile-test");
const queue = new Queue(DELIVERY_QUEUE, { connection: redis, prefix });

afterAll(async () => {
  await queue.close();
  await removeKeysWithPrefix(url, prefix);
  redis.disconnect();
});

describe("the queue reconciler", () => {
  it("lets the next reconcile refill everything after a flush that happened while one was running", async () => {
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "station.baiba@demo.local"));
    const queued = (sendAt: Date) =>
      db
        .insert(reminders)
        .values({
          kind: "visit_due",
          subjectType: "visit",
          subjectId: 1,
          recipientUserId: user.id,
          channel: "in_app",
          sendAt,
          status: "queued",
          dedupeKey: `reconcile-test:${randomUUID()}`,
        })
        .returning({ id: reminders.id })
        .then(([r]) => r);
    // One row late (its job is looked at by every reconcile), one queued just now (only a refill re-adds it).
    const late = await queued(new Date(Date.now() - 10 * 60_000));
    const fresh = await queued(new Date());
    const settings = reminderSettings();
    const handle = { queue, redis, prefix };

    const first = await reconcileQueue({ db, handle, settings });
    expect(first.redisWasEmpty).toBe(true);
    expect(await queue.getJobState(`r${fresh.id}`)).not.toBe("unknown");

    // The next reconcile reads the mark, then Redis loses everything while it looks at the late rows' jobs.
    const getJobState = queue.getJobState.bind(queue);
    let flushed = false;
    queue.getJobState = async (id: string) => {
      if (!flushed) {
        flushed = true;
        await removeKeysWithPrefix(url, prefix);
      }
      return getJobState(id);
    };
    try {
      const during = await reconcileQueue({ db, handle, settings });
      expect(flushed).toBe(true);
      expect(during.redisWasEmpty).toBe(false);
    } finally {
      queue.getJobState = getJobState;
    }

    const after = await reconcileQueue({ db, handle, settings });
    expect(after.redisWasEmpty).toBe(true);
    expect(await queue.getJobState(`r${fresh.id}`)).not.toBe("unknown");
    expect(await queue.getJobState(`r${late.id}`)).not.toBe("unknown");
  });
});
