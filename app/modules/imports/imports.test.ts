import { count, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, regions } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { parseRegionCsv } from "./parse";
import { runRegionImport } from "./regions.server";

useTestDatabase({ template: "demo" });

const admin: SessionUser = {
  id: 1,
  email: "admin@demo.local",
  name: "admin",
  role: "admin",
  locale: "zh-CN",
  isStationHead: false,
  scope: { kind: "all" },
  sessionId: "s",
  pending: [],
  totpEnabled: false,
  glassPersonIds: [],
};
const bayiPlanner: SessionUser = {
  ...admin,
  role: "planner",
  scope: {
    kind: "region",
    regionId: 0,
    regionCode: "540402000000",
    regionName: "巴宜区",
    codePrefix: "540402",
  },
};
const actor = { actorUserId: null, ip: null, requestId: null };
const run = (text: string, opts: { commit?: boolean; user?: SessionUser; datum?: "wgs84" | "gcj02" } = {}) =>
  runRegionImport({
    user: opts.user ?? admin,
    actor,
    kind: "regions",
    text,
    datum: opts.datum ?? "wgs84",
    commit: opts.commit ?? true,
  });

const regionCount = async (prefix: string) =>
  (
    await db
      .select({ n: count() })
      .from(regions)
      .where(like(regions.code, `${prefix}%`))
  )[0].n;

describe("regions CSV import", () => {
  it("reports each kind of bad row with its line number and writes nothing", async () => {
    const before = await regionCount("5404");
    const text = [
      "code,name,parent_code,lat,lng,population",
      "540402101901,新村一,540402101000,29.70,94.40,120", // 2: fine
      "540402101901,新村一重复,540402101000,,,", // 3: duplicate code
      "540402999901,无上级村,540402999000,,,", // 4: unknown parent
      "540402101902,坐标错村,540402101000,29.70,,", // 5: bad coordinate (lng missing)
      "540402101903,境外村,540402101000,48.85,2.35,", // 6: outside China
      "54040210190X,坏编码,540402101000,,,", // 7: bad code
      "540402101904,,540402101000,,,", // 8: missing name
      "540402101905,人口错村,540402101000,,,-3", // 9: bad population
      "540402101906,错上级村,542523100000,,,", // 10: parent not above the code
    ].join("\n");
    const report = await run(text);
    expect(report.committed).toBe(false);
    expect(report.problems.map((p) => [p.line, p.error])).toEqual([
      [3, "problems.duplicateCode"],
      [4, "problems.unknownParent"],
      [5, "problems.badCoordinate"],
      [6, "problems.coordinateOutsideChina"],
      [7, "problems.badCode"],
      [8, "problems.missingName"],
      [9, "problems.badPopulation"],
      [10, "problems.parentMismatch"],
    ]);
    expect(await regionCount("5404")).toBe(before);
  });

  it("imports a good file with several levels in any order, then re-importing it changes nothing", async () => {
    const text = [
      "code,name,parent_code,lat,lng,population",
      "540402901201,新建村,540402901000,29.61,94.45,300", // child before its parent
      "540402901000,新建乡,540402000000,29.60,94.44,",
      "540402901202,无坐标村,540402901000,,,80",
    ].join("\r\n");
    const first = await run(text);
    expect(first.problems).toEqual([]);
    expect(first.committed).toBe(true);
    expect(first.counts).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const [village] = await db.select().from(regions).where(eq(regions.code, "540402901201"));
    expect(village).toMatchObject({
      level: "village",
      name: "新建村",
      lat: 29.61,
      lng: 94.45,
      population: 300,
      coordQuality: "approximate",
    });
    const [township] = await db.select().from(regions).where(eq(regions.code, "540402901000"));
    expect(village.parentId).toBe(township.id);

    const audits = (await db.select({ n: count() }).from(auditLog))[0].n;
    const again = await run(text);
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const [same] = await db.select().from(regions).where(eq(regions.code, "540402901201"));
    expect(same.updatedAt).toEqual(village.updatedAt);
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBe(audits);
  });

  it("updates a changed name and point, and keeps a point the file leaves empty", async () => {
    await run(
      ["code,name,parent_code,lat,lng,population", "540402901000,新建乡,540402000000,29.60,94.44,"].join(
        "\n",
      ),
    );
    const report = await run(
      [
        "code,name,parent_code,lat,lng,population",
        "540402901000,新建乡（更名）,540402000000,29.62,94.46,",
        "540402101202,开朗村,540402101000,,,",
      ].join("\n"),
    );
    expect(report.counts.updated).toBe(1);
    const [township] = await db.select().from(regions).where(eq(regions.code, "540402901000"));
    expect(township).toMatchObject({ name: "新建乡（更名）", lat: 29.62, lng: 94.46 });
    const [kailang] = await db.select().from(regions).where(eq(regions.code, "540402101202"));
    expect(kailang.lat).not.toBeNull();
  });

  it("converts declared GCJ-02 coordinates to WGS-84 before storing", async () => {
    await run(
      ["code,name,parent_code,lat,lng,population", "540402101950,火星坐标村,540402101000,29.70,94.40,"].join(
        "\n",
      ),
      {
        datum: "gcj02",
      },
    );
    const [row] = await db.select().from(regions).where(eq(regions.code, "540402101950"));
    expect(row.lat).not.toBe(29.7);
    expect(Math.abs(row.lat! - 29.7)).toBeLessThan(0.01);
    expect(Math.abs(row.lng! - 94.4)).toBeLessThan(0.01);
  });

  it("refuses rows outside a planner's region", async () => {
    const report = await run(
      ["code,name,parent_code,lat,lng,population", "542523100901,噶尔新村,542523100000,,,"].join("\n"),
      { user: bayiPlanner },
    );
    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ line: 2, error: "problems.outOfScope" })]);
  });

  it("imports a province-size file (700 townships, 6,000 villages) in one go", async () => {
    const lines = ["code,name,parent_code,lat,lng,population", "542700000000,测试地区,540000000000,,,"];
    for (let t = 0; t < 700; t++) {
      const county = `5427${String(1 + Math.floor(t / 100)).padStart(2, "0")}`;
      if (t % 100 === 0) lines.push(`${county}000000,测试县${county},542700000000,,,`);
      const township = `${county}${String(100 + (t % 100)).padStart(3, "0")}000`;
      lines.push(`${township},测试乡${t},${county}000000,${30 + t / 1000},${80 + t / 1000},`);
      for (let v = 0; v < (t < 400 ? 9 : 8); v++)
        lines.push(
          `${township.slice(0, 9)}${String(200 + v).padStart(3, "0")},测试村${t}-${v},${township},${30 + t / 1000 + v / 10000},${80 + t / 1000},${100 + v}`,
        );
    }
    const report = await run(lines.join("\n"));
    expect(report.problems).toEqual([]);
    expect(report.byLevel).toEqual({ prefecture: 1, county: 7, township: 700, village: 6000 });
    expect(await regionCount("5427")).toBe(6708);
  });

  it("stores Tibetan and pinyin names from the optional columns, keeps them when a later file leaves them empty", async () => {
    const header = "code,name,parent_code,lat,lng,population,name_bo,name_pinyin";
    const first = await run(
      [header, "542523100000,狮泉河镇,542523000000,,,,སེང་གེ་ཁ་འབབ་གྲོང་རྡལ།,Shīquánhé Zhèn"].join("\n"),
    );
    expect(first.problems).toEqual([]);
    expect(first.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const [town] = await db.select().from(regions).where(eq(regions.code, "542523100000"));
    expect(town).toMatchObject({
      name: "狮泉河镇",
      nameBo: "སེང་གེ་ཁ་འབབ་གྲོང་རྡལ།",
      namePinyin: "Shīquánhé Zhèn",
    });
    // The same names again change nothing; a file without the columns (or with empty cells) keeps them.
    const again = await run(
      [header, "542523100000,狮泉河镇,542523000000,,,,སེང་གེ་ཁ་འབབ་གྲོང་རྡལ།,Shīquánhé Zhèn"].join("\n"),
    );
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    await run([header, "542523100000,狮泉河镇,542523000000,,,,,"].join("\n"));
    await run(
      ["code,name,parent_code,lat,lng,population", "542523100000,狮泉河镇,542523000000,,,"].join("\n"),
    );
    const [kept] = await db.select().from(regions).where(eq(regions.code, "542523100000"));
    expect(kept).toMatchObject({
      nameBo: "སེང་གེ་ཁ་འབབ་གྲོང་རྡལ།",
      namePinyin: "Shīquánhé Zhèn",
      updatedAt: town.updatedAt,
    });
  });

  it("refuses a Tibetan name without Tibetan letters and a pinyin name with other scripts, by line", () => {
    const { rows, problems } = parseRegionCsv(
      [
        "code,name,parent_code,lat,lng,population,name_bo,name_pinyin",
        "542523200000,昆莎乡,542523000000,,,,Kunsha,Kūnshā Xiāng", // 2: pinyin in the Tibetan column
        "542523201000,左左乡,542523000000,,,,,左左", // 3: Chinese in the pinyin column
        "542523202000,门士乡,542523000000,,,,མོན་མཚེར་ཤང་།,Ménshì Xiāng", // 4: fine
        "542523203000,扎西岗乡,542523000000,,,,,Zhāxīgǎng Xiāng", // 5: fine, no Tibetan name
      ].join("\n"),
    );
    expect(problems.map((p) => [p.line, p.error])).toEqual([
      [2, "problems.nameBoNotTibetan"],
      [3, "problems.badPinyin"],
    ]);
    expect(rows.map((r) => [r.line, r.nameBo, r.namePinyin])).toEqual([
      [4, "མོན་མཚེར་ཤང་།", "Ménshì Xiāng"],
      [5, null, "Zhāxīgǎng Xiāng"],
    ]);
  });

  it("reads codes and parent codes of 6 and 9 digits as the 12-digit codes, and stores them so", async () => {
    const text = [
      "code,name,parent_code,lat,lng,population",
      "540402901,新建乡,540402,,,",
      "540402901201,新建村,540402901,,,80",
      "5404029012,位数不明,540402901,,,", // 4: a code of 10 digits has no level
      "540402901202,上级不明村,5404029,,,", // 5: nor a parent of 7
    ].join("\n");
    const { rows, problems } = parseRegionCsv(text);
    expect(rows.map((r) => [r.code, r.level, r.parentCode])).toEqual([
      ["540402901000", "township", "540402000000"],
      ["540402901201", "village", "540402901000"],
    ]);
    expect(problems.map((p) => [p.line, p.error, p.params?.digits])).toEqual([
      [4, "problems.ambiguousCode", 10],
      [5, "problems.ambiguousParentCode", 7],
    ]);
    const report = await run(text.split("\n").slice(0, 3).join("\n"));
    expect(report.committed).toBe(true);
    const [village] = await db.select().from(regions).where(eq(regions.code, "540402901201"));
    expect(village).toMatchObject({ level: "village", population: 80, populationDerived: false });
  });

  it("replaces a derived demo population by the imported figure, which is no longer marked derived", async () => {
    const [before] = await db.select().from(regions).where(eq(regions.code, "540402101202"));
    expect(before.populationDerived).toBe(true);
    const line = `540402101202,${before.name},540402101000,,,${before.population}`;
    await run(["code,name,parent_code,lat,lng,population", line].join("\n"));
    const [after] = await db.select().from(regions).where(eq(regions.code, "540402101202"));
    expect(after).toMatchObject({ population: before.population, populationDerived: false });
  });

  it("parses line numbers past blank lines", () => {
    const { problems } = parseRegionCsv(
      "code,name,parent_code,lat,lng,population\n\n54040210190X,x,540402101000,,,\n",
    );
    expect(problems).toEqual([expect.objectContaining({ line: 3, error: "problems.badCode" })]);
  });
});

describe("boundary GeoJSON import", () => {
  const square = (x: number, y: number) => [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ];
  const runGeo = (doc: unknown, commit = true) =>
    runRegionImport({
      user: admin,
      actor,
      kind: "boundaries",
      text: JSON.stringify(doc),
      datum: "wgs84",
      commit,
    });

  it("reports features that are not polygons, unknown, or duplicated, and writes nothing", async () => {
    const report = await runGeo({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "540402101000" },
          geometry: { type: "Polygon", coordinates: square(94.3, 29.6) },
        },
        {
          type: "Feature",
          properties: { code: "540402102000" },
          geometry: { type: "Point", coordinates: [94, 29] },
        },
        {
          type: "Feature",
          properties: { code: "540402999000" },
          geometry: { type: "Polygon", coordinates: square(94, 29) },
        },
        {
          type: "Feature",
          properties: { code: "540402101000" },
          geometry: { type: "Polygon", coordinates: square(94, 29) },
        },
        { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: square(94, 29) } },
      ],
    });
    expect(report.problems.map((p) => [p.line, p.error])).toEqual([
      [2, "problems.notPolygon"],
      [3, "problems.unknownRegion"],
      [4, "problems.duplicateCode"],
      [5, "problems.featureWithoutCode"],
    ]);
    const [baiba] = await db.select().from(regions).where(eq(regions.code, "540402101000"));
    expect(baiba.boundary).toBeNull();
  });

  it("sets township boundaries matched by code, and a second run changes nothing", async () => {
    const doc = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "540402101000" },
          geometry: { type: "Polygon", coordinates: square(94.3, 29.6) },
        },
      ],
    };
    const first = await runGeo(doc);
    expect(first).toMatchObject({ committed: true, counts: { updated: 1, unchanged: 0 } });
    const [baiba] = await db.select().from(regions).where(eq(regions.code, "540402101000"));
    expect(baiba.boundary).toEqual({ type: "Polygon", coordinates: square(94.3, 29.6) });
    const second = await runGeo(doc);
    expect(second.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });
});
