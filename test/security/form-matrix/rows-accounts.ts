// Form matrix rows for one's own account and the shell: signing in and out (with a second factor), the language
// switch, password and second factor, notifications. Rows that change an account work on a fresh one, so the
// matrix identities the other rows sign in as stay as they are.
import { expect } from "vitest";
import { HttpClient } from "../../support/http";
import { one, signingIn } from "./fixtures";
import { type RouteRows, totpCode } from "./support";

export const accountRows: Record<string, RouteRows> = {
  "routes/login": {
    "(form)": {
      as: (ctx) => signingIn(ctx, false),
      given: async (_ctx, actor) => ({ email: actor.email }),
      page: () => "/login",
      body: (g) => ({ email: g.email, password: "demo12345", redirectTo: "/account" }),
      answer: "redirect",
      shows: (g) => g.email,
      audit: { action: "sign_in", entity: "user" },
    },
  },

  "routes/login_.verify": {
    "(form)": {
      as: (ctx) => signingIn(ctx, true),
      given: async (_ctx, actor) => {
        const first = await actor.client.post("/login", { email: actor.email, password: "demo12345" });
        expect(first.headers.get("location"), "the password step leads to the second factor").toBe(
          "/login/verify",
        );
        return { email: actor.email, secret: (actor as { secret?: string }).secret! };
      },
      page: () => "/login/verify",
      body: async (g) => ({ code: await totpCode(g.secret) }),
      answer: "redirect",
      shows: (g) => g.email,
      audit: { action: "sign_in", entity: "user" },
    },
  },

  "routes/logout": {
    "(form)": {
      as: (ctx) => ctx.freshAccount(),
      given: async (_ctx, actor) => ({ userId: actor.userId }),
      page: () => "/account",
      to: () => "/logout",
      body: () => ({}),
      answer: "redirect",
      shows: () => 'name="password"',
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select count(*)::int as n from sessions where user_id = ${g.userId}`);
        expect(row.n, "the session is gone").toBe(0);
      },
      audit: { action: "sign_out", entity: "user" },
    },
  },

  "routes/locale": {
    "(form)": {
      as: (ctx) => ctx.freshAccount(),
      given: async (_ctx, actor) => ({ userId: actor.userId }),
      page: () => "/account",
      to: () => "/locale",
      body: () => ({ locale: "en", redirectTo: "/account" }),
      answer: "redirect",
      shows: () => ['lang="en"', "My account"],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select locale from users where id = ${g.userId}`);
        expect(row.locale).toBe("en");
      },
      audit: {
        none: "the interface language is the user's own display preference, not a change to any record",
      },
    },
  },

  "routes/account.act-as": {
    "(form)": {
      // The demo's account with two roles (station staff of 狮泉河镇, organization staff of 噶尔县社区服务中心), in a
      // session of its own: the switch changes only that session.
      as: async (ctx) => {
        const email = "worker.gar@demo.local";
        const client = new HttpClient(ctx.baseUrl);
        await client.signIn(email);
        const row = await one(ctx.pg<{ id: number }[]>`select id from users where email = ${email}`);
        return { client, email, userId: row.id };
      },
      given: async (ctx, actor) => {
        const org = await one(ctx.pg<{ id: number }[]>`
          select organization_id as id from role_assignments where user_id = ${actor.userId} and role = 'org_staff'`);
        return { userId: actor.userId, as: `org_staff:${org.id}` };
      },
      page: () => "/",
      to: () => "/account/act-as",
      body: (g) => ({ as: g.as }),
      answer: "redirect",
      // The home of the organization's work: its name in the header, the role in the greeting.
      shows: () => [/data-testid="home-greeting"[^>]*>[^<]*社会组织人员/, "噶尔县社区服务中心"],
      stored: async (ctx, g) => {
        const rows = await ctx.pg<{ acting: string }[]>`
          select data->>'actingAs' as acting from sessions where user_id = ${g.userId}`;
        expect(rows.map((r) => r.acting)).toContain(g.as);
      },
      audit: { action: "act_as", entity: "user" },
    },
  },

  "routes/account.password": {
    "(form)": {
      as: (ctx) => ctx.freshAccount(),
      given: async (ctx, actor) => {
        // The same account signed in elsewhere: changing the password ends that session.
        const elsewhere = new HttpClient(ctx.baseUrl);
        await elsewhere.signIn(actor.email);
        return { userId: actor.userId, elsewhere };
      },
      page: () => "/account/password",
      body: () => ({
        currentPassword: "demo12345",
        newPassword: "雪域高原表单矩阵口令",
        confirmPassword: "雪域高原表单矩阵口令",
      }),
      answer: "redirect",
      shows: () => "密码已修改",
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select password_changed_at > now() - interval '5 minutes' as changed from users where id = ${g.userId}`,
        );
        expect(row.changed).toBe(true);
        expect((await g.elsewhere.get("/account")).status, "the other session ended").toBe(302);
      },
      audit: { action: "change_password", entity: "user" },
    },
  },

  "routes/account.two-factor": {
    enable: {
      as: (ctx) => ctx.freshAccount(),
      given: async (_ctx, actor) => {
        const page = await (await actor.client.get("/account/two-factor")).text();
        return { userId: actor.userId, secret: /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1] };
      },
      page: () => "/account/two-factor",
      body: async (g) => ({ currentPassword: "demo12345", code: await totpCode(g.secret, 0) }),
      answer: "ok",
      shows: () => "请保存备用码",
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select totp_enabled_at is not null as "on" from users where id = ${g.userId}`,
        );
        expect(row.on).toBe(true);
      },
      audit: { action: "enable_two_factor", entity: "user" },
    },
    regenerate_codes: {
      as: (ctx) => ctx.freshAccount({ totp: true }),
      given: async (_ctx, actor) => ({ secret: (actor as { secret?: string }).secret! }),
      page: () => "/account/two-factor",
      body: async (g) => ({
        intent: "regenerate_codes",
        currentPassword: "demo12345",
        code: await totpCode(g.secret),
      }),
      answer: "ok",
      shows: () => "请保存备用码",
      audit: { action: "regenerate_recovery_codes", entity: "user" },
    },
    disable: {
      as: (ctx) => ctx.freshAccount({ totp: true }),
      given: async (_ctx, actor) => ({
        userId: actor.userId,
        secret: (actor as { secret?: string }).secret!,
      }),
      page: () => "/account/two-factor",
      body: async (g) => ({
        intent: "disable",
        currentPassword: "demo12345",
        code: await totpCode(g.secret),
      }),
      answer: "ok",
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select totp_enabled_at is null as "off" from users where id = ${g.userId}`,
        );
        expect(row.off).toBe(true);
      },
      audit: { action: "disable_two_factor", entity: "user" },
    },
  },

  "routes/notifications": {
    read: {
      as: (ctx) => ctx.freshAccount(),
      given: async (ctx, actor) => {
        const rows = await ctx.pg<{ id: number }[]>`
          insert into notifications (user_id, title, body, link)
          values (${actor.userId}, '表单矩阵：走访到期', '一条', '/visits'), (${actor.userId}, '表单矩阵：另一条', '两条', '/visits')
          returning id`;
        return { ids: rows.map((r) => r.id) };
      },
      page: () => "/notifications",
      body: (g) => ({ intent: "read", id: String(g.ids[0]) }),
      answer: "ok",
      shows: () => "1 条未读",
      stored: async (ctx, g) => {
        const rows = await ctx.pg<{ read: boolean }[]>`
          select read_at is not null as read from notifications where id = any(${g.ids}::int[]) order by id`;
        expect(
          rows.map((r) => r.read),
          "only the one marked",
        ).toEqual([true, false]);
      },
      audit: {
        none: "the read state of one's own notifications is a personal view, not a change to any record",
      },
    },
    "read-all": {
      as: (ctx) => ctx.freshAccount(),
      given: async (ctx, actor) => {
        const rows = await ctx.pg<{ id: number }[]>`
          insert into notifications (user_id, title, body, link)
          values (${actor.userId}, '表单矩阵：走访到期', '一条', '/visits'), (${actor.userId}, '表单矩阵：另一条', '两条', '/visits')
          returning id`;
        return { ids: rows.map((r) => r.id) };
      },
      page: () => "/notifications",
      body: () => ({ intent: "read-all" }),
      answer: "ok",
      shows: () => "全部已读",
      stored: async (ctx, g) => {
        const rows =
          await ctx.pg`select id from notifications where id = any(${g.ids}::int[]) and read_at is null`;
        expect(rows).toHaveLength(0);
      },
      audit: {
        none: "the read state of one's own notifications is a personal view, not a change to any record",
      },
    },
  },
};
