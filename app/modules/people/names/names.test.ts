// Tibetan names across spellings: the table, the keys made from it, and the register's search on a real database
// (every spelling of every group, pinyin and initials, Tibetan script, and the plain search unchanged), with the
// plans PostgreSQL makes for it: an index lookup, never a scan of every file.
import { ilike, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { people } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { insertFiles, villagesOfStation } from "~/modules/duplicates/testing.server";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../../test/setup/database";
import { listPeople, registerConditions, registerPage } from "../queries.server";
import { sessionUserFor } from "../testing.server";
import { nameColumns } from "./keys";
import { canonicalPinyinQuery, pinyinOf, variantPinyin } from "./pinyin";
import { refreshNameKeys } from "./refresh.server";
import { nameCondition, nameQueryOf } from "./search.server";
import { nameKey, variantGroups } from "./variants";

describe("the variant table", () => {
  it("has the groups the issue names, each with at least two spellings and the Tibetan word", () => {
    const canonical = variantGroups.map((g) => g.spellings[0]);
    for (const name of ["扎西", "次仁", "卓玛", "多吉", "平措", "索朗", "洛桑", "白玛", "顿珠"])
      expect(canonical).toContain(name);
    for (const g of variantGroups) {
      expect(g.spellings.length, g.spellings[0]).toBeGreaterThanOrEqual(2);
      expect(g.tibetan, g.spellings[0]).toMatch(/^[\u0F00-\u0FFF]+$/u);
    }
  });

  it("puts no spelling in two groups", () => {
    const all = variantGroups.flatMap((g) => g.spellings);
    expect(new Set(all).size).toBe(all.length);
  });

  it("reads no variant's pinyin as another group's canonical pinyin", () => {
    const canonicalPinyin = new Map(variantGroups.map((g) => [pinyinOf(g.spellings[0]), g.spellings[0]]));
    for (const [variant, canonical] of variantPinyin) {
      const other = canonicalPinyin.get(variant);
      expect(other === undefined || pinyinOf(other) === canonical, variant).toBe(true);
    }
  });
});

describe("name keys", () => {
  it("gives every spelling of a group the group's canonical key", () => {
    for (const g of variantGroups)
      for (const spelling of g.spellings) expect(nameKey(spelling), spelling).toBe(g.spellings[0]);
  });

  it("keys whole names syllable by syllable, longest spelling first, without separators", () => {
    expect(nameKey("才仁卓嘛")).toBe("次仁卓玛");
    expect(nameKey("札西·平错")).toBe("扎西平措");
    expect(nameKey("拉毛错")).toBe("拉姆措");
    expect(nameKey("策仁 央宗")).toBe("次仁央宗");
  });

  it("leaves a name without table syllables as written", () => {
    expect(nameKey("王建国")).toBe("王建国");
    expect(nameColumns("王建国").nameSearch.split(" ")).toEqual(["王建国", "wangjianguo", "wjg"]);
  });

  it("stores the name, its key, the pinyin and initials of both and the Tibetan name for search", () => {
    const tokens = nameColumns("才仁卓嘛", "ཚེ་རིང་སྒྲོལ་མ་").nameSearch.split(" ");
    expect(tokens).toEqual(["才仁卓嘛", "次仁卓玛", "cairenzhuoma", "cirenzhuoma", "crzm", "ཚེ་རིང་སྒྲོལ་མ"]);
  });

  it("reads the pinyin of a variant spelling as the canonical one's", () => {
    expect(canonicalPinyinQuery("cairenzhuoma")).toBe("cirenzhuoma");
    expect(canonicalPinyinQuery("suonan")).toBe("suolang");
  });
});

useTestDatabase({ template: "demo" });

describe("the register's name search", () => {
  let planner: SessionUser;
  const byGroup = new Map<string, { id: number; name: string }[]>();
  const named = new Map<string, number>();

  beforeAll(async () => {
    planner = await sessionUserFor("planner.bayi@demo.local");
    const staff = await sessionUserFor("station.baiba@demo.local");
    const stationId = (staff.scope as { facilityId: number }).facilityId;
    const [villageId] = await villagesOfStation(db, stationId);
    // One file per spelling of every group, each alone as its name (the demo's names all start with 示例).
    const files = variantGroups.flatMap((g) => g.spellings.map((s) => ({ group: g.spellings[0], name: s })));
    const extra = ["才仁卓嘛", "次仁卓玛", "王建国", "王建军", "索南多杰"];
    const ids = await insertFiles(
      db,
      [...files.map((f) => f.name), ...extra].map((fullName, i) => ({
        fullName,
        sex: i % 2 ? ("female" as const) : ("male" as const),
        birthDate: `19${40 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
        villageId,
        stationId,
        nameBo: fullName === "次仁卓玛" ? "ཚེ་རིང་སྒྲོལ་མ།" : null,
      })),
    );
    files.forEach((f, i) => {
      byGroup.set(f.group, [...(byGroup.get(f.group) ?? []), { id: ids[i], name: f.name }]);
    });
    extra.forEach((name, i) => {
      named.set(name, ids[files.length + i]);
    });
  });

  async function search(q: string) {
    const { rows } = await listPeople({ user: planner, filters: { q, status: "all" }, pageSize: 2000 });
    return rows;
  }

  it("finds every spelling of each group from each of its spellings, and says which matched through a variant", async () => {
    expect(byGroup.size).toBe(variantGroups.length);
    for (const [group, files] of byGroup) {
      for (const { name: q } of files) {
        const rows = await search(q);
        const found = new Map(rows.map((r) => [r.id, r]));
        for (const f of files) {
          expect(found.has(f.id), `${q} finds ${f.name} (group ${group})`).toBe(true);
          expect(found.get(f.id)!.viaVariant, `${f.name} for ${q}`).toBe(!f.name.includes(q));
        }
      }
    }
  });

  it("finds a whole name in any spelling: 才仁卓玛 finds 次仁卓嘛 and 次仁卓玛", async () => {
    const ids = (await search("才仁卓玛")).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([named.get("才仁卓嘛"), named.get("次仁卓玛")]));
  });

  it("finds by pinyin, by the pinyin of another spelling and by initials", async () => {
    const want = [named.get("才仁卓嘛"), named.get("次仁卓玛")];
    for (const q of ["cirenzhuoma", "cairenzhuoma", "Ci Ren Zhuo Ma", "crzm"])
      expect(
        (await search(q)).map((r) => r.id),
        q,
      ).toEqual(expect.arrayContaining(want));
    const zhaxi = byGroup.get("扎西")!.map((f) => f.id);
    expect((await search("zhaxi")).map((r) => r.id)).toEqual(expect.arrayContaining(zhaxi));
    const sn = await search("snd");
    expect(sn.map((r) => r.fullName)).toContain("索南多杰");
    expect(sn.find((r) => r.fullName === "索南多杰")!.viaVariant).toBe(false);
    const sl = await search("suolangduoji");
    expect(sl.find((r) => r.fullName === "索南多杰")?.viaVariant).toBe(true);
  });

  it("finds by the Tibetan-script name, with or without the closing shad", async () => {
    for (const q of ["ཚེ་རིང་སྒྲོལ་མ།", "ཚེ་རིང", "སྒྲོལ་མ་"])
      expect(
        (await search(q)).map((r) => r.id),
        q,
      ).toContain(named.get("次仁卓玛"));
  });

  it("searches a name without table syllables exactly as before", async () => {
    const query = nameQueryOf("王建");
    expect(query.kind).toBe("plain");
    const dialect = new PgDialect();
    expect(dialect.sqlToQuery(nameCondition(query))).toEqual(
      dialect.sqlToQuery(ilike(people.fullName, "%王建%")),
    );
    const names = (await search("王建")).map((r) => r.fullName).sort();
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people where full_name ilike '%王建%'`,
    );
    expect(names).toEqual(["王建军", "王建国"]);
    expect(n).toBe(2);
    expect((await search("王建")).every((r) => !r.viaVariant)).toBe(true);
  });

  it("keys the files never keyed, and does nothing at the next start", async () => {
    await db.execute(
      sql`update people set name_key = '', name_search = '' where id = ${named.get("才仁卓嘛")!}`,
    );
    await db.execute(sql`delete from app_meta where key = 'name_keys_version'`);
    expect(await refreshNameKeys(db)).toBeGreaterThan(0);
    const [row] = await queryRows<{ name_key: string }>(
      db,
      sql`select name_key from people where id = ${named.get("才仁卓嘛")!}`,
    );
    expect(row.name_key).toBe("次仁卓玛");
    expect(await refreshNameKeys(db)).toBe(0);
  });
});

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; Plans?: PlanNode[] };

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe("the plans of the name search", () => {
  /** The plan with sequential scans priced out: a condition no index can serve still scans, so this can fail. */
  async function planOf(query: SQL): Promise<PlanNode[]> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const [row] = await queryRows<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
        tx,
        sql`explain (format json) ${query}`,
      );
      return nodes(row["QUERY PLAN"][0].Plan);
    });
  }

  const peopleScans = (plan: PlanNode[]) =>
    plan.filter((n) => n["Relation Name"] === "people" || n["Index Name"]?.startsWith("people_"));

  it("looks a variant, pinyin or Tibetan query up in the name_search trigram index", async () => {
    for (const q of ["才仁卓玛", "cairenzhuoma", "crzm", "ཚེ་རིང"]) {
      const plan = await planOf(
        sql`select ${people.id} from ${people} where ${nameCondition(nameQueryOf(q))}`,
      );
      const used = peopleScans(plan).map((n) => `${n["Node Type"]}:${n["Index Name"] ?? ""}`);
      expect(used, q).toContain("Bitmap Index Scan:people_name_search_trgm_idx");
      expect(
        used.some((u) => u.startsWith("Seq Scan")),
        q,
      ).toBe(false);
    }
  });

  it("keeps the plain search on the full-name trigram index", async () => {
    const plan = await planOf(
      sql`select ${people.id} from ${people} where ${nameCondition(nameQueryOf("王建国"))}`,
    );
    expect(peopleScans(plan).map((n) => n["Index Name"])).toContain("people_name_trgm_idx");
  });

  it("reads the register page of a county planner's variant search through an index", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const where = registerConditions(planner, { q: "才仁卓玛", status: "active" }, new Date());
    const plan = await planOf(registerPage({ where }).getSQL());
    expect(plan.some((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "people")).toBe(false);
    expect(
      plan
        .map((n) => n["Index Name"])
        .filter(Boolean)
        .join(" "),
    ).toMatch(/people_/);
  });
});
