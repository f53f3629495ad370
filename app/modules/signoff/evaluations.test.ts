// Contract evaluations through the real write: a score for each deliverable the contract measures, satisfaction,
// conclusion; refused when a score is missing or the wrong person records it; shown on the organization's page and in
// the year-in-review, and a failed final evaluation is what a new draft for the organization shows.
import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, contracts, organizations } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { validInput } from "../../../test/factories/forms";
import { useTestDatabase } from "../../../test/setup/database";
import {
  evaluationYear,
  failedFinalEvaluations,
  organizationEvaluations,
  recordEvaluation,
} from "./evaluations.server";
import { type EvaluationInput, evaluationSchema } from "./schemas";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();

function input(fields: Record<string, string>): EvaluationInput {
  return validInput(evaluationSchema, {
    kind: "final",
    evaluatedOn: today,
    evaluator: "噶尔县民政局评估小组",
    satisfactionAsked: "40",
    satisfactionSatisfied: "30",
    findings: "活动开展不足，台账缺失",
    conclusion: "unqualified",
    ...fields,
  });
}

describe("contract evaluations", () => {
  let planner: SessionUser;
  let plannerBayi: SessionUser;
  let org: SessionUser;
  let contract: { id: number; organizationId: number; deliverables: Record<string, unknown> };

  const record = (user: SessionUser, fields: Record<string, string>, id = contract.id) =>
    recordEvaluation({
      user,
      actor: testActor(user),
      key: randomUUID(),
      contractId: id,
      input: input(fields),
    });

  beforeAll(async () => {
    [planner, plannerBayi, org] = await Promise.all([
      sessionUserFor("planner.ngari@demo.local"),
      sessionUserFor("planner.bayi@demo.local"),
      sessionUserFor("org.gar@demo.local"),
    ]);
    // Gar's station contract of this year: it measures activities, person-times and home visits.
    const organizationId = org.scope.kind === "organization" ? org.scope.organizationId : 0;
    [contract] = await db
      .select({
        id: contracts.id,
        organizationId: contracts.organizationId,
        deliverables: contracts.deliverables,
      })
      .from(contracts)
      .where(
        and(
          eq(contracts.organizationId, organizationId),
          eq(contracts.status, "active"),
          like(contracts.code, "%-SW-%"),
        ),
      )
      .orderBy(contracts.code)
      .limit(1);
  });

  it("refuses satisfied above asked in the form itself", () => {
    expect(() => input({ satisfactionSatisfied: "41" })).toThrow("signoff:errors.satisfiedAboveAsked");
  });

  it("asks a score for every deliverable the contract measures, and refuses a future date", async () => {
    expect(Object.keys(contract.deliverables).length).toBeGreaterThan(0);
    const missing = await record(planner, {});
    expect(missing?.ok).toBe(false);
    if (missing && !missing.ok)
      expect(Object.values(missing.fieldErrors ?? {}).flat()).toContain("signoff:errors.scoreRequired");
    expect(
      await record(planner, {
        scoreActivities: "60",
        scorePersonTimes: "50",
        scoreHomeVisits: "40",
        evaluatedOn: addDaysToDate(today, 1),
      }),
    ).toEqual({ ok: false, fieldErrors: { evaluatedOn: ["validation.futureDate"] } });
  });

  it("lets only the contract's planners record one: another region's gets nothing, the organization is refused", async () => {
    const scores = { scoreActivities: "60", scorePersonTimes: "50", scoreHomeVisits: "40" };
    expect(await record(plannerBayi, scores)).toBeNull();
    expect(await record(org, scores)).toEqual({ ok: false, formErrors: ["errors.forbidden"] });
  });

  it("stores the scores, satisfaction and conclusion, audits them, and shows them on the organization and the year", async () => {
    const result = await record(planner, {
      scoreActivities: "60",
      scorePersonTimes: "50",
      scoreHomeVisits: "40",
    });
    expect(result).toMatchObject({ ok: true });
    const id = result?.ok ? result.value.id : 0;
    const [entry] = await db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.action, "evaluation.record"), eq(auditLog.entityId, String(contract.id))));
    expect(entry.changes).toMatchObject({ evaluationId: id, conclusion: "unqualified" });
    const shown = await organizationEvaluations(planner, contract.organizationId);
    expect(shown.find((e) => e.id === id)).toMatchObject({
      kind: "final",
      scores: { activities: 60, personTimes: 50, homeVisits: 40 },
      satisfactionAsked: 40,
      satisfactionSatisfied: 30,
      conclusion: "unqualified",
    });
    // The organization sees its own evaluations too.
    expect((await organizationEvaluations(org, contract.organizationId)).some((e) => e.id === id)).toBe(true);
    const year = await evaluationYear({
      prefix: "5425",
      period: { start: `${today.slice(0, 4)}-01-01`, end: `${today.slice(0, 4)}-12-31` },
    });
    expect(year.rows.some((e) => e.id === id)).toBe(true);
    expect(year.conclusions.unqualified).toBeGreaterThan(0);
    expect(year.asked).toBe(year.rows.reduce((n, r) => n + r.satisfactionAsked, 0));
    // Bayi's year does not count Ngari's evaluations.
    const bayi = await evaluationYear({
      prefix: "540402",
      period: { start: `${today.slice(0, 4)}-01-01`, end: `${today.slice(0, 4)}-12-31` },
    });
    expect(bayi.rows.some((e) => e.id === id)).toBe(false);
  });

  it("names the organization whose last final evaluation failed, until a later final one passes", async () => {
    const failed = await failedFinalEvaluations(planner, [contract.organizationId]);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      organizationId: contract.organizationId,
      findings: "活动开展不足，台账缺失",
    });
    // A mid-term evaluation does not change the last final result …
    await record(planner, {
      kind: "midterm",
      conclusion: "qualified",
      scoreActivities: "90",
      scorePersonTimes: "90",
      scoreHomeVisits: "90",
    });
    expect(await failedFinalEvaluations(planner, [contract.organizationId])).toHaveLength(1);
    // … a later final one that passes does.
    const [later] = await db
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.organizationId, contract.organizationId), eq(contracts.status, "completed")))
      .limit(1);
    await db.update(contracts).set({ deliverables: {} }).where(eq(contracts.id, later.id));
    // Same day, recorded later: the newer evaluation counts.
    expect(await record(planner, { conclusion: "qualified" }, later.id)).toMatchObject({ ok: true });
    expect(await failedFinalEvaluations(planner, [contract.organizationId])).toEqual([]);
  });

  it("shows the demo's failed final evaluation for its organization", async () => {
    const [kangle] = await db
      .select({ id: organizations.id })
      .from(contracts)
      .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
      .where(eq(contracts.code, "ALI-2023-EA-01"));
    const failed = await failedFinalEvaluations(planner, [kangle.id]);
    expect(failed.map((f) => f.contractCode)).toEqual(["ALI-2023-EA-01"]);
  });
});
