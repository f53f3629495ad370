// Duplicate files on a real database cloned from the demo: detection measured on a generated register with known
// duplicates in other spellings (precision and recall printed), the warnings before saving within the user's scope
// only, and merging (every visit and activity kept, the other file closed and pointing to the kept one, audited).
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activityPeople, auditLog, people, visits } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { importPeopleCsv, importTemplateRows } from "~/modules/imports/people.server";
import { buildIdNumber } from "~/modules/people/id-number";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { duplicateCandidates } from "./candidates.server";
import { duplicateFixture } from "./fixture";
import { markDifferentPeople, mergePeople } from "./merge.server";
import { insertFiles, villagesOfStation } from "./testing.server";
import { likelyDuplicatesOf } from "./warnings.server";

useTestDatabase({ template: "demo" });

let planner: SessionUser;
let otherPlanner: SessionUser;
let stationId: number;
let villages: number[];

beforeAll(async () => {
  planner = await sessionUserFor("planner.bayi@demo.local");
  otherPlanner = await sessionUserFor("planner.ngari@demo.local");
  const staff = await sessionUserFor("station.baiba@demo.local");
  stationId = (staff.scope as { facilityId: number }).facilityId;
  villages = await villagesOfStation(db, stationId);
});

describe("finding duplicate files", () => {
  it("finds the known duplicates of a generated register with recall ≥ 0.9 at precision ≥ 0.9", async () => {
    const { files, duplicates } = duplicateFixture();
    expect(files.length).toBeGreaterThanOrEqual(400);
    const ids = await insertFiles(
      db,
      files.map((f) => ({
        fullName: f.fullName,
        sex: f.sex,
        birthDate: f.birthDate,
        villageId: villages[f.village % villages.length],
        stationId,
        guardianName: f.guardianName,
      })),
    );
    const fixtureIds = new Set(ids);
    const truth = new Set(duplicates.map(([a, b]) => [ids[a], ids[b]].sort((x, y) => x - y).join("-")));
    const found = (await duplicateCandidates({ user: planner }))!
      .filter((p) => fixtureIds.has(p.a.id) && fixtureIds.has(p.b.id))
      .map((p) => [p.a.id, p.b.id].sort((x, y) => x - y).join("-"));
    const hits = found.filter((pair) => truth.has(pair)).length;
    const precision = found.length ? hits / found.length : 0;
    const recall = hits / truth.size;
    console.log(
      `duplicate detection on ${files.length} files, ${truth.size} known pairs: proposed ${found.length}, ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(truth.size).toBeGreaterThanOrEqual(40);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it("asks for a county first when the scope is a prefecture, and finds nothing of another area", async () => {
    expect(await duplicateCandidates({ user: otherPlanner })).toBeNull();
    const [gar] = await queryRows<{ code: string }>(
      db,
      sql`select code from regions where code like '542523%' and level = 'county'`,
    );
    const pairs = (await duplicateCandidates({ user: otherPlanner, countyCode: gar.code }))!;
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people p join regions v on v.id = p.village_id
          where p.id = any(${sql.param(pairs.flatMap((p) => [p.a.id, p.b.id]))}::int[]) and v.code not like '542523%'`,
    );
    expect(n).toBe(0);
  });
});

describe("warnings before saving", () => {
  it("warns the new-person form of a file in another spelling within the user's scope only", async () => {
    const [existing] = await insertFiles(db, [
      { fullName: "次仁卓玛", sex: "female", birthDate: "1948-04-21", villageId: villages[0], stationId },
    ]);
    const file = { fullName: "才仁卓嘛", sex: "female", birthDate: "1948-04-21", villageId: villages[1] };
    const warnings = await likelyDuplicatesOf({ user: planner, file });
    expect(warnings.map((w) => w.file.id)).toContain(existing);
    expect(warnings.find((w) => w.file.id === existing)!.reasons).toEqual(
      expect.arrayContaining(["sameNameVariant", "sameBirthDate"]),
    );
    // The Ngari planner registering the same person learns nothing of the Bayi file.
    expect(
      await likelyDuplicatesOf({ user: otherPlanner, file: { ...file, villageId: villages[1] } }),
    ).toEqual([]);
    // A person with another name and birth date is not warned about.
    expect(
      await likelyDuplicatesOf({
        user: planner,
        file: { ...file, fullName: "王秀兰", birthDate: "1960-01-02" },
      }),
    ).toEqual([]);
  });

  it("stops an import with a likely duplicate until the user accepts it", async () => {
    await insertFiles(db, [
      { fullName: "索朗多吉", sex: "male", birthDate: "1951-09-03", villageId: villages[0], stationId },
    ]);
    const { header } = importTemplateRows();
    const idNumber = buildIdNumber({ region6: "540402", birthDate: "1951-09-03", sequence: 977 });
    const [village] = await queryRows<{ code: string }>(
      db,
      sql`select code from regions where id = ${villages[0]}`,
    );
    const cells = new Map([
      ["姓名", "索南多杰"],
      ["性别", "男"],
      ["出生日期", "1951-09-03"],
      ["身份证号", idNumber],
      ["村（代码或名称）", village.code],
      ["类别", "低保"],
    ]);
    const csvText = `${header.join(",")}\n${header.map((h) => cells.get(h) ?? "").join(",")}\n`;
    const actor = actorOf(planner);
    const warned = await importPeopleCsv({ user: planner, actor, csvText });
    expect(warned.ok).toBe(false);
    expect(warned.imported).toBe(0);
    expect(warned.duplicates?.map((d) => d.file?.fullName)).toEqual(["索朗多吉"]);
    const accepted = await importPeopleCsv({ user: planner, actor, csvText, acceptDuplicates: true });
    expect(accepted).toMatchObject({ ok: true, imported: 1 });
    const [row] = await queryRows<{ name_key: string }>(
      db,
      sql`select name_key from people where full_name = '索南多杰'`,
    );
    expect(row.name_key).toBe("索朗多吉");
  });
});

describe("merging two files", () => {
  const soon = (days: number) => addDaysToDate(todayInShanghai(), days);
  async function visitOf(personId: number, status: "scheduled" | "completed", dueOn: string) {
    const [v] = await queryRows<{ id: number }>(
      db,
      sql`insert into visits (person_id, station_id, kind, due_on, status, outcome, completed_at)
          values (${personId}, ${stationId}, 'routine', ${dueOn}::date, ${status},
                  ${status === "completed" ? "visited" : null}, ${status === "completed" ? sql`now()` : null})
          returning id`,
    );
    return v.id;
  }

  it("keeps every visit and activity on the kept file, closes the other pointing to it, and audits both", async () => {
    const [keep, merged] = await insertFiles(db, [
      { fullName: "扎西平措", sex: "male", birthDate: "1944-02-11", villageId: villages[0], stationId },
      {
        fullName: "札西彭措",
        sex: "male",
        birthDate: "1944-02-11",
        villageId: villages[1],
        stationId,
        nameBo: "བཀྲ་ཤིས་ཕུན་ཚོགས",
      },
    ]);
    const visitIds = [
      await visitOf(keep, "scheduled", soon(20)),
      await visitOf(keep, "completed", "2024-05-01"),
      await visitOf(merged, "scheduled", soon(10)),
      await visitOf(merged, "completed", "2024-06-01"),
    ];
    const activityIds = (
      await queryRows<{ id: number }>(db, sql`select id from activities order by id limit 3`)
    ).map((a) => a.id);
    await db.insert(activityPeople).values([
      { activityId: activityIds[0], personId: keep },
      { activityId: activityIds[0], personId: merged },
      { activityId: activityIds[1], personId: merged },
      { activityId: activityIds[2], personId: merged },
    ]);

    const result = await mergePeople({
      ...by(planner),
      input: { keepId: keep, mergeId: merged, reason: "两站重复登记" },
    });
    expect(result).toMatchObject({ ok: true, value: { id: keep, visits: 2 } });

    const kept = await db.select().from(visits).where(inArray(visits.id, visitIds));
    expect(kept.map((v) => v.personId)).toEqual([keep, keep, keep, keep]);
    // One open routine visit (the earlier due), the other cancelled, not lost.
    expect(kept.filter((v) => v.status === "scheduled").map((v) => v.dueOn)).toEqual([soon(10)]);
    expect(kept.filter((v) => v.status === "cancelled")).toHaveLength(1);
    const attended = await db
      .select()
      .from(activityPeople)
      .where(inArray(activityPeople.personId, [keep, merged]));
    expect(attended.map((a) => [a.activityId, a.personId]).sort()).toEqual(
      activityIds.map((a) => [a, keep]).sort(),
    );

    const [closed] = await db.select().from(people).where(eq(people.id, merged));
    expect(closed).toMatchObject({ mergedIntoId: keep, status: "exited", statusReason: "两站重复登记" });
    const [survivor] = await db.select().from(people).where(eq(people.id, keep));
    expect(survivor.nameBo).toBe("བཀྲ་ཤིས་ཕུན་ཚོགས");
    expect(survivor.nextDueOn).toBe(soon(10));

    const audit = await db
      .select({ action: auditLog.action, entityId: auditLog.entityId, changes: auditLog.changes })
      .from(auditLog)
      .where(
        and(eq(auditLog.entityType, "person"), inArray(auditLog.entityId, [String(keep), String(merged)])),
      );
    expect(audit.map((a) => [a.action, a.entityId])).toEqual(
      expect.arrayContaining([
        ["person.merge", String(keep)],
        ["person.merged_into", String(merged)],
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain("札西彭措");

    // Not proposed again, and a second merge of the closed file is refused.
    const pairs = (await duplicateCandidates({ user: planner }))!;
    expect(pairs.some((p) => [p.a.id, p.b.id].includes(merged))).toBe(false);
    const again = await mergePeople({
      ...by(planner),
      input: { keepId: keep, mergeId: merged, reason: "再次" },
    });
    expect(again).toMatchObject({ ok: false });
  });

  it("moves every row that points at the merged file (a new table pointing at people needs a relink step)", async () => {
    const [keep, merged] = await insertFiles(db, [
      { fullName: "洛桑顿珠", sex: "male", birthDate: "1939-12-01", villageId: villages[0], stationId },
      { fullName: "罗桑登珠", sex: "male", birthDate: "1939-12-01", villageId: villages[0], stationId },
    ]);
    await visitOf(merged, "completed", "2024-01-05");
    const [activity] = await queryRows<{ id: number }>(
      db,
      sql`select id from activities order by id limit 1`,
    );
    await db.insert(activityPeople).values({ activityId: activity.id, personId: merged });
    await mergePeople({
      ...by(planner),
      input: { keepId: keep, mergeId: merged, reason: "重复" },
    });
    const references = await queryRows<{ table_name: string; column_name: string }>(
      db,
      sql`select kcu.table_name, kcu.column_name
          from information_schema.referential_constraints rc
          join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
          where ccu.table_name = 'people' and ccu.column_name = 'id'`,
    );
    const left: string[] = [];
    for (const { table_name, column_name } of references) {
      // The merged file keeps its own pointer; decisions about pairs belong to the pair; its history is what the
      // register held while it was a file of its own (a past year's review counts it as it stood then).
      if (
        table_name === "people" ||
        table_name === "person_pair_decisions" ||
        table_name === "person_history"
      )
        continue;
      const [{ n }] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)} = ${merged}`,
      );
      if (n) left.push(`${table_name}.${column_name}`);
    }
    expect(references.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["visits", "activity_people"]),
    );
    expect(left).toEqual([]);
  });

  it("does not propose a pair marked as different people again, and refuses a pair outside the scope", async () => {
    const [a, b] = await insertFiles(db, [
      { fullName: "格桑央金", sex: "female", birthDate: "1962-07-07", villageId: villages[0], stationId },
      { fullName: "尕藏阳金", sex: "female", birthDate: "1962-07-07", villageId: villages[0], stationId },
    ]);
    const pairOf = async () =>
      (await duplicateCandidates({ user: planner }))!.some(
        (p) => p.a.id === Math.min(a, b) && p.b.id === Math.max(a, b),
      );
    expect(await pairOf()).toBe(true);
    expect(
      await markDifferentPeople({
        ...by(otherPlanner),
        input: { aId: a, bId: b },
      }),
    ).toBeNull();
    const marked = await markDifferentPeople({
      ...by(planner),
      input: { aId: b, bId: a, reason: "姐妹，同日出生" },
    });
    expect(marked).toMatchObject({ ok: true });
    expect(await pairOf()).toBe(false);
    const [entry] = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.action, "person.not_duplicate"), eq(auditLog.entityId, String(Math.min(a, b)))));
    expect(entry).toBeDefined();
  });
});
