// Sessions live in the database: the cookie holds a random id, the row holds only its hash and the expiry.
import { count, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { auditLog, sessions, signInAttempts, users } from "#db/schema";
import { getUser } from "~/modules/access/guard.server";
import { action as signInAction } from "~/routes/login";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import {
  endAllSessionsOf,
  endSession,
  hashSessionId,
  readSessionId,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  startSession,
} from "./session.server";
import { checkPasswordSignIn } from "./sign-in.server";

useTestDatabase({ template: "demo" });

async function userId(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row.id;
}

function requestWithCookie(setCookie: string): Request {
  return new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0] } });
}

describe("sign-in", () => {
  it("accepts the right password and records the attempt and an audit entry", async () => {
    const result = await checkPasswordSignIn({
      request: new Request("http://localhost/login", { headers: { "x-client-ip": "10.1.2.3" } }),
      requestId: "r1",
      email: "planner.bayi@demo.local",
      password: "demo12345",
    });
    expect(result).toMatchObject({ ok: true, locale: "zh-CN" });
    const attempts = await db
      .select()
      .from(signInAttempts)
      .where(eq(signInAttempts.email, "planner.bayi@demo.local"));
    expect(attempts.at(-1)).toMatchObject({ succeeded: true, ip: "10.1.2.3" });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "sign_in"));
    expect(entry.requestId).toBe("r1");
  });

  it("refuses a wrong password and an unknown email the same way", async () => {
    const wrong = await checkPasswordSignIn({
      request: new Request("http://localhost/login"),
      requestId: null,
      email: "planner.bayi@demo.local",
      password: "nope",
    });
    const unknown = await checkPasswordSignIn({
      request: new Request("http://localhost/login"),
      requestId: null,
      email: "nobody@demo.local",
      password: "nope",
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled account even with the right password", async () => {
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, "planner.gar@demo.local"));
    const result = await checkPasswordSignIn({
      request: new Request("http://localhost/login"),
      requestId: null,
      email: "planner.gar@demo.local",
      password: "demo12345",
    });
    expect(result).toEqual({ ok: false, reason: "disabled" });
  });
});

describe("sessions", () => {
  it("stores only the hash of the session id and resolves the user with scope", async () => {
    const id = await userId("station.baiba@demo.local");
    const cookie = await startSession(new Request("http://localhost/login"), id);
    const request = requestWithCookie(cookie);
    const sessionId = await readSessionId(request);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, id));
    expect(rows.map((r) => r.id)).toContain(hashSessionId(sessionId!));
    expect(rows.map((r) => r.id)).not.toContain(sessionId);
    const user = await getUser(request);
    expect(user?.scope.kind).toBe("station");
  });

  it("ends a session idle for longer than the idle timeout", async () => {
    const id = await userId("auditor@demo.local");
    const cookie = await startSession(new Request("http://localhost/login"), id);
    const sessionId = (await readSessionId(requestWithCookie(cookie)))!;
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 60_000) })
      .where(eq(sessions.id, hashSessionId(sessionId)));
    expect(await getUser(requestWithCookie(cookie))).toBeNull();
    expect(
      (
        await db
          .select({ n: count() })
          .from(sessions)
          .where(eq(sessions.id, hashSessionId(sessionId)))
      )[0].n,
    ).toBe(0);
  });

  it("ends a session 12 hours after it started even when it was never idle", async () => {
    const id = await userId("planner.bayi@demo.local");
    const start = Date.now();
    // why: the session module reads the clock (Date); only Date is pinned, so the database driver's timers still run.
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    try {
      const cookie = await startSession(new Request("http://localhost/login"), id);
      const [row] = await db
        .select({ expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.id, hashSessionId((await readSessionId(requestWithCookie(cookie)))!)));
      expect(row.expiresAt.getTime()).toBe(start + SESSION_ABSOLUTE_MS);
      // In use every 90 minutes, well inside the 2-hour idle window, up to a minute before the 12 hours are up.
      const minute = 60_000;
      for (let at = 90 * minute; at < SESSION_ABSOLUTE_MS; at += 90 * minute) {
        vi.setSystemTime(start + at);
        expect(await getUser(requestWithCookie(cookie)), `after ${at / minute} min`).not.toBeNull();
      }
      vi.setSystemTime(start + SESSION_ABSOLUTE_MS - minute);
      expect(await getUser(requestWithCookie(cookie))).not.toBeNull();
      vi.setSystemTime(start + SESSION_ABSOLUTE_MS + minute);
      expect(await getUser(requestWithCookie(cookie))).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives every sign-in a new session id, and the cookie from before no longer signs anyone in", async () => {
    const signIn = async (cookie?: string) => {
      const body = new URLSearchParams({ email: "station.baiba@demo.local", password: "demo12345" });
      const response = (await signInAction({
        request: new Request("http://localhost/login", {
          method: "POST",
          body,
          headers: cookie ? { Cookie: cookie } : {},
        }),
        params: {},
        context: { requestId: "test", cspNonce: "" },
      })) as Response;
      expect(response.status).toBe(302);
      // The action first clears the old cookie, then sets the new one: the last session cookie is the one kept.
      const set = response.headers.getSetCookie().filter((c) => /^(__Host-)?snc_session=/.test(c));
      return set.at(-1)!.split(";")[0];
    };
    const first = await signIn();
    const firstId = await readSessionId(requestWithCookie(first));
    expect(await getUser(requestWithCookie(first))).not.toBeNull();
    const second = await signIn(first);
    const secondId = await readSessionId(requestWithCookie(second));
    expect(secondId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secondId).not.toBe(firstId);
    expect(await getUser(requestWithCookie(first))).toBeNull();
    expect((await getUser(requestWithCookie(second)))?.email).toBe("station.baiba@demo.local");
    const [{ n }] = await db
      .select({ n: count() })
      .from(sessions)
      .where(eq(sessions.id, hashSessionId(firstId!)));
    expect(n).toBe(0);
  });

  it("ends the session at sign-out and every session when an administrator ends them", async () => {
    const id = await userId("planner.ngari@demo.local");
    const first = await startSession(new Request("http://localhost/login"), id);
    const second = await startSession(new Request("http://localhost/login"), id);
    const cleared = await endSession(requestWithCookie(first));
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await getUser(requestWithCookie(first))).toBeNull();
    expect(await getUser(requestWithCookie(second))).not.toBeNull();
    await endAllSessionsOf(id);
    expect(
      await getUser(new Request("http://localhost/", { headers: { Cookie: second.split(";")[0] } })),
    ).toBeNull();
  });

  it("ignores a cookie whose signature does not match", async () => {
    const request = new Request("http://localhost/", { headers: { Cookie: "snc_session=forged.value" } });
    expect(await readSessionId(request)).toBeNull();
  });
});
