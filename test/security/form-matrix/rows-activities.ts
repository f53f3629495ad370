// Form matrix rows for activities: logging, editing, and the review on an activity's page (flag, answer,
// resolve, decide an edit request, delete).
import { expect } from "vitest";
import { roleAccounts } from "../support";
import { one, qihangActivity, qihangContract } from "./fixtures";
import type { RouteRows } from "./support";

export const activityRows: Record<string, RouteRows> = {
  "routes/activities.new": {
    "(form)": {
      as: "orgBayi",
      given: async (ctx) => ({
        contract: await qihangContract(ctx),
        summary: `表单矩阵：社区集体活动${ctx.serial()}`,
      }),
      page: () => "/activities/new",
      body: (g, ctx) => ({
        multipart: {
          contractId: String(g.contract.id),
          occurredOn: ctx.day(-1) < g.contract.startsOn ? ctx.today : ctx.day(-1),
          kind: "group_activity",
          participants: "12",
          personTimes: "12",
          hours: "2",
          summary: g.summary,
        },
      }),
      answer: "redirect",
      shows: (g) => ["活动已记录", g.summary],
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select contract_id as contract, participants from activities where summary = ${g.summary}`,
        );
        expect(row).toEqual({ contract: g.contract.id, participants: 12 });
      },
      audit: { action: "activity.log", entity: "activity" },
    },
  },

  "routes/activities.$id_.edit": {
    "(form)": {
      as: "orgBayi",
      given: async (ctx) => {
        const a = await qihangActivity(ctx);
        return one(
          ctx.pg`select id, occurred_on::text as "occurredOn", kind, participants, person_times as "personTimes",
            hours::text as hours from activities where id = ${a.id}`,
        );
      },
      page: (a) => `/activities/${a.id}/edit`,
      body: (a) => ({
        occurredOn: a.occurredOn,
        kind: a.kind,
        participants: String(a.participants),
        personTimes: String(a.personTimes),
        hours: String(Number(a.hours)),
        summary: "表单矩阵：补充活动摘要",
      }),
      answer: "redirect",
      // The demo logs its activities the day it is loaded: inside the edit window, the change applies at once.
      shows: () => ["修改已保存", "表单矩阵：补充活动摘要"],
      stored: async (ctx, a) => {
        const row = await one(ctx.pg`select summary from activities where id = ${a.id}`);
        expect(row.summary).toBe("表单矩阵：补充活动摘要");
      },
      audit: { action: "activity.edit", entity: "activity" },
    },
  },

  "routes/activities.$id": {
    flag: {
      as: "plannerBayi",
      given: async (ctx) => qihangActivity(ctx),
      page: (a) => `/activities/${a.id}`,
      body: () => ({ intent: "flag", comment: "表单矩阵：照片与活动内容不符，请补充说明" }),
      answer: "ok",
      shows: () => ["已提出问题", "表单矩阵：照片与活动内容不符，请补充说明"],
      stored: async (ctx, a) => {
        const row = await one(ctx.pg`select status from activity_flags where activity_id = ${a.id}`);
        expect(row.status).toBe("open");
      },
      audit: { action: "activity.flag", entity: "activity" },
    },
    answer: {
      as: "orgBayi",
      given: async (ctx) => {
        const a = await qihangActivity(ctx);
        const flag = await one(
          ctx.pg<{ id: number }[]>`insert into activity_flags (activity_id, comment, flagged_by)
            select ${a.id}, '表单矩阵：人次是否有误？', id from users where email = ${roleAccounts.plannerBayi} returning id`,
        );
        return { ...a, flag: flag.id };
      },
      page: (a) => `/activities/${a.id}`,
      body: (a) => ({ intent: "answer", flagId: String(a.flag), response: "表单矩阵：已核对，人次无误" }),
      answer: "ok",
      shows: () => ["回复已提交", "表单矩阵：已核对，人次无误"],
      stored: async (ctx, a) => {
        const row = await one(ctx.pg`select status, response from activity_flags where id = ${a.flag}`);
        expect(row).toEqual({ status: "answered", response: "表单矩阵：已核对，人次无误" });
      },
      audit: { action: "activity.flag_answer", entity: "activity" },
    },
    resolve: {
      as: "plannerBayi",
      given: async (ctx) => {
        const a = await qihangActivity(ctx);
        const flag = await one(
          ctx.pg<
            { id: number }[]
          >`insert into activity_flags (activity_id, comment, flagged_by, response, status, responded_at)
            select ${a.id}, '表单矩阵：请说明', id, '表单矩阵：已说明', 'answered', now()
            from users where email = ${roleAccounts.plannerBayi} returning id`,
        );
        return { ...a, flag: flag.id };
      },
      page: (a) => `/activities/${a.id}`,
      body: (a) => ({ intent: "resolve", flagId: String(a.flag) }),
      answer: "ok",
      shows: () => "问题已关闭",
      stored: async (ctx, a) => {
        const row = await one(ctx.pg`select status from activity_flags where id = ${a.flag}`);
        expect(row.status).toBe("resolved");
      },
      audit: { action: "activity.flag_resolve", entity: "activity" },
    },
    decide: {
      as: "plannerBayi",
      given: async (ctx) => {
        const a = await qihangActivity(ctx);
        const request = await one(
          ctx.pg<
            { id: number }[]
          >`insert into activity_edit_requests (activity_id, changes, reason, requested_by)
            select ${a.id}, ${ctx.pg.json({ summary: { from: a.summary, to: "表单矩阵：核准后的摘要" } })},
              '表单矩阵：摘要写错了', id from users where email = ${roleAccounts.orgBayi} returning id`,
        );
        return { ...a, request: request.id };
      },
      page: (a) => `/activities/${a.id}`,
      body: (a) => ({
        intent: "decide",
        requestId: String(a.request),
        decision: "approved",
        note: "表单矩阵：同意",
      }),
      answer: "ok",
      shows: () => ["已处理修改申请", "表单矩阵：核准后的摘要"],
      stored: async (ctx, a) => {
        const row = await one(
          ctx.pg`select r.status, a.summary from activity_edit_requests r join activities a on a.id = r.activity_id
          where r.id = ${a.request}`,
        );
        expect(row).toEqual({ status: "approved", summary: "表单矩阵：核准后的摘要" });
      },
      audit: { action: "activity.edit_approved", entity: "activity" },
    },
    delete: {
      as: "plannerBayi",
      given: async (ctx) => qihangActivity(ctx),
      page: (a) => `/activities/${a.id}`,
      body: () => ({ intent: "delete", reason: "表单矩阵：重复登记" }),
      answer: "redirect",
      shows: () => "活动记录已删除",
      look: (a) => [[`/activities/${a.id}`, "不计入统计"]],
      stored: async (ctx, a) => {
        const row = await one(
          ctx.pg`select deleted_at is not null as deleted from activities where id = ${a.id}`,
        );
        expect(row.deleted).toBe(true);
      },
      audit: { action: "activity.delete", entity: "activity" },
    },
  },
};
