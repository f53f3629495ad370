// Form matrix rows for households: founding one from a file, adding and removing members, handing the head over, and
// a household visit recording two members' outcomes in one post.
import { parse } from "node-html-parser";
import { expect } from "vitest";
import { roleAccounts } from "../support";
import { one } from "./fixtures";
import type { Actor, Ctx, RouteRows } from "./support";

/** A Baiba adult in no household that no other row has taken; `village` to find one in a household's village. */
async function loneAdult(ctx: Ctx, village?: number) {
  const p = await one(
    ctx.pg<{ id: number; village: number }[]>`
      select p.id, p.village_id as village from people p join users u on u.facility_id = p.station_id
      where u.email = ${roleAccounts.stationBaiba} and p.status = 'active'
        and p.birth_date < current_date - interval '18 years'
        and not exists (select 1 from household_members m where m.person_id = p.id)
        and (${village ?? null}::int is null or p.village_id = ${village ?? null}::int)
        and p.id <> all(${ctx.taken("person")}::int[])
      order by p.id limit 1`,
  );
  ctx.take("person", p.id);
  return p;
}

/**
 * A demo household of Baiba's villages no other row has taken, with at least `adults` adult members, and with a lone
 * adult of its village to join when `joinable`.
 */
async function baibaHousehold(ctx: Ctx, { adults = 1, joinable = false } = {}) {
  const h = await one(
    ctx.pg<{ id: number; village: number; number: string }[]>`
      select h.id, h.village_id as village, h.number from households h join regions v on v.id = h.village_id
      where v.code like '540402101%' and h.id <> all(${ctx.taken("household")}::int[])
        and not exists (select 1 from household_members m where m.household_id = h.id
          and m.person_id = any(${ctx.taken("person")}::int[]))
        and (select count(*) from household_members m join people p on p.id = m.person_id
             where m.household_id = h.id and p.birth_date < current_date - interval '18 years') >= ${adults}
        and (not ${joinable} or exists (select 1 from people p where p.village_id = h.village_id and p.status = 'active'
             and p.birth_date < current_date - interval '18 years'
             and not exists (select 1 from household_members m where m.person_id = p.id)
             and p.id <> all(${ctx.taken("person")}::int[])))
      order by h.id limit 1`,
  );
  ctx.take("household", h.id);
  // Its members are this row's: no other row records their visits or changes their files.
  for (const m of await ctx.pg<
    { id: number }[]
  >`select person_id as id from household_members where household_id = ${h.id}`)
    ctx.take("person", m.id);
  return h;
}

/** An adult member other than the head. */
const adultMember = (ctx: Ctx, household: number) =>
  one(
    ctx.pg<{ id: number; name: string }[]>`
      select p.id, p.full_name as name from household_members m join people p on p.id = m.person_id
      where m.household_id = ${household} and m.relation <> 'head'
        and p.birth_date < current_date - interval '18 years' order by p.id limit 1`,
  );

/** The visit form's members as the page lists them: index, visit and version. */
async function visitFormMembers(actor: Actor, household: number) {
  const html = await (await actor.client.get(`/households/${household}/visit`)).text();
  const value = (name: string) =>
    parse(html).querySelector(`input[name="${name}"]`)?.getAttribute("value") ?? null;
  const members: { index: number; visitId: string; version: string }[] = [];
  for (let i = 0; value(`members[${i}].visitId`); i++)
    members.push({
      index: i,
      visitId: value(`members[${i}].visitId`)!,
      version: value(`members[${i}].baseVersion`)!,
    });
  return members;
}

export const householdRows: Record<string, RouteRows> = {
  "routes/households.new": {
    "(form)": {
      as: "stationBaiba",
      given: async (ctx) => ({ person: await loneAdult(ctx), number: `矩阵-${ctx.serial()}` }),
      page: (g) => `/households/new?person=${g.person.id}`,
      to: () => "/households/new",
      body: (g) => ({ personId: String(g.person.id), number: g.number, address: "表单矩阵村 8 号" }),
      answer: "redirect",
      shows: (g) => ["家庭户已建立", g.number],
      look: (g) => [[`/people/${g.person.id}`, g.number]],
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select m.relation, h.village_id as village, h.address from household_members m
            join households h on h.id = m.household_id where m.person_id = ${g.person.id}`,
        );
        expect(row).toEqual({ relation: "head", village: g.person.village, address: "表单矩阵村 8 号" });
      },
      audit: { action: "household.create", entity: "household" },
    },
  },

  "routes/households.$id": {
    add_member: {
      as: "stationBaiba",
      given: async (ctx) => {
        const household = await baibaHousehold(ctx, { joinable: true });
        return { household, person: await loneAdult(ctx, household.village) };
      },
      page: (g) => `/households/${g.household.id}`,
      body: (g) => ({ intent: "add_member", personId: String(g.person.id), relation: "sibling" }),
      answer: "ok",
      shows: () => "已添加家庭成员",
      look: (g) => [[`/people/${g.person.id}`, g.household.number]],
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select household_id as household, relation from household_members where person_id = ${g.person.id}`,
        );
        expect(row).toEqual({ household: g.household.id, relation: "sibling" });
      },
      audit: { action: "household.add_member", entity: "household" },
    },
    remove_member: {
      as: "stationBaiba",
      given: async (ctx) => {
        const household = await baibaHousehold(ctx, { adults: 2 });
        return { household, member: await adultMember(ctx, household.id) };
      },
      page: (g) => `/households/${g.household.id}`,
      body: (g) => ({ intent: "remove_member", personId: String(g.member.id) }),
      answer: "ok",
      shows: () => "已移出家庭成员",
      look: (g) => [[`/people/${g.member.id}`, "尚未登记家庭户"]],
      stored: async (ctx, g) => {
        const rows = await ctx.pg`select 1 from household_members where person_id = ${g.member.id}`;
        expect(rows).toHaveLength(0);
      },
      audit: { action: "household.remove_member", entity: "household" },
    },
    set_head: {
      as: "stationBaiba",
      given: async (ctx) => {
        const household = await baibaHousehold(ctx, { adults: 2 });
        return { household, member: await adultMember(ctx, household.id) };
      },
      page: (g) => `/households/${g.household.id}`,
      body: (g) => ({ intent: "set_head", personId: String(g.member.id), formerHeadRelation: "spouse" }),
      answer: "ok",
      shows: () => "户主已变更",
      stored: async (ctx, g) => {
        const rows = await ctx.pg<{ id: number; relation: string }[]>`
          select person_id as id, relation from household_members where household_id = ${g.household.id}
            and relation in ('head', 'spouse') order by relation`;
        expect(rows.find((r) => r.relation === "head")?.id).toBe(g.member.id);
        expect(rows.filter((r) => r.relation === "spouse").length).toBeGreaterThanOrEqual(1);
      },
      audit: { action: "household.set_head", entity: "household" },
    },
  },

  "routes/households_.$id.visit": {
    "(form)": {
      as: "stationBaiba",
      given: async (ctx, actor) => {
        const household = await baibaHousehold(ctx, { adults: 2 });
        const members = (await visitFormMembers(actor, household.id)).slice(0, 2);
        expect(members, "two members with open visits on the form").toHaveLength(2);
        for (const m of members) ctx.take("visit", Number(m.visitId));
        return { household, members };
      },
      page: (g) => `/households/${g.household.id}/visit`,
      body: (g, ctx) => {
        const [a, b] = g.members;
        return {
          visitedOn: ctx.today,
          [`members[${a.index}].visitId`]: a.visitId,
          [`members[${a.index}].baseVersion`]: a.version,
          [`members[${a.index}].outcome`]: "visited",
          [`members[${a.index}].notes`]: "表单矩阵：全户走访",
          [`members[${b.index}].visitId`]: b.visitId,
          [`members[${b.index}].baseVersion`]: b.version,
          [`members[${b.index}].outcome`]: "not_home",
        };
      },
      answer: "redirect",
      shows: () => "已记录 2 人的走访结果",
      look: (g) => [[`/visits/${g.members[0].visitId}`, "表单矩阵：全户走访"]],
      stored: async (ctx, g) => {
        const rows = await ctx.pg<{ outcome: string }[]>`
          select outcome from visits where id in ${ctx.pg(g.members.map((m: { visitId: string }) => Number(m.visitId)))}
            and status <> 'scheduled' order by id`;
        expect(rows.map((r) => r.outcome).sort()).toEqual(["not_home", "visited"]);
      },
      audit: { action: "household.visit", entity: "household" },
    },
  },
};
