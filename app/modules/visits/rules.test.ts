// The visiting policy on a database migrated without demo data (as in production): the general rules come with the
// migrations, a region's rule changes the cadence only inside that region, and planners override rules only for
// their own area — through the module and through the rules page's loader and action.
import { isNotNull, isNull, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { people, regions, users, visitRules } from "#db/schema";
import enVisits from "~/locales/en/visitTools.json";
import zhVisits from "~/locales/zh-CN/visitTools.json";
import { cookieFor, postForm } from "~/modules/activities/testing.server";
import type { Message } from "~/modules/kernel/messages";
import type { WriteResult } from "~/modules/kernel/write-result";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { action, loader } from "~/routes/visits.rules";
import { databaseHandle, db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { loaderArgs, testLoadContext } from "../../../test/support/loader-args";
import { defaultVisitRules } from "./rules";
import {
  deleteVisitRule,
  intervalForPerson,
  intervalsForPeople,
  loadVisitRules,
  saveVisitRule,
} from "./rules.server";

useTestDatabase({ template: "empty" });

const region = new Map<string, number>();
const person = new Map<string, number>();

beforeAll(async () => {
  // code, level, name, parent's name
  const rows: [
    string,
    "province" | "prefecture" | "county" | "township" | "village",
    string,
    string | null,
  ][] = [
    ["540000000000", "province", "西藏自治区", null],
    ["540400000000", "prefecture", "林芝市", "西藏自治区"],
    ["540402000000", "county", "巴宜区", "林芝市"],
    ["540402101000", "township", "百巴镇", "巴宜区"],
    ["540402101001", "village", "百巴村", "百巴镇"],
    ["542500000000", "prefecture", "阿里地区", "西藏自治区"],
    ["542521000000", "county", "普兰县", "阿里地区"],
    ["542521100000", "township", "普兰镇", "普兰县"],
    ["542521100001", "village", "普兰村", "普兰镇"],
    ["542523000000", "county", "噶尔县", "阿里地区"],
    ["542523100000", "township", "狮泉河镇", "噶尔县"],
    ["542523100001", "village", "狮泉河村", "狮泉河镇"],
  ];
  for (const [code, level, name, parent] of rows) {
    const [row] = await db
      .insert(regions)
      .values({ code, level, name, parentId: parent === null ? null : region.get(parent) })
      .returning({ id: regions.id });
    region.set(name, row.id);
  }
  await db.insert(users).values([
    { email: "admin@test.local", name: "管理员", passwordHash: "x", role: "admin" },
    {
      email: "planner.bayi@test.local",
      name: "巴宜区规划员",
      passwordHash: "x",
      role: "planner",
      regionId: region.get("巴宜区"),
    },
    {
      email: "planner.ngari@test.local",
      name: "阿里地区规划员",
      passwordHash: "x",
      role: "planner",
      regionId: region.get("阿里地区"),
    },
  ]);
  const files: [key: string, village: string, riskTier: "high" | "key" | "normal"][] = [
    ["bayiHigh", "百巴村", "high"],
    ["bayiKey", "百巴村", "key"],
    ["garHigh", "狮泉河村", "high"],
    ["garKey", "狮泉河村", "key"],
    ["purangKey", "普兰村", "key"],
  ];
  for (const [i, [key, village, riskTier]] of files.entries()) {
    const [row] = await db
      .insert(people)
      .values({
        fullName: `测试${i}`,
        sex: "female",
        birthDate: "1950-01-01",
        // why: the interval does not depend on the ID number; these rows never need to be decrypted.
        idNumberCipher: "v1:test",
        idNumberHash: String(i).padStart(64, "0"),
        idNumberMasked: "5425**********0000",
        villageId: region.get(village)!,
        categories: ["dibao"],
        riskTier,
      })
      .returning({ id: people.id });
    person.set(key, row.id);
  }
});

afterEach(async () => {
  // Each case starts from the policy as migrated: no regional rules, the general ones at their defaults.
  await db.delete(visitRules).where(isNotNull(visitRules.regionId));
  for (const r of defaultVisitRules)
    await db
      .update(visitRules)
      .set({ intervalDays: r.intervalDays })
      .where(
        sql`${visitRules.regionId} is null and coalesce(${visitRules.category}, '') = ${r.category ?? ""}
            and coalesce(${visitRules.riskTier}, '') = ${r.riskTier ?? ""}`,
      );
});

const interval = (key: string) => intervalForPerson(db, person.get(key)!);

async function save(email: string, regionName: string | null, subject: string, intervalDays: number) {
  const user = await sessionUserFor(email);
  return saveVisitRule({
    user,
    actor: actorOf(user),
    input: { regionId: regionName === null ? null : region.get(regionName)!, subject, intervalDays },
  });
}

/** The id of the rule a save stored; fails the test when it was refused. */
async function saved(result: Promise<WriteResult>): Promise<{ id: number }> {
  const r = await result;
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.value;
}

async function refusal(work: () => Promise<WriteResult>): Promise<Message | null> {
  const result = await work();
  return result.ok ? null : (result.formErrors?.[0] ?? null);
}

describe("the general visiting policy", () => {
  it("is in place on a database migrated without demo data: high-risk weekly, key monthly, others quarterly, and the category rules", async () => {
    const general = (await db.select().from(visitRules).where(isNull(visitRules.regionId))).map((r) => ({
      category: r.category,
      riskTier: r.riskTier,
      intervalDays: r.intervalDays,
    }));
    const order = (r: { category: string | null; riskTier: string | null }) => `${r.category}:${r.riskTier}`;
    expect(general.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
      [...defaultVisitRules].sort((a, b) => order(a).localeCompare(order(b))),
    );
    expect(await interval("garHigh")).toBe(7);
    expect(await interval("garKey")).toBe(30);
  });

  it("keeps high-risk people elsewhere at 7 days when a planner saves one regional rule", async () => {
    await saved(save("planner.bayi@test.local", "巴宜区", "tier:high", 3));
    expect(await loadVisitRules(db)).toHaveLength(defaultVisitRules.length + 1);
    expect(await interval("bayiHigh")).toBe(3);
    expect(await interval("garHigh")).toBe(7);
    expect(await interval("garKey")).toBe(30);
    expect(await interval("bayiKey")).toBe(30);
  });

  it("brings the general rule back in a region when its override is removed", async () => {
    const { id } = await saved(save("planner.bayi@test.local", "巴宜区", "tier:key", 60));
    expect(await interval("bayiKey")).toBe(60);
    const planner = await sessionUserFor("planner.bayi@test.local");
    expect(await deleteVisitRule({ user: planner, actor: actorOf(planner), ruleId: id })).toMatchObject({
      ok: true,
    });
    expect(await interval("bayiKey")).toBe(30);
  });

  it("applies the administrator's change of a general rule everywhere a region has not overridden it", async () => {
    await saved(save("planner.bayi@test.local", "巴宜区", "tier:high", 3));
    await saved(save("admin@test.local", null, "tier:high", 5));
    expect(await interval("garHigh")).toBe(5);
    expect(await interval("bayiHigh")).toBe(3);
  });
});

describe("planners' overrides", () => {
  it("lets a prefecture planner override for the whole prefecture, with a county's own rule winning inside it", async () => {
    await saved(save("planner.ngari@test.local", "阿里地区", "tier:key", 14));
    expect(await interval("garKey")).toBe(14);
    expect(await interval("purangKey")).toBe(14);
    expect(await interval("bayiKey")).toBe(30);
    await saved(save("planner.ngari@test.local", "噶尔县", "tier:key", 21));
    expect(await interval("garKey")).toBe(21);
    expect(await interval("purangKey")).toBe(14);
  });

  it("does not let a county planner change another area's policy or the general one", async () => {
    const { id } = await saved(save("planner.ngari@test.local", "噶尔县", "tier:high", 5));
    const bayi = await sessionUserFor("planner.bayi@test.local");
    expect(await refusal(() => save("planner.bayi@test.local", "阿里地区", "tier:high", 3))).toBe(
      "visitTools:rules.errors.regionOutOfScope",
    );
    expect(await refusal(() => save("planner.bayi@test.local", "林芝市", "tier:high", 3))).toBe(
      "visitTools:rules.errors.regionOutOfScope",
    );
    expect(await refusal(() => save("planner.bayi@test.local", null, "tier:high", 3))).toBe(
      "visitTools:rules.errors.generalAdminOnly",
    );
    expect(await refusal(() => deleteVisitRule({ user: bayi, actor: actorOf(bayi), ruleId: id }))).toBe(
      "visitTools:rules.errors.regionOutOfScope",
    );
    expect(await interval("garHigh")).toBe(5);
    expect(await interval("bayiHigh")).toBe(7);
  });
});

describe("one person's interval", () => {
  it("is the interval the batch answers, with the regional overrides of the village's chain", async () => {
    await saved(save("planner.ngari@test.local", "阿里地区", "tier:key", 14));
    await saved(save("planner.ngari@test.local", "噶尔县", "tier:high", 5));
    const batch = await intervalsForPeople(db, [...person.values()]);
    for (const [key, id] of person) expect([key, await interval(key)]).toEqual([key, batch.get(id)]);
  });

  it("is read in three statements, the rules and the person with the village's code sent together (issue 17)", async () => {
    const options = databaseHandle().sql!.options;
    const before = options.debug;
    const sent: string[] = [];
    // why: postgres.js reports each statement it builds to options.debug; it is read per statement.
    options.debug = (_connection, text) => sent.push(text);
    try {
      expect(await interval("garHigh")).toBe(7);
    } finally {
      options.debug = before;
    }
    expect(sent).toHaveLength(3);
  });
});

describe("the visit rules page", () => {
  /** Whoever holds the cookie saves, on the rules page, a cadence for high-risk people in Ngari (阿里地区). */
  const saveNgariHighTier = (cookie: string, intervalDays: string) =>
    action({
      request: postForm(
        "/visits/rules",
        cookie,
        { intent: "save", regionId: String(region.get("阿里地区")), subject: "tier:high", intervalDays },
        [],
        { multipart: false },
      ),
      params: {},
      context: testLoadContext,
    });

  it("tells a planner who sets the general rules and offers their own prefecture for an override", async () => {
    const cookie = await cookieFor("planner.ngari@test.local");
    const page = await loader(loaderArgs("/visits/rules", cookie));
    expect(page.canEditGeneral).toBe(false);
    expect(page.ownRegion).toBe("阿里地区");
    expect(page.regions.map((r) => r.name)).toEqual(["阿里地区", "普兰县", "普兰镇", "噶尔县", "狮泉河镇"]);
    const general = page.rules.filter((r) => r.regionId === null);
    expect(general).toHaveLength(defaultVisitRules.length);
    expect(general.every((r) => !r.editable)).toBe(true);
    // The explanation the page shows a planner, in both languages, names their area.
    expect(zhVisits.rules.whoEdits.planner).toContain("{{region}}");
    expect(zhVisits.rules.whoEdits.planner).toContain("系统管理员");
    expect(enVisits.rules.whoEdits.planner).toContain("{{region}}");
    expect(enVisits.rules.whoEdits.planner).toContain("system administrator");

    const saved = await saveNgariHighTier(cookie, "4");
    expect(saved).toEqual({ errors: null, saved: true });
    expect(await interval("garHigh")).toBe(4);
    expect(await interval("bayiHigh")).toBe(7);
  });

  it("answers a planner's post for another area with the reason and saves nothing", async () => {
    const cookie = await cookieFor("planner.bayi@test.local");
    const refused = await saveNgariHighTier(cookie, "3");
    expect(refused).toEqual({ errors: ["visitTools:rules.errors.regionOutOfScope"], saved: false });
    expect(await db.select().from(visitRules).where(isNotNull(visitRules.regionId))).toEqual([]);
  });
});
