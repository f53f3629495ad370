// CSV import: every row is checked and reported; one bad row means nothing is written.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, people, visits } from "#db/schema";
import { importPeopleCsv, importTemplateRows } from "~/modules/imports/people.server";
import { message, messageKey } from "~/modules/kernel/messages";
import { toCsv } from "~/utils/csv.server";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { buildIdNumber } from "./id-number";
import { actorOf, sessionUserFor } from "./testing.server";

useTestDatabase({ template: "demo" });

const header = importTemplateRows().header;
const row = (name: string, id: string, birth: string, extra: Partial<Record<number, string>> = {}) => {
  const cells = [name, "", birth, id, "540402101202", "低保", "", "", "", "", "", "", ""];
  for (const [i, v] of Object.entries(extra)) cells[Number(i)] = v!;
  return cells;
};

async function peopleCount() {
  const [{ n }] = await db.select({ n: count() }).from(people);
  return n;
}

describe("importing people from CSV", () => {
  it("reports every problem by row and imports nothing when any row is wrong", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const good = buildIdNumber({ region6: "540402", birthDate: "1960-05-05", sequence: 951 });
    const badCheck = `${good.slice(0, 17)}${good[17] === "1" ? "2" : "1"}`;
    const csv = toCsv(header, [
      row("示例·甲", good, "1960-05-05"),
      row("示例·乙", badCheck, "1960-05-05"),
      row("示例·丙", good, "1960-05-05"),
      row(
        "示例·丁",
        buildIdNumber({ region6: "540402", birthDate: "1970-01-01", sequence: 953 }),
        "1970-01-02",
      ),
      row(
        "示例·戊",
        buildIdNumber({ region6: "540402", birthDate: "1971-01-01", sequence: 955 }),
        "1971-01-01",
        { 4: "542523100201" },
      ),
      row(
        "示例·己",
        buildIdNumber({ region6: "540402", birthDate: "1972-01-01", sequence: 957 }),
        "1972-01-01",
        { 5: "低保、外星人" },
      ),
    ]);
    const before = await peopleCount();
    const report = await importPeopleCsv({ user: staff, actor: actorOf(staff), csvText: csv });
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.problems).toEqual([
      { row: 3, field: "idNumber", message: "peopleRegister:errors.id.check" },
      { row: 4, field: "idNumber", message: message("imports:people.duplicateInFile", { row: 2 }) },
      { row: 5, field: "birthDate", message: "peopleRegister:errors.birthDateMismatch" },
      { row: 6, field: "village", message: "peopleRegister:errors.villageOutOfScope" },
      {
        row: 7,
        field: "categories",
        message: message("imports:people.unknownCategory", { value: "外星人" }),
      },
    ]);
    expect(await peopleCount()).toBe(before);
  });

  it("imports every row in one go when all are valid, with a first visit each and one audit entry", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const ids = [961, 963, 965].map((sequence, i) =>
      buildIdNumber({ region6: "540402", birthDate: `198${i}-03-0${i + 1}`, sequence }),
    );
    const csv = toCsv(header, [
      row("示例·一", ids[0], "1980-03-01"),
      row("示例·二", ids[1], "1981-03-02", { 5: "高龄老人、disabled", 6: "重点", 7: "独居" }),
      row("示例·三", ids[2], "1982/3/3", { 4: "开朗村" }),
    ]);
    const before = await peopleCount();
    const report = await importPeopleCsv({ user: staff, actor: actorOf(staff), csvText: csv });
    expect(report).toMatchObject({ ok: true, rows: 3, imported: 3, problems: [] });
    expect(await peopleCount()).toBe(before + 3);
    const [second] = await db.select().from(people).where(eq(people.fullName, "示例·二"));
    expect(second).toMatchObject({
      categories: ["advanced_age_elderly", "disabled"],
      riskTier: "key",
      riskReason: "独居",
    });
    const open = await db.select().from(visits).where(eq(visits.personId, second.id));
    expect(open).toHaveLength(1);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "person.import"));
    expect(entry.changes).toMatchObject({ rows: 3 });
    // Importing the same file again finds the numbers already registered.
    const again = await importPeopleCsv({ user: staff, actor: actorOf(staff), csvText: csv });
    expect(again.problems.map((p) => p.message)).toEqual(Array(3).fill("peopleRegister:errors.duplicateId"));
  });

  it("refuses a file without the required columns", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const report = await importPeopleCsv({
      user: staff,
      actor: actorOf(staff),
      csvText: "姓名,电话\n示例,139",
    });
    expect(messageKey(report.fileProblem!)).toBe("imports:people.missingColumns");
  });
});
