// The write path runs a transaction again when PostgreSQL chose it as a deadlock's victim (or refused it for a
// serialization failure), and only then: CI once saw two overlapping activations deadlock on the exclusion index.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formSubmissions, notifications } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { write, writeWithoutKey } from "./write.server";

useTestDatabase({ template: "demo" });

const pgFailure = (code: string) => Object.assign(new Error(`PostgreSQL ${code}`), { code });
const admin = { id: 1 } as Parameters<typeof write>[0]["user"];

async function notificationsOf(userId: number) {
  const [row] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId));
  return row.n;
}

describe("the write path and transient failures", () => {
  it("runs a keyed write again after a deadlock, storing its effect and its key once", async () => {
    const before = await notificationsOf(1);
    let attempts = 0;
    const key = crypto.randomUUID();
    const result = await write({ user: admin, key, action: "test.retry" }, async (tx) => {
      attempts++;
      await tx.insert(notifications).values({ userId: 1, title: "retry" });
      if (attempts === 1) throw pgFailure("40P01");
      return { attempts };
    });
    expect(result).toEqual({ ok: true, value: { attempts: 2 }, replayed: false });
    expect(await notificationsOf(1)).toBe(before + 1);
    const [{ n }] = await db.select({ n: count() }).from(formSubmissions).where(eq(formSubmissions.key, key));
    expect(n).toBe(1);
  });

  it("runs a write without a key again after a serialization failure", async () => {
    let attempts = 0;
    const result = await writeWithoutKey({}, async () => {
      attempts++;
      if (attempts < 3) throw pgFailure("40001");
      return { attempts };
    });
    expect(result).toEqual({ ok: true, value: { attempts: 3 }, replayed: false });
  });

  it("gives up after three tries, and never retries other errors", async () => {
    let deadlocks = 0;
    await expect(
      writeWithoutKey({}, async () => {
        deadlocks++;
        throw pgFailure("40P01");
      }),
    ).rejects.toThrow("40P01");
    expect(deadlocks).toBe(3);
    let violations = 0;
    await expect(
      writeWithoutKey({}, async () => {
        violations++;
        throw pgFailure("23505");
      }),
    ).rejects.toThrow("23505");
    expect(violations).toBe(1);
  });
});
