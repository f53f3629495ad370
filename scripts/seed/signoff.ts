// Demo sign-off and evaluations (issue 15): this year's active contracts have their months approved up to two months
// ago, last month submitted, owed or returned by turns; 巴宜启航's first month is reopened to add records. Ngari's
// 2023 contracts have final evaluations (one 不合格, so a new draft for that organization shows it) and two of this
// year's contracts a mid-term one. Deterministic: everything follows from the contract codes and today.
import { and, asc, eq, inArray, like } from "drizzle-orm";
import type { Db } from "#db/client";
import { contractEvaluations, contractMonths, contracts, organizations, users } from "#db/schema";
import { monthSummary } from "~/modules/signoff/summary.server";
import { shiftMonth } from "~/utils/months";

const at = (month: string, day: string) => new Date(`${shiftMonth(month, 1)}-${day}T02:00:00Z`);

export async function seedSignoff(db: Db, { today }: { today: string }) {
  const current = today.slice(0, 7);
  const lastMonth = shiftMonth(current, -1);
  const [staff, planners, active] = await Promise.all([
    db
      .select({ id: users.id, organizationId: users.organizationId })
      .from(users)
      .where(eq(users.role, "org_staff"))
      .orderBy(asc(users.id)),
    db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, ["planner.bayi@demo.local", "planner.ngari@demo.local"])),
    db
      .select({
        id: contracts.id,
        code: contracts.code,
        startsOn: contracts.startsOn,
        organizationId: contracts.organizationId,
        organizationName: organizations.name,
      })
      .from(contracts)
      .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
      .where(and(eq(contracts.status, "active"), like(contracts.code, `%-${today.slice(0, 4)}-%`)))
      .orderBy(asc(contracts.code)),
  ]);
  const staffOf = new Map<number, number>();
  for (const s of staff)
    if (s.organizationId && !staffOf.has(s.organizationId)) staffOf.set(s.organizationId, s.id);
  const plannerFor = (code: string) =>
    planners.find(
      (p) => p.email === (code.startsWith("BYQ") ? "planner.bayi@demo.local" : "planner.ngari@demo.local"),
    )?.id ?? null;
  let months = 0;
  for (const [i, c] of active.entries()) {
    const submittedBy = staffOf.get(c.organizationId) ?? null;
    const decidedBy = plannerFor(c.code);
    const first = c.startsOn.slice(0, 7);
    for (let m = first; m <= lastMonth; m = shiftMonth(m, 1)) {
      const summary = await monthSummary(db, c.id, m);
      const base = { contractId: c.id, month: m, summary, submittedAt: at(m, "03"), submittedBy };
      // The last month by turns: waiting for review, never submitted, returned with a comment.
      const turn = i % 3;
      if (m === lastMonth) {
        if (turn === 1) continue;
        await db.insert(contractMonths).values(
          turn === 0
            ? { ...base, status: "submitted" }
            : {
                ...base,
                status: "returned",
                comment: "入户走访人次与服务对象签字记录不一致，请核对后补充走访记录再报送。",
                decidedAt: at(m, "06"),
                decidedBy,
              },
        );
      } else if (m === first && c.organizationName.includes("启航")) {
        // why: reopened to add January's records; also keeps the demo's oldest activities editable.
        await db.insert(contractMonths).values({
          ...base,
          status: "reopened",
          comment: "一月份部分活动照片和签到表未上传，重新开放以便补充。",
          decidedAt: at(m, "10"),
          decidedBy,
        });
      } else {
        await db
          .insert(contractMonths)
          .values({ ...base, status: "approved", decidedAt: at(m, "08"), decidedBy });
      }
      months++;
    }
  }

  const byCode = new Map(
    (
      await db
        .select({ id: contracts.id, code: contracts.code, deliverables: contracts.deliverables })
        .from(contracts)
    ).map((c) => [c.code, c]),
  );
  const year = today.slice(0, 4);
  const evaluations = [
    {
      code: "ALI-2023-SW-03",
      kind: "final" as const,
      evaluatedOn: "2023-12-20",
      evaluator: "阿里地区民政局评估小组",
      scores: { activities: 92, personTimes: 88, homeVisits: 85 },
      satisfactionAsked: 60,
      satisfactionSatisfied: 56,
      findings: "全年按月开展活动，台账完整；入户走访覆盖全部分散供养特困人员，回访记录规范。",
      conclusion: "qualified" as const,
    },
    {
      code: "ALI-2023-EA-01",
      kind: "final" as const,
      evaluatedOn: "2023-12-22",
      evaluator: "第三方评估机构：西藏明德社会工作评估中心",
      scores: { activities: 55, personTimes: 48 },
      satisfactionAsked: 40,
      satisfactionSatisfied: 21,
      findings: "下半年活动明显减少，服务人次不足年度指标一半；部分活动缺少签到表和照片，经费使用凭证不全。",
      conclusion: "unqualified" as const,
    },
    {
      code: `BYQ-${year}-SW-01`,
      kind: "midterm" as const,
      evaluatedOn: `${year}-07-10`,
      evaluator: "巴宜区民政局评估小组",
      scores: { activities: 90, personTimes: 84, homeVisits: 80 },
      satisfactionAsked: 45,
      satisfactionSatisfied: 42,
      findings: "站点运营规范，活动按月开展；入户走访进度略慢，建议下半年加强对分散供养特困人员的回访。",
      conclusion: "qualified" as const,
    },
    {
      code: `ALI-${year}-SW-03`,
      kind: "midterm" as const,
      evaluatedOn: `${year}-07-15`,
      evaluator: "阿里地区民政局评估小组",
      scores: { activities: 78, personTimes: 70, homeVisits: 72 },
      satisfactionAsked: 50,
      satisfactionSatisfied: 41,
      findings: "活动数量达标，但服务人次偏低；牧区入户走访受交通影响，需制定冬季走访计划。",
      conclusion: "basically_qualified" as const,
    },
  ];
  let evaluated = 0;
  for (const { code, ...e } of evaluations) {
    const contract = byCode.get(code);
    if (!contract) continue;
    await db.insert(contractEvaluations).values({
      ...e,
      contractId: contract.id,
      createdBy: plannerFor(code),
      createdAt: new Date(`${e.evaluatedOn}T09:00:00Z`),
    });
    evaluated++;
  }
  return { signoffMonths: months, evaluations: evaluated };
}
