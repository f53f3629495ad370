// CSV import of people in care: every row is checked (the same rules as the form, plus villages in scope and
// duplicates in the file and in the register); any problem means nothing is written and the report lists each one.
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { people, regions, visits } from "#db/schema";
import boCommon from "~/locales/bo/common.json";
import enCommon from "~/locales/en/common.json";
import zhCommon from "~/locales/zh-CN/common.json";
import { regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { type ImportDuplicate, importDuplicates } from "~/modules/duplicates/warnings.server";
import {
  householdImportColumns,
  householdImportProblems,
  householdOfRow,
  type ImportedHousehold,
  placeImportedPeople,
} from "~/modules/households/import.server";
import { issueMessage, type Message, message } from "~/modules/kernel/messages";
import {
  checkIdNumbers,
  type IdCheckLimits,
  idCheckLimitMessage,
  idCheckLimits,
} from "~/modules/people/id-elsewhere.server";
import { buildIdNumber, normalizeIdNumber, sexOfIdNumber } from "~/modules/people/id-number";
import { encryptIdNumber, hashIdNumber } from "~/modules/people/id-number-crypto.server";
import { nameColumns, tibetanName } from "~/modules/people/names/keys";
import { stationsForVillages } from "~/modules/people/queries.server";
import { createPersonSchema } from "~/modules/people/schemas";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import { planVisitReminders } from "~/modules/reminders/scan.server";
import { reminderSettings } from "~/modules/reminders/settings.server";
import { intervalsForFiles } from "~/modules/visits/rules.server";
import { raggedRow, unsupportedDelimiter } from "~/utils/csv-input";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb, queryRows } from "~/utils/db.server";
import { maskIdNumber } from "~/utils/id-number-mask";
import { literal } from "~/utils/sql-literals";

/** One file of up to 100,000 rows (~13 MB in the template's columns) is checked and written all or nothing. */
export const IMPORT_MAX_ROWS = 100_000;
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

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
  { field: "nameBo", headers: ["藏文姓名", "namebo", "name_bo", "tibetan name"] },
  ...householdImportColumns,
] as const;

type Field = (typeof importColumns)[number]["field"];

export type ImportProblem = { row: number; field: string; message: Message };
export type ImportReport = {
  ok: boolean;
  rows: number;
  imported: number;
  problems: ImportProblem[];
  /** Set when the file itself could not be read. */
  fileProblem?: Message;
  /** Rows that look like files already in the user's scope or like other rows: nothing is written until accepted. */
  duplicates?: ImportDuplicate[];
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

/** Tibetan labels as typed: with or without the closing shad (དྭ་ཕྲུག་ / དྭ་ཕྲུག / དབང་པོ་སྐྱོན་ཅན།). */
function tibetanLabelMap(section: Record<string, string>) {
  const map = new Map<string, string>();
  for (const [code, label] of Object.entries(section)) {
    const bare = label.replace(/[\s\u0F0B\u0F0D]+$/u, "");
    for (const form of [label, bare, `${bare}\u0F0B`, `${bare}\u0F0D`]) map.set(form, code);
  }
  return map;
}

const categoryByLabel = new Map([
  ...labelMap(zhCommon.enum.personCategory),
  ...labelMap(enCommon.enum.personCategory),
  ...tibetanLabelMap(boCommon.enum.personCategory),
]);
const tierByLabel = new Map([
  ...labelMap(zhCommon.enum.riskTier, { 高: "high", 普通: "normal" }),
  ...labelMap(enCommon.enum.riskTier),
  ...tibetanLabelMap(boCommon.enum.riskTier),
]);
const sexByLabel = new Map([
  ...labelMap(zhCommon.enum.sex),
  ...labelMap(enCommon.enum.sex, { m: "male", f: "female" }),
  ...tibetanLabelMap(boCommon.enum.sex),
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
        "བཀྲ་ཤིས།",
        "540402101201-001",
        "户主",
      ],
    ],
  };
}

type ParsedRow = {
  line: number;
  values: Partial<Record<Field, string>>;
  ragged?: { found: number; expected: number };
};

function parseCsv(text: string): { rows: ParsedRow[]; problem?: Message } {
  // why: no skipEmptyLines, so a record's index is its line in the file (blank lines are dropped below).
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""));
  const records = result.data
    .map((cells, i) => ({ cells, line: i + 1 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (records.length === 0) return { rows: [], problem: "imports:people.empty" };
  const [{ cells: header }, ...body] = records;
  const delimiter = unsupportedDelimiter(header);
  if (delimiter) return { rows: [], problem: message("imports:people.delimiter", { delimiter }) };
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
      problem: message("imports:people.missingColumns", { columns: missing.join(", ") }),
    };
  if (body.length > IMPORT_MAX_ROWS)
    return { rows: [], problem: message("imports:people.tooManyRows", { max: IMPORT_MAX_ROWS }) };
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
  household?: ImportedHousehold;
};

/** The uploaded file as the audit log names it. */
export type ImportFile = { name: string; sha256: string };

export function importFileOf(file: { name: string; bytes: Uint8Array }): ImportFile {
  return { name: file.name.slice(0, 200), sha256: createHash("sha256").update(file.bytes).digest("hex") };
}

/**
 * Checks every row; writes nothing. Numbers registered outside the user's scope are answered without a place, and
 * the check is audited and limited per user (./id-elsewhere.server.ts).
 */
export async function validatePeopleCsv({
  user,
  actor,
  csvText,
  file = null,
  now = new Date(),
  limits = idCheckLimits(),
  db = defaultDb,
}: {
  user: SessionUser;
  actor: AuditActor;
  csvText: string;
  file?: ImportFile | null;
  now?: Date;
  limits?: IdCheckLimits;
  db?: DbOrTx;
}): Promise<{ report: ImportReport; valid: ValidRow[] }> {
  const today = todayInShanghai(now);
  const { rows, problem } = parseCsv(csvText);
  if (problem)
    return { report: { ok: false, rows: 0, imported: 0, problems: [], fileProblem: problem }, valid: [] };
  if (rows.length === 0)
    return {
      report: { ok: false, rows: 0, imported: 0, problems: [], fileProblem: "imports:people.empty" },
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
    const add = (field: string, problem: Message) => problems.push({ row: line, field, message: problem });
    if (ragged) {
      // why: a row with the wrong number of cells has its values in the wrong columns; say so, check nothing else.
      add("row", message("imports:people.fieldCount", ragged));
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
          byName.length > 1 ? "imports:people.villageAmbiguous" : "peopleRegister:errors.villageOutOfScope",
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
        message("imports:people.unknownCategory", { value: unknown.map((u) => u.slice(1)).join("、") }),
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
      nameBo: values.nameBo,
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
        if (field === "sex" && !values.sex && !sex) add("idNumber", "peopleRegister:errors.id.format");
        else add(field, issueMessage(issue));
      }
    }
    const placed = householdOfRow(values);
    if (placed.problem) add(placed.problem.field, placed.problem.message);
    if (problems.length > before || !parsed.success || !villageId) continue;
    const hash = hashIdNumber(parsed.data.idNumber);
    const earlier = seen.get(hash);
    if (earlier) {
      add("idNumber", message("imports:people.duplicateInFile", { row: earlier }));
      continue;
    }
    seen.set(hash, line);
    valid.push({ line, input: { ...parsed.data, villageId }, hash, household: placed.household });
  }
  problems.push(
    ...(await householdImportProblems(
      db,
      valid.flatMap((v) =>
        v.household ? [{ line: v.line, villageId: v.input.villageId, household: v.household }] : [],
      ),
    )),
  );
  // Numbers already registered: in the user's scope as before; elsewhere without saying where (one audit entry).
  const check = valid.length
    ? await checkIdNumbers({
        user,
        actor,
        hashes: valid.map((v) => v.hash),
        source: { kind: "import", file },
        now,
        limits,
      })
    : { refused: false as const, inScope: new Map<string, number>(), elsewhere: new Set<string>() };
  if (check.refused)
    return {
      report: {
        ok: false,
        rows: rows.length,
        imported: 0,
        problems: [],
        fileProblem: idCheckLimitMessage(limits),
      },
      valid: [],
    };
  for (const v of valid)
    if (check.inScope.has(v.hash))
      problems.push({ row: v.line, field: "idNumber", message: "peopleRegister:errors.duplicateId" });
    else if (check.elsewhere.has(v.hash))
      problems.push({
        row: v.line,
        field: "idNumber",
        message: "peopleRegister:errors.duplicateIdElsewhere",
      });
  problems.sort((a, b) => a.row - b.row);
  return { report: { ok: problems.length === 0, rows: rows.length, imported: 0, problems }, valid };
}

/** Rows per INSERT … SELECT FROM unnest(…): each column goes as one array parameter, so a batch is one statement. */
const WRITE_BATCH = 10_000;

/** One array parameter (drizzle would otherwise expand a JS array into a list of parameters). */
const array = (values: unknown[]) => sql.param(values);

/** All or nothing: the rows are written in one transaction only when every row is valid. */
// why: no form key — the report of a big file is not kept to be replayed, and a second post of the same file is
// refused row by row as numbers already registered.
export async function importPeopleCsv({
  user,
  actor,
  csvText,
  file = null,
  acceptDuplicates = false,
  now = new Date(),
  limits,
}: {
  user: SessionUser;
  actor: AuditActor;
  csvText: string;
  file?: ImportFile | null;
  /** The user ticked that the rows warned about as likely duplicates are other people. */
  acceptDuplicates?: boolean;
  now?: Date;
  limits?: IdCheckLimits;
}): Promise<ImportReport> {
  const { report, valid } = await validatePeopleCsv({ user, actor, csvText, file, now, limits });
  if (!report.ok) return report;
  if (!acceptDuplicates) {
    const duplicates = await importDuplicates({
      user,
      rows: valid.map((v) => ({ line: v.line, file: v.input })),
    });
    if (duplicates.length) return { ...report, ok: false, duplicates };
  }
  const today = todayInShanghai(now);
  const written = await defaultDb.transaction(async (tx) => {
    // The station of each village (one statement), and each file's first routine visit under the rules in force,
    // computed before the insert so people.next_due_on is written with the row (the visits trigger then has no work).
    // Station staff register people for their own station, as the form does; others get each village's.
    const stationOfVillage =
      user.scope.kind === "station"
        ? null
        : await stationsForVillages(
            tx,
            valid.map((v) => v.input.villageId),
          );
    const stationFor = (villageId: number) =>
      user.scope.kind === "station" ? user.scope.facilityId : (stationOfVillage?.get(villageId) ?? null);
    const intervals = await intervalsForFiles(
      tx,
      valid.map(({ input }) => ({
        categories: input.categories,
        riskTier: input.riskTier,
        villageId: input.villageId,
      })),
    );
    const dueOnByInterval = new Map<number, string>();
    const dueOn = (interval: number) => {
      let date = dueOnByInterval.get(interval);
      if (!date) {
        date = addDaysToDate(today, interval);
        dueOnByInterval.set(interval, date);
      }
      return date;
    };
    const assignee = user.scope.kind === "station" ? user.id : null;
    const ids: number[] = [];
    for (let i = 0; i < valid.length; i += WRITE_BATCH) {
      const chunk = valid.slice(i, i + WRITE_BATCH);
      // why: dates go as text[] (cast in SQL): drizzle hands postgres.js dates as strings, not date[] values.
      const columns = {
        fullName: [] as string[],
        nameBo: [] as (string | null)[],
        nameKey: [] as string[],
        nameSearch: [] as string[],
        sex: [] as string[],
        birthDate: [] as string[],
        cipher: [] as string[],
        hash: [] as string[],
        masked: [] as string[],
        villageId: [] as number[],
        stationId: [] as (number | null)[],
        address: [] as (string | null)[],
        phone: [] as (string | null)[],
        guardianName: [] as (string | null)[],
        guardianPhone: [] as (string | null)[],
        categories: [] as string[],
        riskTier: [] as string[],
        riskReason: [] as (string | null)[],
        riskSetBy: [] as (number | null)[],
        notes: [] as (string | null)[],
        nextDueOn: [] as (string | null)[],
      };
      chunk.forEach(({ input, hash }, j) => {
        const stationId = stationFor(input.villageId);
        columns.fullName.push(input.fullName);
        const names = nameColumns(input.fullName, input.nameBo);
        columns.nameBo.push(tibetanName(input.nameBo));
        columns.nameKey.push(names.nameKey);
        columns.nameSearch.push(names.nameSearch);
        columns.sex.push(input.sex);
        columns.birthDate.push(input.birthDate);
        columns.cipher.push(encryptIdNumber(input.idNumber));
        columns.hash.push(hash);
        columns.masked.push(maskIdNumber(input.idNumber));
        columns.villageId.push(input.villageId);
        columns.stationId.push(stationId);
        columns.address.push(input.address || null);
        columns.phone.push(input.phone || null);
        columns.guardianName.push(input.guardianName || null);
        columns.guardianPhone.push(input.guardianPhone || null);
        // why: categories are codes without commas; an array of arrays cannot go through unnest.
        columns.categories.push(input.categories.join(","));
        columns.riskTier.push(input.riskTier);
        columns.riskReason.push(input.riskReason || null);
        columns.riskSetBy.push(input.riskTier === "normal" ? null : user.id);
        columns.notes.push(input.notes || null);
        columns.nextDueOn.push(stationId === null ? null : dueOn(intervals[i + j]));
      });
      const inserted = await queryRows<{ id: number; station_id: number | null; next_due_on: string | null }>(
        tx,
        sql`insert into ${people} (full_name, name_bo, name_key, name_search, sex, birth_date, id_number_cipher, id_number_hash, id_number_masked,
              village_id, station_id, address, phone, guardian_name, guardian_phone, categories, risk_tier, risk_reason,
              risk_set_by, risk_set_at, notes, created_by, next_due_on)
            select u.full_name, u.name_bo, u.name_key, u.name_search, u.sex, u.birth_date::date, u.cipher, u.hash, u.masked, u.village_id, u.station_id, u.address,
              u.phone, u.guardian_name, u.guardian_phone, string_to_array(u.categories, ','), u.risk_tier, u.risk_reason,
              u.risk_set_by, case when u.risk_set_by is null then null else ${now.toISOString()}::timestamptz end, u.notes,
              ${user.id}::int, u.next_due_on::date
            from unnest(${array(columns.fullName)}::text[], ${array(columns.nameBo)}::text[],
              ${array(columns.nameKey)}::text[], ${array(columns.nameSearch)}::text[], ${array(columns.sex)}::text[],
              ${array(columns.birthDate)}::text[], ${array(columns.cipher)}::text[], ${array(columns.hash)}::text[],
              ${array(columns.masked)}::text[], ${array(columns.villageId)}::int[], ${array(columns.stationId)}::int[],
              ${array(columns.address)}::text[], ${array(columns.phone)}::text[], ${array(columns.guardianName)}::text[],
              ${array(columns.guardianPhone)}::text[], ${array(columns.categories)}::text[],
              ${array(columns.riskTier)}::text[], ${array(columns.riskReason)}::text[], ${array(columns.riskSetBy)}::int[],
              ${array(columns.notes)}::text[], ${array(columns.nextDueOn)}::text[])
              with ordinality as u(full_name, name_bo, name_key, name_search, sex, birth_date, cipher, hash, masked, village_id, station_id, address,
                phone, guardian_name, guardian_phone, categories, risk_tier, risk_reason, risk_set_by, notes,
                next_due_on, n)
            order by u.n
            returning id, station_id, next_due_on::text as next_due_on`,
      );
      ids.push(...inserted.map((r) => r.id));
      // Each file's first routine visit: one statement, due on the date already stored as next_due_on.
      const scheduled = inserted.filter((r) => r.station_id !== null);
      if (scheduled.length) {
        const created = await queryRows<{ id: number }>(
          tx,
          sql`insert into ${visits} (person_id, station_id, assigned_user_id, kind, due_on)
              select u.person_id, u.station_id, ${assignee}::int, ${literal(visits.kind, "routine")}, u.due_on::date
              from unnest(${array(scheduled.map((r) => r.id))}::int[], ${array(scheduled.map((r) => r.station_id))}::int[],
                ${array(scheduled.map((r) => r.next_due_on))}::text[]) as u(person_id, station_id, due_on)
              returning id`,
        );
        await planVisitReminders(
          { db: tx, now, settings: reminderSettings() },
          created.map((v) => v.id),
        );
      }
    }
    await placeImportedPeople(tx, {
      user,
      actor,
      rows: valid.flatMap((v, i) =>
        v.household
          ? [
              {
                personId: ids[i],
                villageId: v.input.villageId,
                address: v.input.address || null,
                household: v.household,
              },
            ]
          : [],
      ),
    });
    await recordAudit(tx, actor, {
      action: "person.import",
      entityType: "person",
      entityId: null,
      changes: { rows: ids.length, personIds: ids, ...(file ? { file } : {}) },
    });
    return { ...report, imported: ids.length };
  });
  if (written.imported) void nudgeReminders();
  return written;
}
