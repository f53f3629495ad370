// Sign-in throttling: growing delays per account and address, an address slowed only when it sprays many accounts.
import { describe, expect, it } from "vitest";
import { signInAttempts } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { delaySeconds, LOCKOUT_MAX_FAILURES, SPRAY_ACCOUNTS, signInLockout } from "./lockout.server";

useTestDatabase({ template: "empty" });

const now = new Date("2026-12-07T02:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

async function fail(email: string, ip: string, times: number, at = minutesAgo(1)) {
  for (let i = 0; i < times; i++) await db.insert(signInAttempts).values({ email, ip, succeeded: false, at });
}

describe("sign-in throttling", () => {
  it("delays an account after five failures from one address and says for how long", async () => {
    await fail("a@x.cn", "10.0.0.1", LOCKOUT_MAX_FAILURES - 1, now);
    expect(await signInLockout({ email: "a@x.cn", ip: "10.0.0.1", now })).toEqual({ locked: false });
    await fail("a@x.cn", "10.0.0.1", 1, now);
    const lock = await signInLockout({ email: "a@x.cn", ip: "10.0.0.1", now });
    expect(lock).toMatchObject({ locked: true, by: "account", retryAfterSeconds: 30, retryAfterMinutes: 1 });
  });

  it("grows the delay with every further failure, to at most fifteen minutes", async () => {
    expect([5, 6, 7, 8, 9, 10, 11, 30].map((n) => delaySeconds(n, 5, 30))).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
    await fail("g@x.cn", "10.0.4.1", 8, now);
    expect(await signInLockout({ email: "g@x.cn", ip: "10.0.4.1", now })).toMatchObject({
      locked: true,
      retryAfterSeconds: 240,
      retryAfterMinutes: 4,
    });
    // Once the delay has passed, the next try is checked.
    const later = new Date(now.getTime() + 241_000);
    expect(await signInLockout({ email: "g@x.cn", ip: "10.0.4.1", now: later })).toEqual({ locked: false });
  });

  it("counts only failures since the last successful sign-in", async () => {
    await fail("b@x.cn", "10.0.1.1", 3, minutesAgo(3));
    await db
      .insert(signInAttempts)
      .values({ email: "b@x.cn", ip: "10.0.1.1", succeeded: true, at: minutesAgo(2) });
    await fail("b@x.cn", "10.0.1.1", 3, minutesAgo(1));
    expect(await signInLockout({ email: "b@x.cn", ip: null, now })).toEqual({ locked: false });
  });

  it("does not let one person's typos delay another account behind the same address", async () => {
    await fail("typo@x.cn", "10.0.5.5", 6, now);
    expect(await signInLockout({ email: "typo@x.cn", ip: "10.0.5.5", now })).toMatchObject({ locked: true });
    expect(await signInLockout({ email: "colleague@x.cn", ip: "10.0.5.5", now })).toEqual({ locked: false });
  });

  it("delays an account guessed at from many addresses, but not at an address where its owner signed in", async () => {
    await db.insert(signInAttempts).values({
      email: "owner@x.cn",
      ip: "10.0.6.1",
      succeeded: true,
      at: new Date(now.getTime() - 86_400_000),
    });
    for (let i = 0; i < 6; i++) await fail("owner@x.cn", `10.0.7.${i}`, 1, now);
    expect(await signInLockout({ email: "owner@x.cn", ip: "10.0.8.8", now })).toMatchObject({
      locked: true,
      by: "account",
    });
    expect(await signInLockout({ email: "owner@x.cn", ip: "10.0.6.1", now })).toEqual({ locked: false });
  });

  it("slows an address that fails against many accounts, and only that address", async () => {
    for (let i = 0; i < SPRAY_ACCOUNTS - 1; i++) await fail(`c${i}@x.cn`, "10.0.2.7", 1, now);
    expect(await signInLockout({ email: "fresh@x.cn", ip: "10.0.2.7", now })).toEqual({ locked: false });
    await fail("c-last@x.cn", "10.0.2.7", 1, now);
    expect(await signInLockout({ email: "fresh@x.cn", ip: "10.0.2.7", now })).toMatchObject({
      locked: true,
      by: "ip",
      retryAfterSeconds: 15,
    });
    expect(await signInLockout({ email: "fresh@x.cn", ip: "10.0.2.8", now })).toEqual({ locked: false });
  });

  it("forgets failures older than fifteen minutes", async () => {
    await fail("d@x.cn", "10.0.3.1", 6, minutesAgo(16));
    expect(await signInLockout({ email: "d@x.cn", ip: "10.0.3.1", now })).toEqual({ locked: false });
  });
});
