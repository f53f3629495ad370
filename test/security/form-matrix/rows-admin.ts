// Form matrix rows for the administrator: creating and editing users, the security buttons, the reminder outbox.
import { expect } from "vitest";
import { roleAccounts } from "../support";
import { failedReminders, one, spareUser } from "./fixtures";
import type { RouteRows } from "./support";

export const adminRows: Record<string, RouteRows> = {
  "routes/admin.users.new": {
    "(form)": {
      as: "admin",
      given: async (ctx) => ({
        email: `matrix.new.${ctx.serial()}@bureau.example.cn`,
        facility: (
          await one(
            ctx.pg<
              { id: number }[]
            >`select facility_id as id from users where email = ${roleAccounts.stationBaiba}`,
          )
        ).id,
      }),
      page: () => "/admin/users/new",
      body: (g) => ({
        email: g.email,
        name: "示例·矩阵新用户",
        role: "station_staff",
        facilityId: String(g.facility),
      }),
      answer: "ok",
      shows: (g) => [`已创建用户 ${g.email}`, "临时密码"],
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select role, must_change_password as must from users where email = ${g.email}`,
        );
        expect(row).toEqual({ role: "station_staff", must: true });
      },
      audit: { action: "create", entity: "user" },
    },
  },

  "routes/admin.users.$id": {
    save: {
      as: "admin",
      given: async (ctx) => {
        const u = await spareUser(ctx);
        const facility = await one(
          ctx.pg<{ id: number }[]>`select facility_id as id from users where id = ${u.userId}`,
        );
        return { id: u.userId, email: u.email, facility: facility.id };
      },
      page: (u) => `/admin/users/${u.id}`,
      body: (u) => ({
        email: u.email,
        name: "示例·矩阵改名",
        phone: "13900000077",
        role: "station_staff",
        facilityId: String(u.facility),
        isStationHead: "on",
      }),
      answer: "ok",
      shows: () => "已保存",
      stored: async (ctx, u) => {
        const row = await one(ctx.pg`select name, is_station_head as head from users where id = ${u.id}`);
        expect(row).toEqual({ name: "示例·矩阵改名", head: true });
      },
      audit: { action: "update", entity: "user" },
    },
    disable: {
      as: "admin",
      given: async (ctx) => {
        const u = await spareUser(ctx);
        return { id: u.userId, client: u.client };
      },
      page: (u) => `/admin/users/${u.id}`,
      body: () => ({ intent: "disable" }),
      answer: "ok",
      shows: () => "账户已停用，会话已结束",
      stored: async (ctx, u) => {
        const row = await one(
          ctx.pg`select disabled_at is not null as disabled from users where id = ${u.id}`,
        );
        expect(row.disabled).toBe(true);
        expect((await u.client.get("/account")).status, "signed out at once").toBe(302);
      },
      audit: { action: "disable", entity: "user" },
    },
    enable: {
      as: "admin",
      given: async (ctx) => ({ id: (await spareUser(ctx, { disabled: true })).userId }),
      page: (u) => `/admin/users/${u.id}`,
      body: () => ({ intent: "enable" }),
      answer: "ok",
      shows: () => "账户已启用",
      stored: async (ctx, u) => {
        const row = await one(ctx.pg`select disabled_at is null as enabled from users where id = ${u.id}`);
        expect(row.enabled).toBe(true);
      },
      audit: { action: "enable", entity: "user" },
    },
    end_sessions: {
      as: "admin",
      given: async (ctx) => {
        const u = await spareUser(ctx);
        return { id: u.userId, client: u.client };
      },
      page: (u) => `/admin/users/${u.id}`,
      body: () => ({ intent: "end_sessions" }),
      answer: "ok",
      shows: () => "已结束该用户的全部会话",
      stored: async (ctx, u) => {
        const row = await one(ctx.pg`select count(*)::int as n from sessions where user_id = ${u.id}`);
        expect(row.n).toBe(0);
        expect((await u.client.get("/account")).status, "signed out at once").toBe(302);
      },
      audit: { action: "end_sessions", entity: "user" },
    },
    reset_two_factor: {
      as: "admin",
      given: async (ctx) => ({ id: (await ctx.freshAccount({ totp: true })).userId }),
      page: (u) => `/admin/users/${u.id}`,
      body: () => ({ intent: "reset_two_factor" }),
      answer: "ok",
      shows: () => "二次验证已重置",
      stored: async (ctx, u) => {
        const row = await one(
          ctx.pg`select totp_enabled_at is null as "off", (select count(*)::int from recovery_codes r where r.user_id = u.id) as codes
          from users u where id = ${u.id}`,
        );
        expect(row).toEqual({ off: true, codes: 0 });
      },
      audit: { action: "reset_two_factor", entity: "user" },
    },
    reset_password: {
      as: "admin",
      given: async (ctx) => ({ id: (await spareUser(ctx)).userId }),
      page: (u) => `/admin/users/${u.id}`,
      body: () => ({ intent: "reset_password" }),
      answer: "ok",
      shows: () => ["密码已重置", "临时密码"],
      stored: async (ctx, u) => {
        const row = await one(ctx.pg`select must_change_password as must from users where id = ${u.id}`);
        expect(row.must).toBe(true);
      },
      audit: { action: "reset_password", entity: "user" },
    },
    add_role: {
      as: "admin",
      given: async (ctx) => {
        const u = await spareUser(ctx);
        const org = await one(
          ctx.pg<{ id: number }[]>`select id from organizations where name = '噶尔县社区服务中心'`,
        );
        return { id: u.userId, org: org.id };
      },
      page: (u) => `/admin/users/${u.id}`,
      body: (u) => ({ intent: "add_role", role: "org_staff", organizationId: String(u.org) }),
      answer: "ok",
      shows: () => ["已添加身份", "噶尔县社区服务中心"],
      stored: async (ctx, u) => {
        const row = await one(
          ctx.pg`select role, organization_id as org from role_assignments where user_id = ${u.id}`,
        );
        expect(row).toEqual({ role: "org_staff", org: u.org });
      },
      audit: { action: "role.add", entity: "user" },
    },
    remove_role: {
      as: "admin",
      given: async (ctx) => {
        const u = await spareUser(ctx);
        const row = await one(
          ctx.pg<{ id: number }[]>`insert into role_assignments (user_id, role, organization_id)
            select ${u.userId}, 'org_staff', id from organizations where name = '噶尔县社区服务中心' returning id`,
        );
        return { id: u.userId, assignment: row.id };
      },
      page: (u) => `/admin/users/${u.id}`,
      body: (u) => ({ intent: "remove_role", assignmentId: String(u.assignment) }),
      answer: "ok",
      shows: () => "已移除该身份",
      stored: async (ctx, u) => {
        const row = await one(
          ctx.pg`select count(*)::int as n from role_assignments where user_id = ${u.id}`,
        );
        expect(row.n).toBe(0);
      },
      audit: { action: "role.remove", entity: "user" },
    },
  },

  "routes/admin.reminders": {
    scan: {
      as: "admin",
      page: () => "/admin/reminders",
      body: () => ({ intent: "scan" }),
      answer: "ok",
      shows: () => /已请求扫描|无法请求扫描/,
      audit: {
        none: "asking the workers to scan now changes no record; what the scan creates is the workers' to log",
      },
    },
    retry: {
      as: "admin",
      given: async (ctx) => ({ ids: await failedReminders(ctx, 1) }),
      page: () => "/admin/reminders",
      body: (g) => ({ intent: "retry", id: String(g.ids[0]) }),
      answer: "ok",
      shows: () => "已重新安排 1 条提醒",
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select status from reminders where id = ${g.ids[0]}`);
        expect(row.status).not.toBe("failed");
      },
      audit: { action: "reminder.retry", entity: "reminder" },
    },
    "retry-all": {
      as: "admin",
      given: async (ctx) => ({ ids: await failedReminders(ctx, 2) }),
      page: () => "/admin/reminders",
      body: () => ({ intent: "retry-all" }),
      answer: "ok",
      shows: () => /已重新安排 \d+ 条提醒/,
      stored: async (ctx, g) => {
        const rows =
          await ctx.pg`select id from reminders where id = any(${g.ids}::int[]) and status = 'failed'`;
        expect(rows).toHaveLength(0);
      },
      audit: { action: "reminder.retry", entity: "reminder" },
    },
  },
};
