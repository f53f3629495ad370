// Work in the field in the browser (issue 13): two people editing one file online — the second save gets the conflict
// view, both versions side by side, and keeping one settles it; a structured home-visit record on a phone, which says
// when the next visit is due and shows on the person's file.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { collectPageErrors, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

describe("work in the field", () => {
  const journey = startJourney();

  it("two browsers edit one person's file: the second save gets the conflict view and nothing is lost", async () => {
    const [person] = await journey.sql<{ id: number }[]>`
      select p.id from people p join facilities f on f.id = p.station_id
      where f.code = '540402101000-SW01' and p.status = 'active'
        and p.birth_date < current_date - interval '18 years' order by p.id desc limit 1`;
    const first = await newContext(journey.browser);
    const second = await newContext(journey.browser, phone);
    const a = await first.newPage();
    const b = await second.newPage();
    const errors = [...collectPageErrors(a), ...collectPageErrors(b)];
    await Promise.all([
      signIn(a, journey.app.baseUrl, "station.baiba.head@demo.local"),
      signIn(b, journey.app.baseUrl, "station.baiba@demo.local"),
    ]);
    await Promise.all([
      a.goto(`${journey.app.baseUrl}/people/${person.id}/edit`),
      b.goto(`${journey.app.baseUrl}/people/${person.id}/edit`),
    ]);
    await a.fill('textarea[name="notes"]', "站长：独居，冬季需要取暖帮助");
    await Promise.all([a.waitForURL(/\/people\/\d+$/), a.click('.person-form button[type="submit"]')]);

    await b.fill('input[name="phone"]', "13900001111");
    await b.click('.person-form button[type="submit"]');
    await b.waitForSelector('[data-testid="conflict-notice"]');
    expect(await b.textContent(".person-form")).toContain("此记录已被他人修改，已放入冲突待处理");
    await screenshot(b, "field-conflict-notice-390");
    await Promise.all([b.waitForURL(/\/conflicts\/\d+$/), b.click('[data-testid="conflict-notice"] a')]);
    const versions = await b.textContent('[data-testid="conflict-versions"]');
    expect(versions).toContain("站长：独居，冬季需要取暖帮助");
    expect(versions).toContain("13900001111");
    // The village and the station by their names, not their ids; the station the form did not carry reads as a difference.
    const [place] = await journey.sql<{ village: string; station: string }[]>`
      select v.name as village, f.name as station
      from people p join regions v on v.id = p.village_id join facilities f on f.id = p.station_id
      where p.id = ${person.id}`;
    const versionRow = (label: string) =>
      b.locator('[data-testid="conflict-versions"] tbody tr', { has: b.locator(`th:text-is("${label}")`) });
    expect(await versionRow("村").locator("td").first().textContent()).toContain(place.village);
    expect(await versionRow("社工站").locator("td").allTextContents()).toEqual([place.station, "—"]);
    expect(await versionRow("社工站").getAttribute("class")).toContain("conflict-table__differs");
    expect(await versionRow("姓名").getAttribute("class")).toBeNull();
    // Both versions on the phone's screen, not in a box scrolled sideways (the wide-table rule once cut "mine" off).
    const fits = await b.$eval('[data-testid="conflict-versions"]', (table) => {
      const box = table.parentElement!;
      return { scroll: box.scrollWidth, client: box.clientWidth, right: table.getBoundingClientRect().right };
    });
    expect(fits.scroll).toBeLessThanOrEqual(fits.client);
    expect(fits.right).toBeLessThanOrEqual(390);
    await screenshot(b, "field-conflict-view-390");
    await Promise.all([b.waitForURL(/resolved=1/), b.click("text=保留我的版本")]);
    expect(await b.textContent('[data-testid="conflict-resolved"]')).toContain("保留了我的版本");
    const [row] = await journey.sql`select phone, notes from people where id = ${person.id}`;
    // Keeping mine applies the worker's whole form: their phone, and the notes as they saw them.
    expect(row.phone).toBe("13900001111");
    await a.setViewportSize({ width: 1280, height: 860 });
    await a.goto(`${journey.app.baseUrl}/conflicts?status=all`);
    expect(await a.textContent('[data-testid="conflict-list"]')).toContain("保留了我的版本");
    await screenshot(a, "field-conflict-list-1280");
    expect(errors).toEqual([]);
    await first.close();
    await second.close();
  });

  it("records a structured home visit on a phone, says when the next visit is due and shows it on the file", async () => {
    const [visit] = await journey.sql<{ id: number; person_id: number }[]>`
      select v.id, v.person_id from visits v join facilities f on f.id = v.station_id join people p on p.id = v.person_id
      where f.code = '540402101000-SW01' and v.status = 'scheduled' and v.kind = 'routine' and p.status = 'active'
        and p.birth_date < current_date - interval '18 years' order by v.id limit 1`;
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${journey.app.baseUrl}/visits/${visit.id}`);
    await page.check('input[name="outcome"][value="needs_follow_up"]');
    await page.fill('input[name="followUpReason"]', "取暖不足，回访确认煤炭送达");
    await page.click('[data-testid="record-fields"] summary');
    await page.check('input[name="seen"][value="person"]');
    await page.check('input[name="heating"][value="insufficient"]');
    await page.check('input[name="needs"][value="heating"]');
    await page.check('input[name="needs"][value="food"]');
    await page.check('input[name="referrals"][value="temporary_assistance"]');
    await page.fill('textarea[name="services"]', "送去棉被一床");
    const photo = await sharp({
      create: { width: 800, height: 600, channels: 3, background: "#8a6d3b" },
    })
      .jpeg()
      .toBuffer();
    await page.setInputFiles('.record-card input[name="photo"]', {
      name: "屋内.jpg",
      mimeType: "image/jpeg",
      buffer: photo,
    });
    // Picked online, the photo goes up at once as a resumable upload; the form then names it instead of carrying it.
    await page.waitForSelector('.record-card input[type="hidden"][name="photoUpload"]', {
      state: "attached",
    });
    expect(await page.locator('.record-card input[type="file"][name="photo"]').count()).toBe(0);
    await screenshot(page, "field-record-form-390");
    await Promise.all([page.waitForURL(/recorded=1/), page.click(".record-card button[type=submit]")]);
    expect(await page.textContent('[data-testid="next-due"]')).toMatch(/下一次走访：/);
    expect(await page.textContent('[data-testid="referrals"]')).toContain("临时救助");
    // The photo is shown on the visit page: a thumbnail that opens the photo, both served to this reader.
    const [stored] = await journey.sql<
      { id: number }[]
    >`select id from visit_photos where visit_id = ${visit.id}`;
    expect(stored).toBeDefined();
    const thumb = page.locator(
      `[data-testid="visit-photos"] img[src="/visits/${visit.id}/photos/${stored.id}.thumb"]`,
    );
    await thumb.waitFor();
    // why: decode() waits for the image to arrive (on a busy machine it may still be loading); it fails if broken.
    expect(
      await thumb.evaluate((img: HTMLImageElement) =>
        img.decode().then(
          () => img.naturalWidth > 0,
          () => false,
        ),
      ),
    ).toBe(true);
    expect(await page.locator('[data-testid="visit-photos"] a').getAttribute("href")).toBe(
      `/visits/${visit.id}/photos/${stored.id}`,
    );
    const full = await page.request.get(`${journey.app.baseUrl}/visits/${visit.id}/photos/${stored.id}`);
    expect(full.status()).toBe(200);
    expect(full.headers()["content-type"]).toBe("image/jpeg");
    expect(full.headers()["cache-control"]).toContain("no-store");
    await screenshot(page, "field-recorded-390");
    await page.goto(`${journey.app.baseUrl}/people/${visit.person_id}`);
    expect(await page.textContent('[data-testid="timeline-needs"]')).toContain("取暖");
    expect(
      await page
        .locator(
          `[data-testid="visit-record-timeline"] [data-testid="visit-photos"] a[href="/visits/${visit.id}/photos/${stored.id}"]`,
        )
        .count(),
    ).toBe(1);
    await screenshot(page, "field-file-timeline-390");
    // Another station's staff cannot open it, nor guess it through another visit's address.
    const outside = await newContext(journey.browser, phone);
    const stranger = await outside.newPage();
    await signIn(stranger, journey.app.baseUrl, "staff.542523100000-sw01@demo.local");
    expect(
      (
        await stranger.request.get(`${journey.app.baseUrl}/visits/${visit.id}/photos/${stored.id}.thumb`)
      ).status(),
    ).toBe(404);
    await outside.close();
    const [otherVisit] = await journey.sql<
      { id: number }[]
    >`select id from visits where id <> ${visit.id} and station_id = (select station_id from visits where id = ${visit.id}) limit 1`;
    expect(
      (await page.request.get(`${journey.app.baseUrl}/visits/${otherVisit.id}/photos/${stored.id}`)).status(),
    ).toBe(404);
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${journey.app.baseUrl}/visits/stats`);
    // This month's needs found include the two just recorded.
    expect(
      Number((await page.textContent('[data-testid="needs-found-total"]'))?.replace(/\D/g, "")),
    ).toBeGreaterThanOrEqual(2);
    await screenshot(page, "field-stats-1280");
    expect(errors).toEqual([]);
    await context.close();
  });
});
