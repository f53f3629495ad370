// Form matrix rows for contracts: creating (draft or in force), editing, the lifecycle, expenditures.
import { expect } from "vitest";
import { bayiProject, one, projectContract, qihang, qihangContract } from "./fixtures";
import type { RouteRows } from "./support";

export const contractRows: Record<string, RouteRows> = {
  "routes/contracts.new": {
    draft: {
      as: "plannerBayi",
      given: async (ctx) => ({ project: await bayiProject(ctx), org: await qihang(ctx), n: ctx.serial() }),
      page: () => "/contracts/new",
      body: (g, ctx) => ({
        intent: "draft",
        code: `MATRIX-N${g.n}`,
        title: `表单矩阵新合同${g.n}`,
        organizationId: String(g.org.id),
        subject: `project:${g.project.id}`,
        procurementMethod: "inquiry",
        startsOn: ctx.today,
        endsOn: ctx.day(180),
        amount: "80000",
        activitiesPerMonth: "2",
      }),
      answer: "redirect",
      shows: (g) => ["合同已保存为草稿", `表单矩阵新合同${g.n}`, "草稿"],
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select status, amount_fen::int as fen from contracts where code = ${`MATRIX-N${g.n}`}`,
        );
        expect(row).toEqual({ status: "draft", fen: 8_000_000 });
      },
      audit: { action: "contract.create", entity: "contract" },
    },
    activate: {
      as: "plannerBayi",
      given: async (ctx) => ({ project: await bayiProject(ctx), org: await qihang(ctx), n: ctx.serial() }),
      page: () => "/contracts/new",
      body: (g, ctx) => ({
        intent: "activate",
        code: `MATRIX-A${g.n}`,
        title: `表单矩阵生效合同${g.n}`,
        organizationId: String(g.org.id),
        subject: `project:${g.project.id}`,
        procurementMethod: "single_source",
        startsOn: ctx.today,
        endsOn: ctx.day(180),
        amount: "60000.50",
      }),
      answer: "redirect",
      shows: (g) => ["合同已生效", `表单矩阵生效合同${g.n}`, "执行中"],
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select status, amount_fen::int as fen from contracts where code = ${`MATRIX-A${g.n}`}`,
        );
        expect(row).toEqual({ status: "active", fen: 6_000_050 });
      },
      audit: { action: "contract.create_active", entity: "contract" },
    },
  },

  "routes/contracts.$id": {
    activate: {
      as: "plannerBayi",
      given: async (ctx) => projectContract(ctx, "draft"),
      page: (c) => `/contracts/${c.id}`,
      body: () => ({ intent: "activate" }),
      answer: "redirect",
      shows: () => ["合同已生效", "执行中"],
      stored: async (ctx, c) => {
        const row = await one(ctx.pg`select status from contracts where id = ${c.id}`);
        expect(row.status).toBe("active");
      },
      audit: { action: "contract.activate", entity: "contract" },
    },
    complete: {
      as: "plannerBayi",
      given: async (ctx) => projectContract(ctx, "active"),
      page: (c) => `/contracts/${c.id}`,
      body: () => ({ intent: "complete", confirm: "1" }),
      answer: "redirect",
      shows: () => ["合同已完成", "已完成"],
      stored: async (ctx, c) => {
        const row = await one(ctx.pg`select status from contracts where id = ${c.id}`);
        expect(row.status).toBe("completed");
      },
      audit: { action: "contract.complete", entity: "contract" },
    },
    terminate: {
      as: "plannerBayi",
      given: async (ctx) => projectContract(ctx, "active"),
      page: (c) => `/contracts/${c.id}`,
      body: () => ({ intent: "terminate", reason: "表单矩阵：承接机构无法继续履约", confirm: "1" }),
      answer: "redirect",
      shows: () => ["合同已终止", "表单矩阵：承接机构无法继续履约"],
      stored: async (ctx, c) => {
        const row = await one(
          ctx.pg`select status, close_reason as reason from contracts where id = ${c.id}`,
        );
        expect(row).toEqual({ status: "terminated", reason: "表单矩阵：承接机构无法继续履约" });
      },
      audit: { action: "contract.terminate", entity: "contract" },
    },
  },

  "routes/contracts.$id_.edit": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const c = await projectContract(ctx, "draft");
        return one(
          ctx.pg`select id, code, organization_id as org, care_project_id as project, starts_on::text as "startsOn",
            ends_on::text as "endsOn" from contracts where id = ${c.id}`,
        );
      },
      page: (c) => `/contracts/${c.id}/edit`,
      body: (c) => ({
        code: c.code,
        title: `${c.code} 表单矩阵改名`,
        organizationId: String(c.org),
        subject: `project:${c.project}`,
        procurementMethod: "inquiry",
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        amount: "51000",
      }),
      answer: "redirect",
      shows: (c) => ["已保存", `${c.code} 表单矩阵改名`],
      stored: async (ctx, c) => {
        const row = await one(ctx.pg`select title, amount_fen::int as fen from contracts where id = ${c.id}`);
        expect(row).toEqual({ title: `${c.code} 表单矩阵改名`, fen: 5_100_000 });
      },
      audit: { action: "contract.update", entity: "contract" },
    },
  },

  "routes/contracts.$id_.expenditures": {
    record: {
      as: "orgBayi",
      given: async (ctx) => qihangContract(ctx),
      page: (c) => `/contracts/${c.id}/expenditures`,
      body: (_c, ctx) => ({
        spentOn: ctx.today,
        category: "activities",
        amount: "1,234.56",
        description: "表单矩阵：活动物资采购",
      }),
      answer: "redirect",
      shows: () => "表单矩阵：活动物资采购",
      stored: async (ctx, c) => {
        const row = await one(
          ctx.pg`select amount_fen::int as fen from expenditures where contract_id = ${c.id} and description = '表单矩阵：活动物资采购'`,
        );
        expect(row.fen).toBe(123_456);
      },
      audit: { action: "expenditure.create", entity: "expenditure" },
    },
    reverse: {
      as: "orgBayi",
      given: async (ctx) => {
        const c = await qihangContract(ctx);
        const e = await one(
          ctx.pg<
            { id: number }[]
          >`select e.id from expenditures e where e.contract_id = ${c.id} and e.reverses_id is null
            and not exists (select 1 from expenditures r where r.reverses_id = e.id) order by e.spent_on desc, e.id desc limit 1`,
        );
        return { contract: c.id, expenditure: e.id };
      },
      page: (g) => `/contracts/${g.contract}/expenditures?reverse=${g.expenditure}`,
      body: (g) => ({
        intent: "reverse",
        expenditureId: String(g.expenditure),
        reason: "表单矩阵：金额登记错误",
      }),
      answer: "redirect",
      shows: () => "表单矩阵：金额登记错误",
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select count(*)::int as n from expenditures where reverses_id = ${g.expenditure}`,
        );
        expect(row.n).toBe(1);
      },
      audit: { action: "expenditure.reverse", entity: "expenditure" },
    },
  },
};
