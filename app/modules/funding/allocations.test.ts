import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { allocations, auditLog, contracts, fundingSources, regions, users } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import type { Message } from "~/modules/kernel/messages";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { allocateFunds } from "./allocations.server";
import { updateFundingSource } from "./sources.server";

useTestDatabase({ template: "demo" });

const today = "2030-06-30";

describe("allocations from a funding source", () => {
  let ngari: SessionUser;
  let second: SessionUser;
  let sourceId: number;
  let contractId: number;
  beforeAll(async () => {
    ngari = await sessionUserFor("planner.ngari@demo.local");
    // A second planner of the same bureau, so two people allocate at the same moment.
    const [region] = await db.select().from(regions).where(eq(regions.code, "542500000000"));
    await db.insert(users).values({
      email: "planner2.ngari@demo.local",
      name: "阿里地区民政局 规划员二",
      role: "planner",
      regionId: region.id,
      passwordHash: "x",
    });
    second = await sessionUserFor("planner2.ngari@demo.local");
    const [source] = await db
      .insert(fundingSources)
      .values({ name: "测试资金", kind: "fiscal", year: 2030, regionId: region.id, totalFen: 100_000_00 })
      .returning();
    sourceId = source.id;
    const [contract] = await db
      .select()
      .from(contracts)
      .where(and(sql`${contracts.code} like 'ALI-%-SW-03'`, eq(contracts.status, "active")));
    contractId = contract.id;
  });

  const allocate = (
    user: SessionUser,
    yuan: number,
    extra: Partial<{ contractId: number; fundingSourceId: number }> = {},
  ) =>
    allocateFunds({
      user,
      actor: testActor(user),
      key: randomUUID(),
      input: {
        fundingSourceId: sourceId,
        contractId,
        amount: yuan * 100,
        allocatedOn: "2030-05-01",
        ...extra,
      },
      today,
    });

  const state = async () => {
    const [s] = await db.select().from(fundingSources).where(eq(fundingSources.id, sourceId));
    const [{ sum }] = await db
      .select({ sum: sql<number>`coalesce(sum(${allocations.amountFen}), 0)::float8` })
      .from(allocations)
      .where(eq(allocations.fundingSourceId, sourceId));
    return { allocatedFen: s.allocatedFen, sumFen: sum, totalFen: s.totalFen };
  };

  it("allocates within what is left, keeps the running sum and audits the allocation", async () => {
    const result = await allocate(ngari, 10_000);
    expect(result?.ok).toBe(true);
    expect(await state()).toEqual({ allocatedFen: 10_000_00, sumFen: 10_000_00, totalFen: 100_000_00 });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "allocation.create"),
          eq(auditLog.entityId, String((result as { value: { id: number } }).value.id)),
        ),
      );
    expect(audit.changes).toMatchObject({ amountFen: 10_000_00, contractId, fundingSourceId: sourceId });
  });

  it("refuses more than is left, saying how much is left", async () => {
    const result = await allocate(ngari, 95_000);
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        amount: [
          { key: "funding:errors.exceedsLeft", values: { left: "90,000.00 元", asked: "95,000.00 元" } },
        ],
      },
    });
    expect((await state()).allocatedFen).toBe(10_000_00);
  });

  it("lets only one of two planners allocating at the same moment take the last of the money", async () => {
    // 90,000 left; each asks for 60,000.
    const results = await Promise.all([allocate(ngari, 60_000), allocate(second, 60_000)]);
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    const refused = results.find((r) => !r?.ok) as unknown as { fieldErrors: { amount: Message[] } };
    expect(refused.fieldErrors.amount[0]).toMatchObject({ values: { left: "30,000.00 元" } });
    expect(await state()).toEqual({ allocatedFen: 70_000_00, sumFen: 70_000_00, totalFen: 100_000_00 });
  });

  it("never lets many concurrent allocations add up to more than the total", async () => {
    // 30,000 left; eight planners' posts of 7,000 each: four fit.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => allocate(i % 2 ? second : ngari, 7_000)),
    );
    expect(results.filter((r) => r?.ok)).toHaveLength(4);
    expect(await state()).toEqual({ allocatedFen: 98_000_00, sumFen: 98_000_00, totalFen: 100_000_00 });
  });

  it("refuses lowering a source's total below what is already allocated", async () => {
    const [region] = await db.select().from(regions).where(eq(regions.code, "542500000000"));
    const result = await updateFundingSource({
      user: ngari,
      actor: testActor(ngari),
      id: sourceId,
      input: { name: "测试资金", kind: "fiscal", year: 2030, regionId: region.id, total: 50_000_00 },
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        total: [{ key: "funding:errors.totalBelowAllocated", values: { allocated: "98,000.00 元" } }],
      },
    });
  });

  it("lets neither organization staff nor auditors allocate, nor planners of another region", async () => {
    for (const email of ["org.gar@demo.local", "auditor@demo.local", "planner.bayi@demo.local"]) {
      const user = await sessionUserFor(email);
      expect(await allocate(user, 1), email).toEqual({
        ok: false,
        fieldErrors: { fundingSourceId: ["validation.choice"] },
      });
    }
  });

  it("refuses money for a contract outside the source's region or already closed, and future dates", async () => {
    const [bayiContract] = await db
      .select()
      .from(contracts)
      .where(sql`${contracts.code} like 'BYQ-%'`)
      .limit(1);
    const admin = await sessionUserFor("admin@demo.local");
    expect(await allocate(admin, 1, { contractId: bayiContract.id })).toEqual({
      ok: false,
      fieldErrors: { contractId: ["funding:errors.contractOutsideRegion"] },
    });
    const [closed] = await db.select().from(contracts).where(eq(contracts.status, "completed")).limit(1);
    expect(await allocate(ngari, 1, { contractId: closed.id })).toEqual({
      ok: false,
      fieldErrors: { contractId: ["funding:errors.contractClosed"] },
    });
    const future = await allocateFunds({
      ...by(ngari),
      input: { fundingSourceId: sourceId, contractId, amount: 100, allocatedOn: "2030-07-01" },
      today,
    });
    expect(future).toEqual({ ok: false, fieldErrors: { allocatedOn: ["validation.futureDate"] } });
  });
});
