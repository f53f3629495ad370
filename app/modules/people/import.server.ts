// CSV import of people in care: every row is checked (the same rules as the form, plus villages in scope and
// duplicates in the file and in the register); any problem means nothing is written and the report lists each one.
import { and, eq, inArray } from "drizzle-orm";
import Papa from "papaparse";
import { people, regions, visits } from "#db/schema";
import enCommon from "~/locales/en/common.json";
import zhCommon from "~/locales/zh-CN/common.json";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import type { SessionUser } from "~/modules/auth/types";
import { planVisitReminders } from "~/modules/reminders/scan.server";
import { reminderSettings } from "~/modules/reminders/settings.server";
import { intervalsForPeople } from "~/modules/visits/rules.server";
import { raggedRow, unsupportedDelimiter } from "~/utils/csv-input";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";
import { regionsInScope } from "~/utils/scope.server";
import { buildIdNumber, normalizeIdNumber, sexOfIdNumber } from "./id-number";
import { hashIdNumber, protectIdNumber } from "./id-number-crypto.server";
import { stationForVillage } from "./queries.server";
import { createPersonSchema } from "./schemas";

export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

/** Column headers, Chinese first; English and field names are accepted too. */
export const importColumns = [
  { field: "fullName", headers: ["姓名", "name", "fullname"] },
  { field: "sex", headers: ["性别", "sex"] },
  { field: "birthDate", headers: ["出生日期", "birthdate", "birth date"] },
  { field: "idNumber", headers: ["身份证号", "公民身份号码", "身份证号码", "idnumber", "id number"] },
  { field: "village", headers: ["村（代码或名称）", "村", "村代码", "village", "villagecode"] },
  { field: "categories", headers: ["类别", "categories"] },
  { field: "riskTier", headers: ["风险等级", "risktier", "risk tier"] },
  { field: "riskReason", headers: ["风险原因", "riskreason", "risk reason"] },
  { field: "address", headers: ["地址", "address"] },
  { field: "phone", headers: ["电话", "phone"] },
  { field: "guardianName", headers: ["监护人", "guardianname", "guardian"] },
  { field: "guardianPhone", headers: ["监护人电话", "guardianphone", "guardian phone"] },
  { field: "notes", headers: ["备注", "notes"] },
] as const;

type Field = (typeof importColumns)[number]["field"];

export type ImportProblem = { row: number; field: string; message: string };
export type ImportReport = {
  ok: boolean;
  rows: number;
  imported: number;
  problems: ImportProblem[];
  /** Set when the file itself could not be read. */
  fileProblem?: string;
};

function labelMap(section: Record<string, string>, extra: Record<string, string> = {}) {
  const map = new Map<string, string>();
  for (const [code, label] of Object.entries(section)) {
    map.set(code.toLowerCase(), code);
    map.set(label.toLowerCase(), code);
  }
  for (const [k, v] of Object.entries(extra)) map.set(k.toLowerCase(), v);
  return map;
}

const categoryByLabel = new Map([
  ...labelMap(zhCommon.enum.personCategory),
  ...labelMap(enCommon.enum.personCategory),
]);
const tierByLabel = new Map([
  ...labelMap(zhCommon.enum.riskTier, { 高: "high", 普通: "normal" }),
  ...labelMap(enCommon.enum.riskTier),
]);
const sexByLabel = new Map([
  ...labelMap(zhCommon.enum.sex),
  ...labelMap(enCommon.enum.sex, { m: "male", f: "female" }),
]);

function normalizeDate(value: string): string {
  const v = value.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const parts = /^(\d{4})[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?$/.exec(v);
  if (parts) return `${parts[1]}-${parts[2].padStart(2, "0")}-${parts[3].padStart(2, "0")}`;
  return v;
}

/** A template with the headers and one example row (a well-formed number for a person who does not exist). */
export function importTemplateRows(): { header: string[]; rows: string[][] } {
  const header = importColumns.map((c) => c.headers[0]);
  const example = buildIdNumber({ region6: "540402", birthDate: "1956-03-08", sequence: 901 });
  return {
    header,
    rows: [
      [
        "示例·扎西",
        "男",
        "1956-03-08",
        example,
        "540402101201",
        "低保、高龄老人",
        "重点",
        "独居，行动不便",
        "百巴镇百巴村12号",
        "13900000000",
        "",
        "",
        "导入示例，请删除本行",
      ],
    ],
  };
}

type ParsedRow = {
  line: number;
  values: Partial<Record<Field, string>>;
  ragged?: { found: number; expected: number };
};

function parseCsv(text: string): { rows: ParsedRow[]; problem?: string } {
  // why: no skipEmptyLines, so a record's index is its line in the file (blank lines are dropped below).
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""));
  const records = result.data
    .map((cells, i) => ({ cells, line: i + 1 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (records.length === 0) return { rows: [], problem: "people:import.empty" };
  const [{ cells: header }, ...body] = records;
  const delimiter = unsupportedDelimiter(header);
  if (delimiter) return { rows: [], problem: `people:import.delimiter|${JSON.stringify({ delimiter })}` };
  const fields = header.map((h) => {
    const name = h.trim().toLowerCase();
    return importColumns.find((c) => (c.headers as readonly string[]).some((x) => x.toLowerCase() === name))
      ?.field;
  });
  const missing = (["fullName", "birthDate", "idNumber", "village", "categories"] as const).filter(
    (f) => !fields.includes(f),
  );
  if (missing.length)
    return {
      rows: [],
      problem: `people:import.missingColumns|${JSON.stringify({ columns: missing.join(", ") })}`,
    };
  if (body.length > IMPORT_MAX_ROWS)
    return { rows: [], problem: `people:import.tooManyRows|${JSON.stringify({ max: IMPORT_MAX_ROWS })}` };
  return {
    rows: body.map(({ cells, line }) => {
      const values: Partial<Record<Field, string>> = {};
      fields.forEach((f, j) => {
        if (f && cells[j] !== undefined && cells[j].trim() !== "") values[f] = cells[j].trim();
      });
      return {
        line,
        values,
        ragged: raggedRow(cells, header.length)
          ? { found: cells.length, expected: header.length }
          : undefined,
      };
    }),
  };
}

type ValidRow = {
  line: number;
  input: ReturnType<ReturnType<typeof createPersonSchema>["parse"]>;
  hash: string;
};

/** Checks every row; writes nothing. */
export async function validatePeopleCsv({
  user,
  csvText,
  now = new Date(),
  db = defaultDb,
}: {
  user: SessionUser;
  csvText: string;
  now?: Date;
  db?: DbOrTx;
}): Promise<{ report: ImportReport; valid: ValidRow[] }> {
  const today = todayInShanghai(now);
  const { rows, problem } = parseCsv(csvText);
  if (problem)
    return { report: { ok: false, rows: 0, imported: 0, problems: [], fileProblem: problem }, valid: [] };
  if (rows.length === 0)
    return {
      report: { ok: false, rows: 0, imported: 0, problems: [], fileProblem: "people:import.empty" },
      valid: [],
    };

  const villages = await db
    .select({ id: regions.id, code: regions.code, name: regions.name })
    .from(regions)
    .where(and(eq(regions.level, "village"), regionsInScope(user)));
  const villageByCode = new Map(villages.map((v) => [v.code, v.id]));
  const villagesByName = new Map<string, number[]>();
  for (const v of villages) villagesByName.set(v.name, [...(villagesByName.get(v.name) ?? []), v.id]);

  const schema = createPersonSchema(today);
  const problems: ImportProblem[] = [];
  const valid: ValidRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values, ragged } of rows) {
    const add = (field: string, message: string) => problems.push({ row: line, field, message });
    if (ragged) {
      // why: a row with the wrong number of cells has its values in the wrong columns; say so, check nothing else.
      add("row", `people:import.fieldCount|${JSON.stringify(ragged)}`);
      continue;
    }
    const before = problems.length;
    let villageId: number | undefined;
    if (values.village) {
      const v = values.village;
      const byName = villagesByName.get(v) ?? [];
      villageId = villageByCode.get(v) ?? (byName.length === 1 ? byName[0] : undefined);
      if (!villageId)
        add(
          "village",
          byName.length > 1 ? "people:import.villageAmbiguous" : "people:errors.villageOutOfScope",
        );
    }
    const categories = (values.categories ?? "")
      .split(/[、,，;；|/\s]+/)
      .filter(Boolean)
      .map((c) => categoryByLabel.get(c.toLowerCase()) ?? `?${c}`);
    const unknown = categories.filter((c) => c.startsWith("?"));
    if (unknown.length)
      add(
        "categories",
        `people:import.unknownCategory|${JSON.stringify({ value: unknown.map((u) => u.slice(1)).join("、") })}`,
      );
    const idNumber = values.idNumber ? normalizeIdNumber(values.idNumber) : undefined;
    const tier = values.riskTier ? tierByLabel.get(values.riskTier.toLowerCase()) : "normal";
    if (!tier) add("riskTier", "validation.choice");
    const sex = values.sex
      ? sexByLabel.get(values.sex.toLowerCase())
      : idNumber && /^\d{17}[\dX]$/.test(idNumber)
        ? sexOfIdNumber(idNumber)
        : undefined;
    if (values.sex && !sex) add("sex", "validation.choice");
    const parsed = schema.safeParse({
      fullName: values.fullName,
      sex,
      birthDate: values.birthDate ? normalizeDate(values.birthDate) : undefined,
      idNumber,
      villageId: villageId ?? 1,
      address: values.address,
      phone: values.phone,
      guardianName: values.guardianName,
      guardianPhone: values.guardianPhone,
      categories: unknown.length ? ["dibao"] : categories,
      riskTier: tier ?? "normal",
      riskReason: values.riskReason,
      notes: values.notes,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "row");
        if (field === "sex" && !values.sex && !sex) add("idNumber", "people:errors.id.format");
        else add(field, issue.message);
      }
    }
    if (problems.length > before || !parsed.success || !villageId) continue;
    const hash = hashIdNumber(parsed.data.idNumber);
    const earlier = seen.get(hash);
    if (earlier) {
      add("idNumber", `people:import.duplicateInFile|${JSON.stringify({ row: earlier })}`);
      continue;
    }
    seen.set(hash, line);
    valid.push({ line, input: { ...parsed.data, villageId }, hash });
  }
  // Numbers already registered (anywhere: a person has one file), found by their keyed hash.
  const hashes = valid.map((v) => v.hash);
  for (let i = 0; i < hashes.length; i += 1000) {
    const existing = await db
      .select({ hash: people.idNumberHash })
      .from(people)
      .where(inArray(people.idNumberHash, hashes.slice(i, i + 1000)));
    const taken = new Set(existing.map((e) => e.hash));
    for (const v of valid.slice(i, i + 1000))
      if (taken.has(v.hash))
        problems.push({ row: v.line, field: "idNumber", message: "people:errors.duplicateId" });
  }
  problems.sort((a, b) => a.row - b.row);
  return { report: { ok: problems.length === 0, rows: rows.length, imported: 0, problems }, valid };
}

/** All or nothing: the rows are written in one transaction only when every row is valid. */
export async function importPeopleCsv({
  user,
  actor,
  csvText,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  csvText: string;
  now?: Date;
}): Promise<ImportReport> {
  const { report, valid } = await validatePeopleCsv({ user, csvText, now });
  if (!report.ok) return report;
  const today = todayInShanghai(now);
  return defaultDb.transaction(async (tx) => {
    const stationCache = new Map<number, number | null>();
    const stationOf = async (villageId: number) => {
      if (user.scope.kind === "station") return user.scope.facilityId;
      if (!stationCache.has(villageId)) stationCache.set(villageId, await stationForVillage(tx, villageId));
      return stationCache.get(villageId)!;
    };
    const ids: number[] = [];
    for (let i = 0; i < valid.length; i += 500) {
      const chunk = valid.slice(i, i + 500);
      const values = [];
      for (const { input } of chunk) {
        values.push({
          fullName: input.fullName,
          sex: input.sex,
          birthDate: input.birthDate,
          ...protectIdNumber(input.idNumber),
          villageId: input.villageId,
          stationId: await stationOf(input.villageId),
          address: input.address || null,
          phone: input.phone || null,
          guardianName: input.guardianName || null,
          guardianPhone: input.guardianPhone || null,
          categories: input.categories,
          riskTier: input.riskTier,
          riskReason: input.riskReason || null,
          riskSetBy: input.riskTier === "normal" ? null : user.id,
          riskSetAt: input.riskTier === "normal" ? null : now,
          notes: input.notes || null,
          createdBy: user.id,
        });
      }
      const inserted = await tx
        .insert(people)
        .values(values)
        .returning({ id: people.id, stationId: people.stationId });
      ids.push(...inserted.map((r) => r.id));
      const intervals = await intervalsForPeople(
        tx,
        inserted.map((r) => r.id),
      );
      const withStation = inserted.filter((r) => r.stationId !== null);
      if (withStation.length) {
        const created = await tx
          .insert(visits)
          .values(
            withStation.map((r) => ({
              personId: r.id,
              stationId: r.stationId!,
              assignedUserId: user.scope.kind === "station" ? user.id : null,
              kind: "routine" as const,
              dueOn: addDaysToDate(today, intervals.get(r.id)!),
            })),
          )
          .returning({ id: visits.id });
        await planVisitReminders(
          { db: tx, now, settings: reminderSettings() },
          created.map((v) => v.id),
        );
      }
    }
    await recordAudit(tx, actor, {
      action: "person.import",
      entityType: "person",
      entityId: null,
      changes: { rows: ids.length, personIds: ids },
    });
    return { ...report, imported: ids.length };
  });
}
