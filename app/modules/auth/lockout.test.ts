import { describe, expect, it } from "vitest";
import { signInAttempts } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { LOCKOUT_MAX_FAILURES, signInLockout } from "./lockout.server";

useTestDatabase({ template: "empty" });

async function fail(email: string, ip: string, times: number) {
  for (let i = 0; i < times; i++) await db.insert(signInAttempts).values({ email, ip, succeeded: false });
}

describe("sign-in lock-out", () => {
  it("locks an account after five failures in fifteen minutes and says for how long", async () => {
    await fail("a@x.cn", "10.0.0.1", LOCKOUT_MAX_FAILURES - 1);
    expect(await signInLockout({ email: "a@x.cn", ip: "10.0.0.9" })).toEqual({ locked: false });
    await fail("a@x.cn", "10.0.0.2", 1);
    const lock = await signInLockout({ email: "a@x.cn", ip: "10.0.0.9" });
    expect(lock).toMatchObject({ locked: true, by: "account" });
    expect(lock.locked && lock.retryAfterMinutes).toBeGreaterThanOrEqual(14);
  });

  it("counts only failures since the last successful sign-in", async () => {
    await fail("b@x.cn", "10.0.1.1", 3);
    await db.insert(signInAttempts).values({ email: "b@x.cn", ip: "10.0.1.1", succeeded: true });
    await fail("b@x.cn", "10.0.1.1", 3);
    expect(await signInLockout({ email: "b@x.cn", ip: null })).toEqual({ locked: false });
  });

  it("locks an address that fails against many accounts", async () => {
    for (const email of ["c1@x.cn", "c2@x.cn", "c3@x.cn", "c4@x.cn", "c5@x.cn"])
      await fail(email, "10.0.2.7", 1);
    expect(await signInLockout({ email: "fresh@x.cn", ip: "10.0.2.7" })).toMatchObject({
      locked: true,
      by: "ip",
    });
    expect(await signInLockout({ email: "fresh@x.cn", ip: "10.0.2.8" })).toEqual({ locked: false });
  });

  it("forgets failures older than fifteen minutes", async () => {
    for (let i = 0; i < 6; i++) {
      await db.insert(signInAttempts).values({
        email: "d@x.cn",
        ip: "10.0.3.1",
        succeeded: false,
        at: new Date(Date.now() - 16 * 60_000),
      });
    }
    expect(await signInLockout({ email: "d@x.cn", ip: "10.0.3.1" })).toEqual({ locked: false });
  });
});
