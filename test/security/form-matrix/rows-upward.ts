// Form matrix rows for issue 15's reminders to the right group: setting a region's or station's group robot,
// removing it, and sending it a test message (to a local robot on a real socket: the app server allows 127.0.0.1
// through ROBOT_HOSTS for this test only).
import { expect } from "vitest";
import { localRobot } from "../../support/robot";
import { roleAccounts } from "../support";
import { one } from "./fixtures";
import type { Actor, Ctx, RouteRows } from "./support";

/** A facility inside planner.bayi's region that no other row has taken. */
async function bayiFacility(ctx: Ctx): Promise<{ id: number; name: string }> {
  const [f] = await ctx.pg<{ id: number; name: string }[]>`
    select f.id, f.name from facilities f join regions t on t.id = f.township_id
      join users u on u.email = ${roleAccounts.plannerBayi} join regions r on r.id = u.region_id
     where t.code like left(r.code, case r.level when 'prefecture' then 4 when 'county' then 6 else 9 end) || '%'
       and f.id <> all(${ctx.taken("facility")}::int[])
       and not exists (select 1 from group_robots g where g.facility_id = f.id and g.removed_at is null)
     order by f.id desc limit 1`;
  ctx.take("facility", f?.id);
  return f;
}

/** A robot set through the page itself (its address is sealed with the server's key), and its id. */
async function robotThroughPage(ctx: Ctx, actor: Actor, url: string) {
  const facility = await bayiFacility(ctx);
  const res = await actor.client.post("/admin/robots", {
    intent: "save",
    target: `facility:${facility.id}`,
    kind: "wecom",
    url,
    secret: "",
    _key: crypto.randomUUID(),
  });
  expect(res.status, "the robot is set through the page").toBe(200);
  const robot = await one(
    ctx.pg<
      { id: number }[]
    >`select id from group_robots where facility_id = ${facility.id} and removed_at is null`,
  );
  return { facility, id: robot.id };
}

export const upwardRows: Record<string, RouteRows> = {
  "routes/admin.robots": {
    save: {
      as: "plannerBayi",
      given: async (ctx) => bayiFacility(ctx),
      page: () => "/admin/robots",
      body: (f) => ({
        intent: "save",
        target: `facility:${f.id}`,
        kind: "dingtalk",
        url: "http://127.0.0.1:9/robot/send?access_token=matrix-save",
        secret: "SECmatrixsecret",
      }),
      answer: "ok",
      shows: () => "群机器人已保存",
      look: () => [["/admin/robots", "127.0.0.1:9 …save"]],
      stored: async (ctx, f) => {
        const row = await one(
          ctx.pg`select kind, url_hint as hint, url_sealed as sealed, secret_sealed is not null as signed
                   from group_robots where facility_id = ${f.id} and removed_at is null`,
        );
        expect(row).toMatchObject({ kind: "dingtalk", hint: "127.0.0.1:9 …save", signed: true });
        expect(row.sealed, "the address is sealed, not stored as typed").not.toContain("matrix-save");
      },
      audit: { action: "robot.create", entity: "group_robot" },
    },
    remove: {
      as: "plannerBayi",
      given: async (ctx, actor) =>
        robotThroughPage(ctx, actor, "http://127.0.0.1:9/cgi-bin/webhook/send?key=matrix-rm"),
      page: () => "/admin/robots",
      body: (g) => ({ intent: "remove", id: String(g.id) }),
      answer: "ok",
      shows: () => "群机器人已移除",
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select removed_at is not null as removed from group_robots where id = ${g.id}`,
        );
        expect(row.removed).toBe(true);
      },
      audit: { action: "robot.remove", entity: "group_robot" },
    },
    test: {
      as: "plannerBayi",
      given: async (ctx, actor) => {
        const robot = await localRobot();
        return { ...(await robotThroughPage(ctx, actor, robot.webhookUrl("matrix-test"))), robot };
      },
      page: () => "/admin/robots",
      body: (g) => ({ intent: "test", id: String(g.id) }),
      answer: "ok",
      shows: () => "测试消息已发出",
      stored: async (_ctx, g) => {
        try {
          expect(g.robot.received).toHaveLength(1);
          expect(JSON.parse(g.robot.received[0].body).text.content).toContain("测试消息");
        } finally {
          await g.robot.close();
        }
      },
      audit: { action: "robot.test", entity: "group_robot" },
    },
  },
};
