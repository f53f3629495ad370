// Personal data that must never leave in clear (issue 12): ID numbers typed with spaces or dashes reach neither the
// audit log nor any export, and every opening of a person's file is audited and listed for planners and auditors.
import ExcelJS from "exceljs";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIdNumber } from "~/modules/people/id-number";
import { decryptIdNumber } from "~/modules/people/id-number-crypto.server";
import { toCsv } from "~/utils/csv.server";
import { type AppServer, startAppServer } from "../support/app-server";
import {
  collectPageErrors,
  desktop,
  launchBrowser,
  newContext,
  phone,
  screenshot,
  signIn,
} from "../support/browser";
import type { HttpClient } from "../support/http";
import { type Fixtures, findFixtures, roleAccounts, signInAll } from "./support";

/** 18 digits (the last may be X) with any spaces or dashes between them, not inside a longer digit run. */
const idNumberLike = /(?<!\d)\d(?:[\s\-‐-―－]*\d){16}[\s\-‐-―－]*[\dXx](?!\d)/;
/** A digest or a UUID (a request or a session id) is not an ID number, though its digits may line up as one. */
const withoutDigests = (text: string) =>
  text
    .replace(/"sha256""?\s*:\s*""?[0-9a-f]{64}""?/g, "")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "");
const spaced = (id: string) => id.replace(/(.{4})/g, "$1 ").trim();
const dashed = (id: string) => `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`;

let app: AppServer;
let pg: postgres.Sql;
let clients: Awaited<ReturnType<typeof signInAll>>;
let fixtures: Fixtures;

beforeAll(async () => {
  app = await startAppServer({ database: "demo" });
  pg = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
  fixtures = await findFixtures(pg);
  clients = await signInAll(app.baseUrl);
});
afterAll(async () => {
  await pg?.end();
  await app?.stop();
});

async function idNumberOf(personId: number): Promise<string> {
  const [row] = await pg<
    { cipher: string }[]
  >`select id_number_cipher as cipher from people where id = ${personId}`;
  return decryptIdNumber(row.cipher);
}

async function xlsxText(res: Response): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const cells: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? "")))),
  );
  return cells.join("|");
}

describe("ID numbers typed with spaces or dashes", () => {
  it("reach neither the audit log nor any export after realistic actions", async () => {
    expect(idNumberLike.test(spaced("542522198505229855"))).toBe(true);
    // CI once read the digits of a request id in the audit log (",cbbe28d5-5977-4002-9220-66753a2eb86b") as one.
    expect(idNumberLike.test("127.0.0.1,cbbe28d5-5977-4002-9220-66753a2eb86b")).toBe(true);
    expect(idNumberLike.test(withoutDigests("127.0.0.1,cbbe28d5-5977-4002-9220-66753a2eb86b"))).toBe(false);
    expect(
      idNumberLike.test(
        withoutDigests(`请求 cbbe28d5-5977-4002-9220-66753a2eb86b ${dashed("542522198505229855")}`),
      ),
    ).toBe(true);
    const staff = clients.stationBaiba;
    const mine = fixtures.person[0]!;
    const myId = await idNumberOf(mine);
    const ngariId = await idNumberOf(fixtures.person[1]!);
    const [village] = await pg<{ id: number }[]>`select id from regions where code = '540402101202'`;
    const auditBefore = await pg<{ n: number }[]>`select max(id)::int as n from audit_log`;

    // Searching and exporting the register by a spaced number; revealing with the number in the reason.
    expect((await staff.get(`/people?q=${encodeURIComponent(spaced(myId))}`)).status).toBe(200);
    expect((await staff.get(`/people/export?q=${encodeURIComponent(dashed(myId))}`)).status).toBe(200);
    const reveal = await staff.post(`/people/${mine}.data`, {
      intent: "reveal",
      reason: `核对身份证 ${spaced(myId)} 办理救助`,
    });
    expect(reveal.status).toBe(200);
    // Emergency access by a dashed number, the number repeated in the reason.
    const glass = await staff.post("/access/emergency", {
      idNumber: dashed(ngariId),
      reason: `火灾后紧急安置，身份证 ${spaced(ngariId)}，需联系监护人`,
    });
    expect(glass.status).toBe(302);
    // Registering a number registered elsewhere (not the file the emergency grant just opened), typed with spaces.
    const [elsewhere] = await pg<{ id: number }[]>`
      select p.id from people p join regions v on v.id = p.village_id
      where v.code like '5425%' and p.id <> ${fixtures.person[1]!} order by p.id limit 1`;
    const otherId = await idNumberOf(elsewhere.id);
    const refused = await staff.post("/people/new", {
      fullName: "示例·空格号码",
      sex: Number(otherId[16]) % 2 ? "male" : "female",
      birthDate: `${otherId.slice(6, 10)}-${otherId.slice(10, 12)}-${otherId.slice(12, 14)}`,
      idNumber: spaced(otherId),
      villageId: String(village.id),
      categories: "dibao",
    });
    expect(await refused.text()).toContain("该身份证号已在其他辖区登记");
    // An import whose file name and rows carry spaced numbers.
    const fresh = buildIdNumber({ region6: "540402", birthDate: "1962-07-08", sequence: 981 });
    const form = new FormData();
    form.set(
      "file",
      new Blob(
        [
          toCsv(
            ["姓名", "出生日期", "身份证号", "村（代码或名称）", "类别", "备注"],
            [["示例·导入", "1962-07-08", spaced(fresh), "540402101202", "低保", `原号码 ${dashed(fresh)}`]],
          ),
        ],
        { type: "text/csv" },
      ),
      `名单 ${spaced(fresh)}.csv`,
    );
    expect((await staff.request("/people/import", { method: "POST", body: form })).status).toBe(200);

    // The audit log: every entry these actions wrote, and everything else in it (a digest is not an ID number).
    const written = await pg<
      { action: string }[]
    >`select action from audit_log where id > ${auditBefore[0].n}`;
    expect(new Set(written.map((w) => w.action))).toEqual(
      new Set([
        "search",
        "person.export",
        "person.reveal_id",
        "break_glass",
        "person.id_elsewhere",
        "person.import",
      ]),
    );
    const log = await pg<{ entry: string }[]>`
      select json_build_object('action', action, 'entity', entity_id, 'changes', changes, 'reason', reason, 'ip', ip)::text
        as entry from audit_log`;
    expect(log.length).toBeGreaterThan(written.length);
    for (const { entry } of log) expect(withoutDigests(entry), entry).not.toMatch(idNumberLike);
    expect(log.map((l) => l.entry).join("\n")).toContain(`${myId.slice(0, 4)}**********${myId.slice(-4)}`);

    // Every export the app offers, as the roles that make them.
    const planner = clients.plannerBayi;
    const exports: [string, HttpClient, string, "csv" | "xlsx"][] = [
      ["people", staff, "/people/export", "csv"],
      ["people (planner)", planner, "/people/export?status=all", "csv"],
      ["activities", planner, "/activities/export.csv", "csv"],
      ["year in review", planner, "/reports/year-in-review.xlsx?year=2023", "xlsx"],
      ["budget csv", clients.plannerNgari, "/budget/export?format=csv&year=2023", "csv"],
      ["budget xlsx", clients.plannerNgari, "/budget/export?format=xlsx&year=2023", "xlsx"],
      ["coverage", planner, "/coverage/export?table=villages", "csv"],
      ["facilities", planner, "/facilities/export", "csv"],
      ["audit log", clients.admin, "/audit.csv", "csv"],
    ];
    for (const [name, client, url, kind] of exports) {
      const res = await client.get(url);
      expect(res.status, name).toBe(200);
      const text = kind === "xlsx" ? await xlsxText(res) : await res.text();
      expect(text.length, `${name} is not empty`).toBeGreaterThan(200);
      const shown = withoutDigests(text);
      const found = idNumberLike.exec(shown);
      expect(
        found?.[0],
        `${name}: ${found ? shown.slice(Math.max(0, found.index - 60), found.index + 40) : ""}`,
      ).toBeUndefined();
    }
  });
});

describe("who opened a person's file", () => {
  it("records a view by station staff, shown on the file to the planner and in /audit to the auditor, not to the staff", async () => {
    const person = fixtures.person[1]!;
    const staffHtml = await (await clients.stationGar.get(`/people/${person}`)).text();
    expect(staffHtml).not.toContain('data-testid="file-views"');
    const [entry] = await pg<{ role: string; actor: string }[]>`
      select a.changes->>'role' as role, u.email as actor from audit_log a join users u on u.id = a.actor_user_id
      where a.action = 'person.view' and a.entity_id = ${String(person)} order by a.id desc limit 1`;
    expect(entry).toEqual({ role: "station_staff", actor: roleAccounts.stationGar });

    const plannerHtml = await (await clients.plannerNgari.get(`/people/${person}`)).text();
    expect(plannerHtml).toContain('data-testid="file-views"');
    const list = plannerHtml.slice(plannerHtml.indexOf('data-testid="file-views"'));
    expect(list).toContain(roleAccounts.stationGar);
    expect(list).toContain("社工站人员");
    // The planner's own view is recorded too, and comes first next time.
    const again = await (await clients.plannerNgari.get(`/people/${person}`)).text();
    const rows = again.slice(again.indexOf('data-testid="file-views"'));
    expect(rows.indexOf(roleAccounts.plannerNgari)).toBeLessThan(rows.indexOf(roleAccounts.stationGar));
    expect(rows).not.toContain(`/audit?entityType=person`);

    const auditorHtml = await (await clients.auditor.get(`/people/${person}`)).text();
    expect(auditorHtml).toContain(`/audit?entityType=person&amp;entityId=${person}`);
    const audit = await (
      await clients.auditor.get(`/audit?entityType=person&entityId=${person}&action=person.view`)
    ).text();
    expect(audit).toContain(roleAccounts.stationGar);
    expect(audit).toContain("person.view");
  });
});

describe("how it looks", () => {
  it("shows the planner the file's views and organization staff a linked child masked, at phone and desktop width", async () => {
    const browser = await launchBrowser();
    try {
      const [linked] = await pg<{ activity: number; name: string }[]>`
        select a.id as activity, p.full_name as name from activities a
        join activity_people ap on ap.activity_id = a.id join people p on p.id = ap.person_id
        join users u on u.organization_id = a.organization_id and u.email = ${roleAccounts.orgGar}
        where a.deleted_at is null and (p.birth_date > current_date - interval '18 years'
          or p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])
        order by a.id limit 1`;
      for (const [size, viewport] of [
        ["390", phone],
        ["1280", desktop],
      ] as const) {
        const context = await newContext(browser, viewport);
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        await signIn(page, app.baseUrl, roleAccounts.plannerNgari);
        await page.goto(`${app.baseUrl}/people/${fixtures.person[1]}`);
        await page.locator('[data-testid="file-views"]').scrollIntoViewIfNeeded();
        await expect(page.textContent('[data-testid="file-views"]')).resolves.toContain("查看记录");
        await screenshot(page, `people-file-views-${size}`);
        await context.clearCookies();
        await signIn(page, app.baseUrl, roleAccounts.orgGar);
        await page.goto(`${app.baseUrl}/activities/${linked.activity}`);
        const people = await page.textContent('[data-testid="people"]');
        expect(people).toContain("受保护的档案");
        expect(people).not.toContain(linked.name);
        await screenshot(page, `activity-child-masked-${size}`);
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
