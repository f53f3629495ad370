import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, people, regions, users } from "#db/schema";
import { getUser, loadSessionUser } from "~/modules/access/guard.server";
import { peopleInScope } from "~/modules/access/scope.server";
import { liveSession, readSessionId, startSession } from "~/modules/auth/session.server";
import { buildIdNumber } from "~/modules/people/id-number";
import { decryptIdNumber } from "~/modules/people/id-number-crypto.server";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { breakGlass, GLASS_LIMITS } from "./break-glass.server";

useTestDatabase({ template: "demo" });

const actor = { actorUserId: null, ip: null, requestId: null };

async function signedInAs(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const cookie = await startSession(new Request("http://localhost/login"), row.id);
  const request = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
  return {
    request,
    user: (await getUser(request))!,
    userId: row.id,
    sessionId: (await readSessionId(request))!,
  };
}

describe("emergency access to a file outside one's scope", () => {
  it("opens a Ngari file to Baiba's station staff for this session only, with the reason audited", async () => {
    const [ngariPerson] = await db
      .select({ id: people.id, cipher: people.idNumberCipher })
      .from(people)
      .innerJoin(regions, eq(regions.id, people.villageId))
      .where(like(regions.code, "5425%"))
      .limit(1);
    const { user, userId, sessionId } = await signedInAs("station.baiba@demo.local");
    const visible = async (u: typeof user) =>
      (
        await db
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.id, ngariPerson.id), peopleInScope(u)))
      ).length;
    expect(await visible(user)).toBe(0);

    const result = await breakGlass({
      user,
      actor: { ...actor, actorUserId: userId },
      idNumber: decryptIdNumber(ngariPerson.cipher),
      reason: "火灾后紧急安置，需要核实监护人联系方式",
    });
    expect(result).toEqual({ ok: true, value: { personId: ngariPerson.id, granted: true }, replayed: false });

    const after = await loadSessionUser(userId, sessionId, (await liveSession(sessionId))!.data);
    expect(await visible(after!)).toBe(1);
    const other = await signedInAs("station.baiba@demo.local");
    expect(await visible(other.user)).toBe(0);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "break_glass"));
    expect(entry).toMatchObject({
      entityId: String(ngariPerson.id),
      reason: "火灾后紧急安置，需要核实监护人联系方式",
      actorUserId: userId,
    });
  });

  it("records a search that finds nothing and refuses malformed numbers", async () => {
    const { user } = await signedInAs("planner.bayi@demo.local");
    expect(
      await breakGlass({
        user,
        actor,
        idNumber: buildIdNumber({ region6: "110101", birthDate: "1990-03-07", sequence: 1 }),
        reason: "测试一个不存在的号码",
      }),
    ).toEqual({ ok: false, fieldErrors: { idNumber: ["auth:glass.notFound"] } });
    expect(await breakGlass({ user, actor, idNumber: "123", reason: "测试格式错误的号码" })).toEqual({
      ok: false,
      fieldErrors: { idNumber: ["auth:glass.invalidIdNumber"] },
    });
    const misses = await db.select().from(auditLog).where(eq(auditLog.action, "break_glass_not_found"));
    expect(misses).toHaveLength(1);
  });

  it("refuses a user's tries beyond the hourly limit before looking the number up, and records the refusal", async () => {
    const { user, userId } = await signedInAs("staff.542523100000-sw01@demo.local");
    const mine = { ...actor, actorUserId: userId };
    const [registered] = await db
      .select({ cipher: people.idNumberCipher })
      .from(people)
      .innerJoin(regions, eq(regions.id, people.villageId))
      .where(like(regions.code, "540402%"))
      .limit(1);
    const unknown = (n: number) => buildIdNumber({ region6: "110101", birthDate: "1991-04-07", sequence: n });
    for (let i = 0; i < GLASS_LIMITS.perHour; i++) {
      const r = await breakGlass({
        user,
        actor: mine,
        idNumber: unknown(i + 1),
        reason: "测试紧急查阅的次数上限",
      });
      expect(r.ok).toBe(false);
    }
    // The next try would find a registered number; it must not be looked up, so the answer is the same for any.
    for (const idNumber of [decryptIdNumber(registered.cipher), unknown(99)])
      expect(await breakGlass({ user, actor: mine, idNumber, reason: "测试紧急查阅的次数上限" })).toEqual({
        ok: false,
        formErrors: [{ key: "auth:glass.tooMany", values: GLASS_LIMITS }],
      });
    const refusals = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "break_glass_refused"), eq(auditLog.actorUserId, userId)));
    expect(refusals).toHaveLength(2);
    // A day later the hour's tries no longer count.
    const later = new Date(Date.now() + 25 * 3_600_000);
    const next = await breakGlass({
      user,
      actor: mine,
      idNumber: unknown(50),
      reason: "测试紧急查阅的次数上限",
      now: later,
    });
    expect(next).toEqual({ ok: false, fieldErrors: { idNumber: ["auth:glass.notFound"] } });
  });
});
