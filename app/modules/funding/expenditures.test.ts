import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, auditLog, contracts, expenditures } from "#db/schema";
import type { SessionUser } from "~/modules/auth/types";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { useTestDatabase } from "../../../test/setup/database";
import { recordExpenditure } from "./expenditures.server";
import { type ExpenditureInput, expenditureSchema } from "./schemas";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest setup helper, not a React hook
useTestDatabase({ template: "demo" });

function input(fields: Record<string, string>): ExpenditureInput {
  const form = new FormData();
  for (const [k, v] of Object.entries({
    category: "activities",
    amount: "3,500.50",
    description: "儿童节活动物资",
    ...fields,
  }))
    form.set(k, v);
  const submission = parseWithZod(form, { schema: expenditureSchema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

describe("expenditures under a contract", () => {
  let garStaff: SessionUser;
  let garContract: typeof contracts.$inferSelect;
  let otherContract: typeof contracts.$inferSelect;
  const today = todayInShanghai();
  beforeAll(async () => {
    garStaff = await sessionUserFor("org.gar@demo.local");
    const organizationId = garStaff.scope.kind === "organization" ? garStaff.scope.organizationId : 0;
    [garContract] = await db
      .select()
      .from(contracts)
      .where(
        and(
          eq(contracts.organizationId, organizationId),
          eq(contracts.status, "active"),
          sql`${contracts.code} like '%-SW-03'`,
        ),
      );
    [otherContract] = await db
      .select()
      .from(contracts)
      .where(and(sql`${contracts.organizationId} <> ${organizationId}`, eq(contracts.status, "active")))
      .limit(1);
  });

  const record = (
    user: SessionUser,
    contractId: number,
    fields: Record<string, string>,
    key = randomUUID(),
  ) => recordExpenditure({ user, actor: testActor(user), key, contractId, input: input(fields), today });

  it("reads yuan as people type them", () => {
    expect(input({ spentOn: today }).amount).toBe(350_050);
    expect(() => input({ spentOn: today, amount: "12.345" })).toThrow("funding:validation.amount");
    expect(() => input({ spentOn: today, amount: "0" })).toThrow("funding:validation.amountPositive");
  });

  it("lets organization staff record spending on their own contract, raising its execution rate", async () => {
    const before = (await deliverableProgress([garContract.id])).get(garContract.id)!.money;
    const key = randomUUID();
    const result = await record(garStaff, garContract.id, { spentOn: today, amount: "12,000" }, key);
    expect(result?.ok).toBe(true);
    // A repeated post of the same form changes nothing.
    expect(await record(garStaff, garContract.id, { spentOn: today, amount: "12,000" }, key)).toEqual(result);
    const after = (await deliverableProgress([garContract.id])).get(garContract.id)!.money;
    expect(after.spentFen - before.spentFen).toBe(12_000_00);
    expect(after.spentFen / after.allocatedFen).toBeGreaterThan(before.spentFen / before.allocatedFen);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "expenditure.create"),
          eq(auditLog.entityId, String((result as { id: number }).id)),
        ),
      );
    expect(audit.actorUserId).toBe(garStaff.id);
  });

  it("refuses a date outside the contract period or in the future", async () => {
    expect(await record(garStaff, garContract.id, { spentOn: "2020-01-01" })).toEqual({
      ok: false,
      fieldErrors: {
        spentOn: [
          `funding:errors.outsidePeriod|{"startsOn":"${garContract.startsOn}","endsOn":"${garContract.endsOn}"}`,
        ],
      },
    });
    if (today < garContract.endsOn) {
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(await record(garStaff, garContract.id, { spentOn: tomorrow })).toEqual({
        ok: false,
        fieldErrors: { spentOn: ["validation.futureDate"] },
      });
    }
  });

  it("links an expenditure only to an activity of the same contract", async () => {
    const [own] = await db
      .select({ id: activities.id })
      .from(activities)
      .where(eq(activities.contractId, garContract.id))
      .limit(1);
    const [foreign] = await db
      .select({ id: activities.id })
      .from(activities)
      .where(eq(activities.contractId, otherContract.id))
      .limit(1);
    expect((await record(garStaff, garContract.id, { spentOn: today, activityId: String(own.id) }))?.ok).toBe(
      true,
    );
    expect(
      await record(garStaff, garContract.id, { spentOn: today, activityId: String(foreign.id) }),
    ).toEqual({
      ok: false,
      fieldErrors: { activityId: ["funding:errors.activityNotOfContract"] },
    });
  });

  it("treats another organization's contract as not found and records nothing there", async () => {
    const count = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(expenditures)
          .where(eq(expenditures.contractId, otherContract.id))
      )[0].n;
    const before = await count();
    expect(await record(garStaff, otherContract.id, { spentOn: today })).toBeNull();
    expect(await count()).toBe(before);
  });

  it("lets planners record for contracts of their region but not for drafts", async () => {
    const planner = await sessionUserFor("planner.ngari@demo.local");
    expect((await record(planner, garContract.id, { spentOn: today }))?.ok).toBe(true);
    const [draft] = await db
      .insert(contracts)
      .values({
        ...garContract,
        id: undefined,
        code: `DRAFT-${randomUUID().slice(0, 8)}`,
        status: "draft",
        startsOn: "2031-01-01",
        endsOn: "2031-12-31",
      })
      .returning();
    expect(await record(planner, draft.id, { spentOn: "2031-02-01" })).toEqual({
      ok: false,
      formErrors: ["funding:errors.draftContract"],
    });
  });
});
