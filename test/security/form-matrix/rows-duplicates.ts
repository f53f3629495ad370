// Form matrix rows for the duplicate review list (issue 16): a planner merges a pair written in two spellings, or marks
// a pair as two people. Each row registers its own pair through the new-person form, as two stations would, which
// also posts that form's duplicate warning and its "this is another person" box.
import { expect } from "vitest";
import { buildIdNumber } from "~/modules/people/id-number";
import { one } from "./fixtures";
import { type Actor, type Ctx, newKey, type RouteRows } from "./support";

/** Two files of one person, the second in other spellings, registered by the actor; the second only after the warning. */
async function pairInTwoSpellings(ctx: Ctx, actor: Actor, [first, second]: [string, string]) {
  const n = ctx.serial();
  const [village] = await ctx.pg<{ id: number }[]>`
    select id from regions where level = 'village' and code like '540402%' order by code limit 1`;
  const birthDate = `1946-0${1 + (n % 9)}-${String(10 + (n % 18)).padStart(2, "0")}`;
  const register = async (fullName: string, sequence: number, extra: Record<string, string> = {}) =>
    actor.client.post("/people/new", {
      _key: newKey(),
      fullName,
      idNumber: buildIdNumber({ region6: "540402", birthDate, sequence }),
      sex: "female",
      birthDate,
      villageId: String(village.id),
      categories: ["dibao"],
      riskTier: "normal",
      ...extra,
    });
  const names = [`示例·${first}${n}`, `示例·${second}${n}`];
  const seq = 800 + (n % 45) * 2;
  expect((await register(names[0], seq)).status, "the first file is registered").toBe(302);
  const warned = await register(names[1], seq + 100);
  expect(warned.status, "the second waits for the warning").toBe(200);
  expect(await warned.text()).toContain("可能已有此人的档案");
  expect((await register(names[1], seq + 100, { notDuplicate: "1" })).status, "registered once checked").toBe(
    302,
  );
  const ids = await Promise.all(
    names.map(
      async (name) =>
        (await one(ctx.pg<{ id: number }[]>`select id from people where full_name = ${name}`)).id,
    ),
  );
  return { aId: Math.min(...ids), bId: Math.max(...ids), names };
}

export const duplicateRows: Record<string, RouteRows> = {
  "routes/people.duplicates": {
    merge: {
      as: "plannerBayi",
      given: (ctx, actor) => pairInTwoSpellings(ctx, actor, ["次仁卓玛", "才仁卓嘛"]),
      page: () => "/people/duplicates",
      body: (g) => ({
        intent: "merge",
        aId: String(g.aId),
        bId: String(g.bId),
        keepId: String(g.aId),
        reason: "表单矩阵：两站重复登记",
        confirm: "1",
      }),
      answer: "redirect",
      shows: (g) => ["档案已合并", g.names[1]],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select merged_into_id, status from people where id = ${g.bId}`);
        expect(row).toEqual({ merged_into_id: g.aId, status: "exited" });
      },
      audit: { action: "person.merged_into", entity: "person" },
    },
    different: {
      as: "plannerBayi",
      given: (ctx, actor) => pairInTwoSpellings(ctx, actor, ["扎西央金", "札西阳金"]),
      page: () => "/people/duplicates",
      body: (g) => ({
        intent: "different",
        aId: String(g.aId),
        bId: String(g.bId),
        reason: "表单矩阵：姐妹",
      }),
      answer: "redirect",
      shows: () => "已标记为不同的人",
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select count(*)::int as n from person_pair_decisions
                 where low_person_id = ${g.aId} and high_person_id = ${g.bId}`,
        );
        expect(row.n).toBe(1);
      },
      audit: { action: "person.not_duplicate", entity: "person" },
    },
  },
};
