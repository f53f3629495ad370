// User text is escaped everywhere it is shown: hostile names, summaries and notes (written straight into the
// database, past any form validation) must not run or inject markup in the pages and the map, must not become
// formulas in CSV or XLSX exports, and must reach reminder emails and group-robot webhooks as plain text only.
import http from "node:http";
import ExcelJS from "exceljs";
import nodemailer from "nodemailer";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { postWebhook, sendEmail } from "~/modules/reminders/channels.server";
import { renderReminder } from "~/modules/reminders/messages.server";
import { newContext, signIn } from "../support/browser";
import { HttpClient } from "../support/http";
import { startJourney } from "../support/journey";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "</script><script>alert(1)</script>";
const SVG = `"'><svg onload=alert(1)>`;
// Each value also starts like a spreadsheet formula, so the same records test the exports.
const hostile = {
  organization: `=cmd|' /C calc'!A0 ${IMG}`,
  facility: `+1+1 ${SVG}`,
  activity: `-2+3 ${SCRIPT}`,
  person: `@SUM(A1) ${IMG}`,
  notes: `\t=1+1 ${SCRIPT}`,
  township: `=1+2 ${SVG}`,
  contract: `@x ${IMG}`,
};
const MARK = "alert(1)";

describe("hostile user text", () => {
  const journey = startJourney();
  let ids: { organization: number; facility: number; activity: number; person: number; contract: number };

  beforeAll(async () => {
    // why: every row, so whichever record a page, marker or export happens to show carries a payload.
    await journey.sql`update organizations set name = ${hostile.organization} || ' #' || id`;
    await journey.sql`update facilities set name = ${hostile.facility} || ' #' || id`;
    await journey.sql`update activities set summary = ${hostile.activity} || ' #' || id`;
    await journey.sql`update people set full_name = ${hostile.person} || ' #' || id, notes = ${hostile.notes}`;
    await journey.sql`update regions set name = ${hostile.township} || ' #' || id where level = 'township'`;
    await journey.sql`update contracts set title = ${hostile.contract} || ' #' || id`;
    const one = async (q: string) => (await journey.sql.unsafe<{ id: number }[]>(q))[0].id;
    ids = {
      organization: await one("select id from organizations order by id limit 1"),
      facility: await one("select id from facilities order by id limit 1"),
      activity: await one("select id from activities order by id limit 1"),
      person: await one(
        "select id from people where status = 'active' and birth_date < now() - interval '18 years' order by id limit 1",
      ),
      contract: await one("select id from contracts order by id limit 1"),
    };
  });

  /** Nothing injected: no alert, no element the payloads would create, no script carrying them. */
  async function injected(page: Page): Promise<number> {
    return page.evaluate(
      (mark) =>
        document.querySelectorAll('img[src="x"], img[onerror], svg[onload], [onload], [onerror]').length +
        // An injected <script>alert(1)</script> would be a script element of its own; loader data in Remix's
        // scripts carries the text JSON-escaped, which is fine.
        [...document.scripts].filter((s) => s.textContent?.trim() === mark).length,
      MARK,
    );
  }

  it("renders list and detail pages and the map card without running or injecting anything", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, journey.app.baseUrl, "admin@demo.local");
    const pages = [
      "/organizations",
      `/organizations/${ids.organization}`,
      "/facilities",
      `/facilities/${ids.facility}`,
      "/activities",
      `/activities/${ids.activity}`,
      "/people",
      `/people/${ids.person}`,
      "/contracts",
      `/contracts/${ids.contract}`,
      "/coverage",
    ];
    const shown = new Set<string>();
    for (const path of pages) {
      const res = await page.goto(`${journey.app.baseUrl}${path}`);
      expect(res?.status(), path).toBeLessThan(400);
      await page.waitForLoadState("networkidle");
      expect(await injected(page), path).toBe(0);
      const text = await page.evaluate(() => document.body.textContent);
      for (const [field, value] of Object.entries(hostile)) if (text.includes(value.trim())) shown.add(field);
    }
    // The payloads were on the pages, as text.
    expect([...shown].sort()).toEqual(
      expect.arrayContaining(["activity", "contract", "facility", "organization", "person"]),
    );

    await page.goto(`${journey.app.baseUrl}/map`);
    await page.waitForSelector(".leaflet-container");
    let opened = false;
    for (let i = 0; i < 8 && !opened; i++) {
      const marker = page.locator(".map-marker [data-facility-id]").first();
      if (await marker.count()) {
        await marker.click();
        opened = true;
      } else {
        await page.locator(".map-cluster").first().click();
        await page.waitForTimeout(400);
      }
    }
    expect(opened).toBe(true);
    await page.waitForTimeout(500);
    // Township tooltips (React children of react-leaflet's Tooltip) on hover.
    const township = page.locator("path.map-township").first();
    if (await township.count()) await township.hover({ force: true });
    await page.waitForTimeout(300);
    expect(await injected(page)).toBe(0);
    expect(await page.evaluate(() => document.body.textContent)).toContain(hostile.facility);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  function neutralised(cells: unknown[][], where: string) {
    const carrying = cells.flat().filter((c): c is string => typeof c === "string" && c.includes(MARK));
    for (const cell of carrying) expect(cell, `${where}: ${cell}`).toMatch(/^'[=+\-@\t\r]/);
    return carrying.length;
  }

  it("neutralises formula-like cells in every CSV export", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("admin@demo.local");
    const csvPaths = [
      "/facilities/export",
      "/people/export",
      "/activities/export.csv",
      "/coverage/export?table=townships",
      "/coverage/export?table=stations",
      "/audit.csv",
      "/budget/export?format=csv&table=contracts",
    ];
    let total = 0;
    for (const path of csvPaths) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      const text = (await res.text()).replace(/^\uFEFF/, "");
      total += neutralised(Papa.parse<string[]>(text).data, path);
    }
    expect(total).toBeGreaterThan(0);
  });

  it("neutralises formula-like cells in the XLSX exports, read back with exceljs", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("admin@demo.local");
    let total = 0;
    for (const path of ["/budget/export?format=xlsx", "/reports/year-in-review.xlsx"]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      workbook.eachSheet((sheet) => {
        const cells: unknown[][] = [];
        sheet.eachRow((row) => {
          const values: unknown[] = [];
          row.eachCell((cell) => {
            expect(cell.formula, `${path} ${cell.address}`).toBeFalsy();
            values.push(cell.value);
          });
          cells.push(values);
        });
        total += neutralised(cells, `${path} ${sheet.name}`);
      });
    }
    expect(total).toBeGreaterThan(0);
  });

  it("sends reminders as plain-text email (no HTML part) and as text-type robot messages, not markdown", async () => {
    const message = renderReminder(
      "visit_overdue",
      { personName: hostile.person, villageName: `[点我](http://evil.example) ${IMG}`, dueOn: "2024-01-01" },
      "zh-CN",
      new Date("2024-02-01T02:00:00Z"),
    );
    expect(`${message.title}\n${message.body}`).toContain(hostile.person);

    const sent: Record<string, unknown>[] = [];
    const spy = vi.spyOn(nodemailer, "createTransport").mockImplementation(
      () =>
        ({
          sendMail: async (mail: Record<string, unknown>) => {
            sent.push(mail);
            return {};
          },
        }) as never,
    );
    try {
      await sendEmail({
        smtpUrl: `smtp://escaping-test-${Date.now()}.invalid`,
        from: "noreply@example.com",
        to: "staff@example.com",
        message,
        reminderId: 1,
      });
    } finally {
      spy.mockRestore();
    }
    expect(sent).toHaveLength(1);
    // Plain text only: a mail client never renders the names as HTML.
    expect(sent[0].html).toBeUndefined();
    expect(`${sent[0].subject}\n${sent[0].text}`).toContain(IMG);
    expect(String(sent[0].subject)).not.toMatch(/[\r\n]/);

    let body = "";
    const server = http.createServer((req, res) => {
      req.setEncoding("utf8");
      req.on("data", (d) => (body += d));
      req.on("end", () => res.end('{"errcode":0}'));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as { port: number };
      await postWebhook({ url: `http://127.0.0.1:${port}/robot`, message });
    } finally {
      server.close();
    }
    const posted = JSON.parse(body) as { msgtype: string; text: { content: string }; markdown?: unknown };
    // WeCom and DingTalk show "text" messages verbatim: no markdown links, no HTML, no @-mentions from content.
    expect(posted.msgtype).toBe("text");
    expect(posted.markdown).toBeUndefined();
    expect(posted.text.content).toContain(hostile.person);
  });
});
