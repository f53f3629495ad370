// Form matrix rows for the monthly sign-off (submit, approve, return, reopen) and the contract evaluation form.
import { expect } from "vitest";
import { one, projectContract } from "./fixtures";
import type { Ctx, Given, RouteRows } from "./support";

/** A contract of 巴宜启航 of the row's own and its first month, in the given sign-off state (none: not submitted). */
async function contractMonth(ctx: Ctx, status?: "submitted" | "approved") {
  const c = await projectContract(ctx, "active");
  const { month } = await one(
    ctx.pg<
      { month: string }[]
    >`select to_char(starts_on, 'YYYY-MM') as month from contracts where id = ${c.id}`,
  );
  if (status)
    await ctx.pg`insert into contract_months (contract_id, month, status, summary, submitted_at, submitted_by)
      values (${c.id}, ${month}, ${status}, ${ctx.pg.json({ activities: 0, personTimes: 0, participants: 0, homeVisits: 0, peopleServed: 0, spentFen: 0 })},
        now(), (select id from users where email = 'org.bayi-qihang@demo.local'))`;
  return { id: c.id, month };
}

const stateOf = async (ctx: Ctx, g: Given) =>
  one(
    ctx.pg<{ status: string; comment: string | null }[]>`
      select status, comment from contract_months where contract_id = ${g.id} and month = ${g.month}`,
  );

const monthPage = (g: Given) => `/contracts/${g.id}/months?month=${g.month}`;
const monthAction = (g: Given) => `/contracts/${g.id}/months`;

export const signoffRows: Record<string, RouteRows> = {
  "routes/contracts.$id_.months": {
    submit: {
      as: "orgBayi",
      given: (ctx) => contractMonth(ctx),
      page: monthPage,
      to: monthAction,
      body: (g) => ({ intent: "submit", month: g.month, note: "表单矩阵：本月服务情况报送" }),
      answer: "redirect",
      shows: () => ["已报送，等待规划人员审核。", "表单矩阵：本月服务情况报送", "待审核"],
      stored: async (ctx, g) => expect((await stateOf(ctx, g)).status).toBe("submitted"),
      audit: { action: "signoff.submit", entity: "contract" },
    },
    approve: {
      as: "plannerBayi",
      given: (ctx) => contractMonth(ctx, "submitted"),
      page: monthPage,
      to: monthAction,
      body: (g) => ({ intent: "approve", month: g.month, comment: "表单矩阵：材料齐全" }),
      answer: "redirect",
      shows: () => ["已审核通过，本月已锁定。", "已审核锁定", "表单矩阵：材料齐全"],
      stored: async (ctx, g) =>
        expect(await stateOf(ctx, g)).toEqual({ status: "approved", comment: "表单矩阵：材料齐全" }),
      audit: { action: "signoff.approve", entity: "contract" },
    },
    return: {
      as: "plannerBayi",
      given: (ctx) => contractMonth(ctx, "submitted"),
      page: monthPage,
      to: monthAction,
      body: (g) => ({ intent: "return", month: g.month, comment: "表单矩阵：请补充入户走访记录" }),
      answer: "redirect",
      shows: () => ["已退回，机构将收到提醒。", "表单矩阵：请补充入户走访记录", "已退回"],
      stored: async (ctx, g) =>
        expect(await stateOf(ctx, g)).toEqual({
          status: "returned",
          comment: "表单矩阵：请补充入户走访记录",
        }),
      audit: { action: "signoff.return", entity: "contract" },
    },
    reopen: {
      as: "plannerBayi",
      given: (ctx) => contractMonth(ctx, "approved"),
      page: monthPage,
      to: monthAction,
      body: (g) => ({ intent: "reopen", month: g.month, comment: "表单矩阵：补录漏报的活动" }),
      answer: "redirect",
      shows: () => ["已重新开放，机构可更改后重新报送。", "表单矩阵：补录漏报的活动", "已重新开放"],
      stored: async (ctx, g) =>
        expect(await stateOf(ctx, g)).toEqual({ status: "reopened", comment: "表单矩阵：补录漏报的活动" }),
      audit: { action: "signoff.reopen", entity: "contract" },
    },
  },

  "routes/contracts.$id_.evaluate": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const c = await projectContract(ctx, "active");
        await ctx.pg`update contracts set deliverables = ${ctx.pg.json({ activitiesPerMonth: 2 })} where id = ${c.id}`;
        return c;
      },
      page: (c) => `/contracts/${c.id}/evaluate`,
      body: (_c, ctx) => ({
        kind: "midterm",
        evaluatedOn: ctx.today,
        evaluator: "表单矩阵评估小组",
        scoreActivities: "85",
        satisfactionAsked: "30",
        satisfactionSatisfied: "27",
        findings: "表单矩阵：活动按月开展，台账完整",
        conclusion: "basically_qualified",
      }),
      answer: "redirect",
      shows: () => [
        "评估已保存。",
        "表单矩阵：活动按月开展，台账完整",
        "中期评估",
        "基本合格",
        "27 / 30 人满意",
      ],
      stored: async (ctx, c) => {
        const row = await one(
          ctx.pg<{ kind: string; scores: Record<string, number>; asked: number; satisfied: number }[]>`
            select kind, scores, satisfaction_asked as asked, satisfaction_satisfied as satisfied
            from contract_evaluations where contract_id = ${c.id}`,
        );
        expect(row).toEqual({ kind: "midterm", scores: { activities: 85 }, asked: 30, satisfied: 27 });
      },
      look: (c) => [[`/organizations/${c.organization}`, "表单矩阵：活动按月开展，台账完整"]],
      audit: { action: "evaluation.record", entity: "contract" },
    },
  },
};
