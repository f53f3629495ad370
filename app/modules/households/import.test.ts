// The people import's household columns (户编号, 与户主关系): rows of one village and number form a household or join
// the one the village has; a wrong relation, a relation without a number and a second head are reported by row.
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, householdMembers, households, people } from "#db/schema";
import { importPeopleCsv, importTemplateRows } from "~/modules/imports/people.server";
import { message } from "~/modules/kernel/messages";
import { buildIdNumber } from "~/modules/people/id-number";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { toCsv } from "~/utils/csv.server";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";

useTestDatabase({ template: "demo" });

const header = importTemplateRows().header;
const column = (name: string) => header.indexOf(name);

function row(name: string, sequence: number, birth: string, village: string, household = "", relation = "") {
  const cells = header.map(() => "");
  cells[column("姓名")] = name;
  cells[column("出生日期")] = birth;
  cells[column("身份证号")] = buildIdNumber({ region6: "540402", birthDate: birth, sequence });
  cells[column("村（代码或名称）")] = village;
  cells[column("类别")] = "低保";
  cells[column("户编号")] = household;
  cells[column("与户主关系")] = relation;
  return cells;
}

/** A household the demo has in a Baiba village, with a head. */
async function seededHousehold() {
  const [h] = await queryRows<{ id: number; number: string; code: string }>(
    db,
    sql`select h.id, h.number, v.code from households h join regions v on v.id = h.village_id
        where v.code like '540402101%' and exists (select 1 from household_members m where m.household_id = h.id and m.relation = 'head')
        order by h.id limit 1`,
  );
  return h;
}

describe("importing people with their households", () => {
  it("offers the two columns in the template", () => {
    expect(header.slice(-2)).toEqual(["户编号", "与户主关系"]);
    expect(importTemplateRows().rows[0]).toHaveLength(header.length);
  });

  it("founds a household from the file's rows and joins one the village has", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const existing = await seededHousehold();
    const csv = toCsv(header, [
      row("示例·户一", 971, "1961-04-01", existing.code, "导入-01", "户主"),
      row("示例·户二", 973, "1963-05-02", existing.code, "导入-01", "配偶"),
      row("示例·户三", 975, "2012-06-03", existing.code, existing.number, "子女"),
      row("示例·无户", 977, "1970-07-04", existing.code),
    ]);
    const report = await importPeopleCsv({ user: staff, actor: actorOf(staff), csvText: csv });
    expect(report).toMatchObject({ ok: true, imported: 4, problems: [] });
    const imported = await db
      .select({ name: people.fullName, household: households.number, relation: householdMembers.relation })
      .from(people)
      .leftJoin(householdMembers, eq(householdMembers.personId, people.id))
      .leftJoin(households, eq(households.id, householdMembers.householdId))
      .where(inArray(people.fullName, ["示例·户一", "示例·户二", "示例·户三", "示例·无户"]))
      .orderBy(people.fullName);
    expect(imported).toEqual(
      expect.arrayContaining([
        { name: "示例·户一", household: "导入-01", relation: "head" },
        { name: "示例·户二", household: "导入-01", relation: "spouse" },
        { name: "示例·户三", household: existing.number, relation: "child" },
        { name: "示例·无户", household: null, relation: null },
      ]),
    );
    const [entry] = await db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(eq(auditLog.action, "household.import"));
    expect(entry.changes).toMatchObject({ joined: [existing.id], members: 3 });
    const [founded] = await db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.number, "导入-01")));
    expect(entry.changes).toMatchObject({ created: [founded.id] });
  });

  it("reports a wrong relation, a relation without a number and a second head by row, importing nothing", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const existing = await seededHousehold();
    const csv = toCsv(header, [
      row("示例·错一", 981, "1961-04-01", existing.code, "导入-02", "户主"),
      row("示例·错二", 983, "1962-04-01", existing.code, "导入-02", "本人/户主"),
      row("示例·错三", 985, "1963-04-01", existing.code, "导入-02", "表哥"),
      row("示例·错四", 987, "1964-04-01", existing.code, "", "配偶"),
      row("示例·错五", 989, "1965-04-01", existing.code, existing.number, "户主"),
    ]);
    const before = await db.select({ id: households.id }).from(households);
    const report = await importPeopleCsv({ user: staff, actor: actorOf(staff), csvText: csv });
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.problems).toEqual([
      { row: 3, field: "relation", message: message("households:import.secondHead", { row: 2 }) },
      { row: 4, field: "relation", message: message("households:import.unknownRelation", { value: "表哥" }) },
      { row: 5, field: "householdNumber", message: "households:import.numberMissing" },
      { row: 6, field: "relation", message: "households:import.hasHead" },
    ]);
    expect(await db.select({ id: households.id }).from(households)).toHaveLength(before.length);
  });
});
