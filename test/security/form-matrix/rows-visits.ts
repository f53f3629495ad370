// Form matrix rows for visits: one by one, by village, the visiting rules, the calendar feed.
import { expect } from "vitest";
import { roleAccounts } from "../support";
import { bulkVillage, one, openVisit } from "./fixtures";
import type { RouteRows } from "./support";

export const visitRows: Record<string, RouteRows> = {
  "routes/visits.$id": {
    record: {
      as: "stationBaiba",
      given: async (ctx) => openVisit(ctx),
      page: (v) => `/visits/${v.id}`,
      body: (_v, ctx) => ({
        intent: "record",
        outcome: "visited",
        visitedOn: ctx.today,
        notes: "表单矩阵：身体状况良好",
      }),
      answer: "redirect",
      shows: () => ["走访已记录", "表单矩阵：身体状况良好"],
      stored: async (ctx, v) => {
        const row = await one(ctx.pg`select status, outcome from visits where id = ${v.id}`);
        expect(row).toEqual({ status: "completed", outcome: "visited" });
        const next = await one(
          ctx.pg`select count(*)::int as n from visits where person_id = ${v.person.id} and status = 'scheduled' and kind = 'routine'`,
        );
        expect(next.n, "the next routine visit is planned").toBe(1);
      },
      audit: { action: "visit.record", entity: "visit" },
    },
    reschedule: {
      as: "stationBaiba",
      given: async (ctx) => openVisit(ctx),
      page: (v) => `/visits/${v.id}`,
      body: (_v, ctx) => ({ intent: "reschedule", dueOn: ctx.day(13), reason: "表单矩阵：对象外出探亲" }),
      answer: "ok",
      shows: () => "走访日期已调整",
      stored: async (ctx, v) => {
        const row = await one(ctx.pg`select due_on::text as due from visits where id = ${v.id}`);
        expect(row.due).toBe(ctx.day(13));
      },
      audit: { action: "visit.reschedule", entity: "visit" },
    },
    assign: {
      as: "stationBaiba",
      given: async (ctx) => {
        const v = await openVisit(ctx);
        const [colleague] = await ctx.pg<{ id: number; name: string }[]>`
          select c.id, c.name from users c join users u on u.facility_id = c.facility_id
          where u.email = ${roleAccounts.stationBaiba} and c.disabled_at is null and c.email not like 'matrix.%'
            and c.id is distinct from ${v.assignee} order by c.id limit 1`;
        return { ...v, colleague };
      },
      page: (v) => `/visits/${v.id}`,
      body: (v) => ({ intent: "assign", assignedUserId: String(v.colleague.id) }),
      answer: "ok",
      shows: () => "已分配给同事",
      stored: async (ctx, v) => {
        const row = await one(ctx.pg`select assigned_user_id as who from visits where id = ${v.id}`);
        expect(row.who).toBe(v.colleague.id);
      },
      audit: { action: "visit.assign", entity: "visit" },
    },
  },

  "routes/visits.bulk": {
    "(form)": {
      as: "stationBaiba",
      given: async (ctx) => {
        const village = await bulkVillage(ctx);
        const people = await ctx.pg<
          { id: number }[]
        >`select id from people where village_id = ${village} and status = 'active'`;
        for (const p of people) ctx.take("person", p.id);
        return { village, people: people.map((p) => p.id) };
      },
      page: () => "/visits/bulk",
      body: (g, ctx) => ({ villageId: String(g.village), dueOn: ctx.day(17) }),
      answer: "ok",
      shows: () => /已安排：调整 \d+ 条，新建 \d+ 条/,
      stored: async (ctx, g) => {
        const rows = await ctx.pg<{ due: string }[]>`
          select due_on::text as due from visits
          where person_id = any(${g.people}::int[]) and status = 'scheduled' and kind = 'routine'`;
        expect(rows.map((r) => r.due)).toEqual(g.people.map(() => ctx.day(17)));
      },
      audit: { action: "visit.bulk_schedule", entity: "region" },
    },
  },

  "routes/visits.rules": {
    save: {
      as: "plannerBayi",
      given: async (ctx) => one(ctx.pg<{ id: number }[]>`select id from regions where code = '540402000000'`),
      page: () => "/visits/rules",
      body: (region) => ({
        intent: "save",
        regionId: String(region.id),
        subject: "category:tekun_dispersed",
        intervalDays: "21",
        note: "表单矩阵：巴宜区分散特困供养每三周一次",
      }),
      answer: "ok",
      shows: () => ["规则已保存", "表单矩阵：巴宜区分散特困供养每三周一次"],
      stored: async (ctx, region) => {
        const row = await one(
          ctx.pg`select interval_days as days from visit_rules where region_id = ${region.id} and category = 'tekun_dispersed'`,
        );
        expect(row.days).toBe(21);
      },
      audit: { action: "visit_rule.save", entity: "visit_rule" },
    },
    delete: {
      as: "plannerBayi",
      given: async (ctx) => {
        const [rule] = await ctx.pg<{ id: number }[]>`
          insert into visit_rules (region_id, category, interval_days, note)
          select id, 'orphan', 14, '表单矩阵：待删除的区域规则' from regions where code = '540402000000'
          returning id`;
        return rule;
      },
      page: () => "/visits/rules",
      body: (rule) => ({ intent: "delete", ruleId: String(rule.id) }),
      answer: "ok",
      stored: async (ctx, rule) => {
        const rows = await ctx.pg`select id from visit_rules where id = ${rule.id}`;
        expect(rows).toHaveLength(0);
      },
      audit: { action: "visit_rule.delete", entity: "visit_rule" },
    },
  },

  "routes/settings.calendar": {
    enable: {
      as: (ctx) => ctx.freshAccount(),
      given: async (_ctx, actor) => ({ userId: actor.userId }),
      page: () => "/settings/calendar",
      body: () => ({ intent: "enable" }),
      answer: "ok",
      shows: () => [/\/api\/visits\.ics\?token=/, "已开启"],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select calendar_token_hash as hash from users where id = ${g.userId}`);
        expect(row.hash).not.toBeNull();
      },
      audit: { action: "calendar_feed.enable", entity: "user" },
    },
    revoke: {
      as: (ctx) => ctx.freshAccount(),
      given: async (_ctx, actor) => {
        expect((await actor.client.post("/settings/calendar", { intent: "enable" })).status).toBe(200);
        return { userId: actor.userId };
      },
      page: () => "/settings/calendar",
      body: () => ({ intent: "revoke" }),
      answer: "ok",
      shows: () => ["已撤销", "未开启"],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select calendar_token_hash as hash from users where id = ${g.userId}`);
        expect(row.hash).toBeNull();
      },
      audit: { action: "calendar_feed.revoke", entity: "user" },
    },
  },
};
