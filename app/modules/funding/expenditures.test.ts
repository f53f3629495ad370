import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, auditLog, contracts, expenditures } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { parseForm } from "~/modules/kernel/messages";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { validInput } from "../../../test/factories/forms";
import { useTestDatabase } from "../../../test/setup/database";
import { listExpenditures, recordExpenditure, reverseExpenditure } from "./expenditures.server";
import { type ExpenditureInput, expenditureReversalSchema, expenditureSchema } from "./schemas";

useTestDatabase({ template: "demo" });

function input(fields: Record<string, string>): ExpenditureInput {
  return validInput(expenditureSchema, {
    category: "activities",
    amount: "3,500.50",
    description: "儿童节活动物资",
    ...fields,
  });
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
    expect(await record(garStaff, garContract.id, { spentOn: today, amount: "12,000" }, key)).toEqual({
      ...result,
      replayed: true,
    });
    const after = (await deliverableProgress([garContract.id])).get(garContract.id)!.money;
    expect(after.spentFen - before.spentFen).toBe(12_000_00);
    expect(after.spentFen / after.allocatedFen).toBeGreaterThan(before.spentFen / before.allocatedFen);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "expenditure.create"),
          eq(auditLog.entityId, String((result as { value: { id: number } }).value.id)),
        ),
      );
    expect(audit.actorUserId).toBe(garStaff.id);
  });

  it("refuses a date outside the contract period or in the future", async () => {
    expect(await record(garStaff, garContract.id, { spentOn: "2020-01-01" })).toEqual({
      ok: false,
      fieldErrors: {
        spentOn: [
          {
            key: "funding:errors.outsidePeriod",
            values: { startsOn: garContract.startsOn, endsOn: garContract.endsOn },
          },
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

  describe("reversing (冲销) a mistaken expenditure", () => {
    const reverse = (
      user: SessionUser,
      contractId: number,
      expenditureId: number,
      reason: string,
      key = randomUUID(),
    ) =>
      reverseExpenditure({ user, actor: testActor(user), key, contractId, input: { expenditureId, reason } });
    const spent = async () =>
      (await deliverableProgress([garContract.id])).get(garContract.id)!.money.spentFen;

    it("adds an entry of the opposite amount that nets the mistake out, once, audited, and keeps both on record", async () => {
      const recorded = await record(garStaff, garContract.id, {
        spentOn: today,
        amount: "880",
        category: "equipment",
      });
      const originalId = (recorded as { value: { id: number } }).value.id;
      const before = await spent();
      const key = randomUUID();
      const reversed = await reverse(garStaff, garContract.id, originalId, "金额录错，应为 88 元", key);
      expect(reversed?.ok).toBe(true);
      // The same form sent twice (a double click, a retry) reverses once.
      expect(await reverse(garStaff, garContract.id, originalId, "金额录错，应为 88 元", key)).toEqual({
        ...reversed,
        replayed: true,
      });
      expect(before - (await spent())).toBe(880_00);

      const [row] = await db
        .select()
        .from(expenditures)
        .where(eq(expenditures.id, (reversed as { value: { id: number } }).value.id));
      expect(row).toMatchObject({
        reversesId: originalId,
        amountFen: -880_00,
        category: "equipment",
        reversalReason: "金额录错，应为 88 元",
        createdBy: garStaff.id,
      });
      const list = await listExpenditures({ contractId: garContract.id, page: 1, pageSize: 500 });
      const original = list.rows.find((r) => r.id === originalId)!;
      expect(original.reversedById).toBe(row.id);
      expect(original.reversedReason).toBe("金额录错，应为 88 元");
      expect(list.rows.find((r) => r.id === row.id)?.reversesId).toBe(originalId);
      const [audit] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "expenditure.reverse"), eq(auditLog.entityId, String(originalId))));
      expect(audit.actorUserId).toBe(garStaff.id);
      expect(audit.changes).toMatchObject({ reversalId: row.id, amountFen: -880_00 });
    });

    it("refuses a second reversal, the reversal of a reversal, and a missing reason, writing nothing", async () => {
      const recorded = await record(garStaff, garContract.id, { spentOn: today, amount: "120" });
      const originalId = (recorded as { value: { id: number } }).value.id;
      const first = await reverse(garStaff, garContract.id, originalId, "重复登记");
      const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(expenditures))[0].n;
      const rows = await count();
      expect(await reverse(garStaff, garContract.id, originalId, "再冲一次")).toEqual({
        ok: false,
        formErrors: ["funding:errors.alreadyReversed"],
      });
      expect(
        await reverse(garStaff, garContract.id, (first as { value: { id: number } }).value.id, "冲销冲销"),
      ).toEqual({
        ok: false,
        formErrors: ["funding:errors.cannotReverseReversal"],
      });
      expect(await count()).toBe(rows);
      for (const reason of ["", "   ", "\u0000", "x".repeat(201)]) {
        const form = new FormData();
        form.set("expenditureId", String(originalId));
        form.set("reason", reason);
        expect(parseForm(form, expenditureReversalSchema).status).toBe("error");
      }
    });

    it("keeps one reversal when two arrive at once", async () => {
      const recorded = await record(garStaff, garContract.id, { spentOn: today, amount: "60" });
      const originalId = (recorded as { value: { id: number } }).value.id;
      const results = await Promise.all([
        reverse(garStaff, garContract.id, originalId, "并发一"),
        reverse(garStaff, garContract.id, originalId, "并发二"),
      ]);
      expect(results.filter((r) => r?.ok)).toHaveLength(1);
      expect(results.filter((r) => r && !r.ok)).toEqual([
        { ok: false, formErrors: ["funding:errors.alreadyReversed"] },
      ]);
      const reversals = await db
        .select({ id: expenditures.id })
        .from(expenditures)
        .where(eq(expenditures.reversesId, originalId));
      expect(reversals).toHaveLength(1);
    });

    it("treats another organization's expenditure, or one named under the wrong contract, as not found", async () => {
      const [foreign] = await db
        .select({ id: expenditures.id })
        .from(expenditures)
        .where(eq(expenditures.contractId, otherContract.id))
        .limit(1);
      expect(foreign).toBeDefined();
      expect(await reverse(garStaff, otherContract.id, foreign.id, "越权")).toBeNull();
      expect(await reverse(garStaff, garContract.id, foreign.id, "换个合同号")).toBeNull();
      const planner = await sessionUserFor("planner.ngari@demo.local");
      const recorded = await record(garStaff, garContract.id, { spentOn: today, amount: "30" });
      expect(
        (
          await reverse(
            planner,
            garContract.id,
            (recorded as { value: { id: number } }).value.id,
            "地区规划员更正",
          )
        )?.ok,
      ).toBe(true);
    });
  });
});
