// Contract evaluations (中期/结项评估): the planner records a score per deliverable the contract measures, the
// recipients' satisfaction, the evaluator, findings and a conclusion. Shown on the contract and organization pages,
// in the year-in-review, and on a new draft for an organization whose last final evaluation failed.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  type ContractDeliverables,
  careProjects,
  contractEvaluations,
  contracts,
  type EvaluationScores,
  facilities,
  organizations,
} from "#db/schema";
import { roleHas } from "~/modules/access/permissions";
import {
  careProjectIdsUnder,
  contractsInScope,
  facilityIdsUnder,
  idIn,
  organizationsInScope,
} from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { canManageContracts } from "~/modules/contracts/mutations.server";
import { contractSubjectName } from "~/modules/contracts/summaries.server";
import { fieldProblem } from "~/modules/kernel/messages";
import { refuse } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { type ContractStep, contractWrite, refuseDraft } from "./contract.server";
import { type EvaluationInput, type ScoredDeliverable, scoredDeliverables, scoreField } from "./schemas";

/** The deliverables a contract measures (those with a target), which its evaluation scores. */
export function measuredDeliverables(d: ContractDeliverables): ScoredDeliverable[] {
  const target: Record<ScoredDeliverable, number | undefined> = {
    activities: d.activitiesPerMonth,
    personTimes: d.personTimesPerYear,
    homeVisits: d.homeVisitsPerPersonPerYear,
    peopleServed: d.peopleServed,
  };
  return scoredDeliverables.filter((k) => target[k] != null);
}

export async function recordEvaluation({
  user,
  actor,
  key,
  contractId,
  input,
  now = new Date(),
}: ContractStep<EvaluationInput>): Promise<WriteResult<{ id: number }> | null> {
  const allowed = roleHas(user.role, "write:evaluation") && canManageContracts(user);
  const options = { action: "evaluation.record", allowed };
  return contractWrite({ user, key, contractId }, options, async (tx, contract) => {
    refuseDraft(contract);
    if (input.evaluatedOn > todayInShanghai(now))
      refuse(fieldProblem("evaluatedOn", "validation.futureDate"));
    if (input.evaluatedOn < contract.startsOn)
      refuse(fieldProblem("evaluatedOn", "signoff:errors.beforeStart"));
    const scores: EvaluationScores = {};
    const fieldErrors: Record<string, string[]> = {};
    for (const d of measuredDeliverables(contract.deliverables)) {
      const value = input[scoreField[d]] as number | undefined;
      if (value === undefined) fieldErrors[scoreField[d]] = ["signoff:errors.scoreRequired"];
      else scores[d] = value;
    }
    if (Object.keys(fieldErrors).length) refuse({ fieldErrors });
    const values = {
      contractId,
      kind: input.kind,
      evaluatedOn: input.evaluatedOn,
      evaluator: input.evaluator,
      scores,
      satisfactionAsked: input.satisfactionAsked,
      satisfactionSatisfied: input.satisfactionSatisfied,
      findings: input.findings,
      conclusion: input.conclusion,
    };
    const [row] = await tx
      .insert(contractEvaluations)
      .values({ ...values, createdBy: user.id })
      .returning({ id: contractEvaluations.id });
    await recordAudit(tx, actor, {
      action: "evaluation.record",
      entityType: "contract",
      entityId: contractId,
      changes: { evaluationId: row.id, ...values },
    });
    return { id: row.id };
  });
}

const evaluationColumns = {
  id: contractEvaluations.id,
  contractId: contractEvaluations.contractId,
  kind: contractEvaluations.kind,
  evaluatedOn: contractEvaluations.evaluatedOn,
  evaluator: contractEvaluations.evaluator,
  scores: contractEvaluations.scores,
  satisfactionAsked: contractEvaluations.satisfactionAsked,
  satisfactionSatisfied: contractEvaluations.satisfactionSatisfied,
  findings: contractEvaluations.findings,
  conclusion: contractEvaluations.conclusion,
  contractCode: contracts.code,
  contractTitle: contracts.title,
  subjectName: contractSubjectName,
  organizationId: contracts.organizationId,
  organizationName: organizations.name,
};

function evaluationsWhere(where: ReturnType<typeof and>) {
  return db
    .select(evaluationColumns)
    .from(contractEvaluations)
    .innerJoin(contracts, eq(contracts.id, contractEvaluations.contractId))
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .where(where)
    .orderBy(desc(contractEvaluations.evaluatedOn), desc(contractEvaluations.id));
}

export type EvaluationRow = Awaited<ReturnType<typeof evaluationsWhere>>[number];

/** A contract's evaluations, newest first (the contract page checked scope already). */
export function contractEvaluationList(user: SessionUser, contractId: number) {
  return evaluationsWhere(and(eq(contractEvaluations.contractId, contractId), contractsInScope(user)));
}

/** The evaluations of an organization's contracts that the user may see, newest first. */
export function organizationEvaluations(user: SessionUser, organizationId: number) {
  return evaluationsWhere(and(eq(contracts.organizationId, organizationId), contractsInScope(user)));
}

/**
 * Evaluations dated in the period of contracts for facilities or projects in the region (`prefix`: its significant
 * code prefix), for the year-in-review, with the satisfaction over all of them.
 */
export async function evaluationYear({
  prefix,
  period,
}: {
  prefix: string;
  period: { start: string; end: string };
}) {
  const rows = await evaluationsWhere(
    and(
      sql`${contractEvaluations.evaluatedOn} between ${period.start} and ${period.end}`,
      sql`(${idIn(contracts.facilityId, facilityIdsUnder(prefix))} or ${idIn(contracts.careProjectId, careProjectIdsUnder(prefix))})`,
    ),
  );
  const count = (c: EvaluationRow["conclusion"]) => rows.filter((r) => r.conclusion === c).length;
  return {
    rows,
    conclusions: {
      qualified: count("qualified"),
      basically_qualified: count("basically_qualified"),
      unqualified: count("unqualified"),
    },
    asked: rows.reduce((n, r) => n + r.satisfactionAsked, 0),
    satisfied: rows.reduce((n, r) => n + r.satisfactionSatisfied, 0),
  };
}
export type EvaluationYear = Awaited<ReturnType<typeof evaluationYear>>;

/**
 * Organizations (of those the user may contract) whose most recent final evaluation concluded 不合格, with that
 * evaluation: a new draft for one of them shows it.
 */
export async function failedFinalEvaluations(user: SessionUser, organizationIds: number[]) {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectDistinctOn([contracts.organizationId], {
      organizationId: contracts.organizationId,
      contractCode: contracts.code,
      contractTitle: contracts.title,
      evaluatedOn: contractEvaluations.evaluatedOn,
      conclusion: contractEvaluations.conclusion,
      findings: contractEvaluations.findings,
      evaluator: contractEvaluations.evaluator,
    })
    .from(contractEvaluations)
    .innerJoin(contracts, eq(contracts.id, contractEvaluations.contractId))
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(
      and(
        eq(contractEvaluations.kind, "final"),
        inArray(contracts.organizationId, organizationIds),
        organizationsInScope(user),
      ),
    )
    .orderBy(contracts.organizationId, desc(contractEvaluations.evaluatedOn), desc(contractEvaluations.id));
  return rows.filter((r) => r.conclusion === "unqualified");
}
