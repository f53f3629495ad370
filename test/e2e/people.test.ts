// People's files in the browser: registering with a validated ID number, the masked register, an audited reveal,
// and organization staff refused a file outside their contract's area (by URL).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildIdNumber } from "~/modules/people/id-number";
import { collectPageErrors, newContext, screenshot, signIn } from "../support/browser";
import { HttpClient } from "../support/http";
import { startJourney } from "../support/journey";

describe("people in care", () => {
  const journey = startJourney();
  void sql;

  it("registers a person with a checked ID number and shows it masked, revealing it only with a logged reason", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${journey.app.baseUrl}/people/new`);
    const idNumber = buildIdNumber({ region6: "540402", birthDate: "1952-04-18", sequence: 941 });
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === "1" ? "2" : "1");
    await page.fill('input[name="fullName"]', "测试·央金");
    await page.fill('input[name="idNumber"]', wrongCheck);
    await page.selectOption('select[name="sex"]', "male");
    await page.fill('input[name="birthDate"]', "1952-04-18");
    await page.selectOption('select[name="villageId"]', { label: "开朗村" });
    await page.check('input[name="categories"][value="dibao"]');
    await page.click('.person-form button[type="submit"]');
    await expect(page.textContent(".field--invalid")).resolves.toContain("校验码不正确");
    await screenshot(page, "people-new-invalid-id");
    await page.fill('input[name="idNumber"]', idNumber);
    await Promise.all([
      page.waitForURL(/\/people\/\d+\?created=1/),
      page.click('.person-form button[type="submit"]'),
    ]);
    const masked = await page.textContent('[data-testid="masked-id"]');
    expect(masked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(await page.content()).not.toContain(idNumber);
    const [row] =
      await journey.sql`select id_number_cipher, id_number_masked from people where full_name = '测试·央金'`;
    expect(JSON.stringify(row)).not.toContain(idNumber);

    await page.click("text=查看完整号码");
    await page.fill('input[name="reason"]', "办理临时救助核对身份");
    await page.click(".reveal button[type=submit]");
    await expect(page.textContent('[data-testid="revealed-id"]')).resolves.toContain(idNumber);
    // The page's reload after the reveal audits its own view (person.view) after it.
    const [audit] =
      await journey.sql`select action, reason from audit_log where action <> 'person.view' order by id desc limit 1`;
    expect(audit).toMatchObject({ action: "person.reveal_id", reason: "办理临时救助核对身份" });
    await screenshot(page, "people-file-revealed");
    // Reloading shows the masked number again: the reveal is one action, one person, never cached.
    await page.goto(page.url());
    await expect(page.locator('[data-testid="revealed-id"]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the register with masked numbers and an overdue filter", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${journey.app.baseUrl}/people?overdue=1`);
    const rows = page.locator('[data-testid="people-table"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const code of await page.locator('[data-testid="people-table"] code').allTextContents())
      expect(code).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    await screenshot(page, "people-register-overdue");
    await context.close();
  });

  it("exports masked numbers by default and full numbers only to a planner who gives a reason, audited", async () => {
    const staff = new HttpClient(journey.app.baseUrl);
    await staff.signIn("station.baiba@demo.local");
    const masked = await (await staff.get("/people/export")).text();
    expect(masked).toMatch(/5404\*{10}[\dX]{4}/);
    expect(masked).not.toMatch(/\d{17}[\dX]/);
    // Station staff may ask for phones and addresses in full, never for ID numbers.
    const staffFull = await staff.post("/people/export", { unmasked: "1", reason: "核对" });
    expect(staffFull.status).toBe(200);
    expect(await staffFull.text()).not.toMatch(/\d{17}[\dX]/);

    const planner = new HttpClient(journey.app.baseUrl);
    await planner.signIn("planner.bayi@demo.local");
    expect((await planner.post("/people/export", { unmasked: "1" })).status).toBe(400);
    const full = await planner.post("/people/export?village=", { unmasked: "1", reason: "年度低保复核" });
    expect(full.status).toBe(200);
    expect(await full.text()).toMatch(/540402\d{11}[\dX]/);
    const [entry] =
      await journey.sql`select action, reason, changes from audit_log where action = 'person.export_unmasked' order by id desc limit 1`;
    expect(entry).toMatchObject({ action: "person.export_unmasked", reason: "年度低保复核" });
  });

  it("refuses organization staff a person's file outside their contract's area, by URL", async () => {
    // Gar county's community-service centre runs stations in Ngari; a Bayi person is outside its area.
    const [outside] = await journey.sql`select p.id from people p join regions v on v.id = p.village_id
      where v.code like '540402%' and not (p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])
        and p.birth_date < current_date - interval '18 years' order by p.id limit 1`;
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "org.gar@demo.local");
    const response = await page.goto(`${journey.app.baseUrl}/people/${outside.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.textContent(".error-page h1")).resolves.toContain("页面不存在");
    await screenshot(page, "people-org-outside-area");
    // Inside its area the same staff can open an adult's file, with phone and address masked.
    await page.goto(`${journey.app.baseUrl}/people`);
    const first = page.locator('[data-testid="people-table"] tbody tr a').first();
    if ((await first.count()) > 0) {
      await first.click();
      await expect(page.textContent(".person-file")).resolves.toContain("已脱敏");
    }
    await context.close();

    const http = new HttpClient(journey.app.baseUrl);
    await http.signIn("org.gar@demo.local");
    expect((await http.get(`/people/${outside.id}`)).status).toBe(404);
    const reveal = await http.post(`/people/${outside.id}`, { intent: "reveal", reason: "x" });
    expect([403, 404]).toContain(reveal.status);
    expect(await reveal.text()).not.toMatch(/\d{17}[\dX]/);
    expect((await http.get(`/people/${outside.id}/edit`)).status).toBe(403);
  });
});
