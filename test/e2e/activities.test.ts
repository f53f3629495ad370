// Journeys of issue 5: an organization logs an activity with a photo on a phone and sees it count toward its
// contract; a planner flags it; the organization sees the flag and answers it.

import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

describe("activities: logging on a phone, review and flags", () => {
  const journey = startJourney();
  let contract: { id: number; code: string };
  let personName: string;
  let activityId: number;
  const summary = `狮泉河镇敬老院重阳节探访 ${Date.now() % 100000}`;

  beforeAll(async () => {
    [contract] = await journey.sql<{ id: number; code: string }[]>`
      select id, code from contracts where code like 'ALI-%-SW-03' and status = 'active'`;
    // An adult: a child's file is shown to organization staff masked and found only by the full name.
    const [person] = await journey.sql<{ full_name: string }[]>`
      select p.full_name from people p join regions v on v.id = p.village_id
      where v.code like '542523100%' and p.status = 'active' and p.birth_date < current_date - interval '18 years'
        and not (p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])
      order by p.id limit 1`;
    personName = person.full_name;
  });

  it("lets organization staff log an activity with a photo at phone width and see it in the contract's progress", async () => {
    const context = await newContext(journey.browser, phone);
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 32.5003, longitude: 80.1057, accuracy: 25 });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "org.gar@demo.local");
    await page.goto(`${journey.app.baseUrl}/activities/new`);
    await page.selectOption('select[name="contractId"]', String(contract.id));
    const doneBefore = Number(
      await page.getAttribute(
        '[data-testid="contract-summary"] [data-testid="progress-activities"]',
        "data-done",
      ),
    );
    await page.selectOption('select[name="kind"]', "home_visit");
    await page.fill('input[name="participants"]', "8");
    await page.fill('input[name="personTimes"]', "8");
    await page.fill('input[name="hours"]', "3");
    await page.fill('textarea[name="summary"]', summary);
    await page.fill('[data-testid="people-picker"] input[type="search"]', personName.split("·").pop()!);
    await page.locator('[data-testid="people-results"] button', { hasText: personName }).first().click();
    await page.click("text=使用当前位置");
    await page.waitForSelector('[data-testid="gps-point"]');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3a8f7d" } })
      .jpeg()
      .toBuffer();
    await page.setInputFiles('input[name="photo"]', {
      name: "重阳节.jpg",
      mimeType: "image/jpeg",
      buffer: photo,
    });
    await screenshot(page, "activities-log-phone-form");
    await Promise.all([
      page.waitForURL(/\/activities\/\d+\?logged=1/),
      page.click('[data-testid="log-submit"]'),
    ]);
    activityId = Number(/\/activities\/(\d+)/.exec(page.url())![1]);
    await expect(page.textContent('[data-testid="flash"]')).resolves.toContain("活动已记录");
    await expect(page.textContent('[data-testid="summary"]')).resolves.toBe(summary);
    await expect(page.textContent('[data-testid="people"]')).resolves.toContain(personName);
    const img = page.locator('[data-testid="photos"] img').first();
    await img.waitFor();
    // The thumbnail is served through a scope-checked route; wait until the browser has decoded it.
    await img.evaluate((el: HTMLImageElement) =>
      el.complete
        ? undefined
        : new Promise((resolve) => el.addEventListener("load", resolve, { once: true })),
    );
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
    const doneAfter = Number(
      await page.getAttribute(
        '[data-testid="detail-progress"] [data-testid="progress-activities"]',
        "data-done",
      ),
    );
    expect(doneAfter).toBe(doneBefore + 1);
    await screenshot(page, "activities-logged-phone-detail");

    // The review feed, filtered to the contract, shows it and the updated progress.
    await page.goto(`${journey.app.baseUrl}/activities?contract=${contract.id}`);
    await expect(page.textContent('[data-testid="activity-list"]')).resolves.toContain(summary);
    const card = page.locator(
      `[data-testid="contract-progress-${contract.code}"] [data-testid="progress-activities"]`,
    );
    expect(Number(await card.getAttribute("data-done"))).toBe(doneAfter);
    await screenshot(page, "activities-feed-phone");
    const [row] = await journey.sql<
      { lat: number; coord_quality: string }[]
    >`select lat, coord_quality from activities where id = ${activityId}`;
    expect(row.lat).toBeCloseTo(32.5003, 3);
    expect(row.coord_quality).toBe("surveyed");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("checks the activity form as it is filled in and holds back a post with a mistake, without a round trip", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "org.gar@demo.local");
    await page.goto(`${journey.app.baseUrl}/activities/new?contractId=${contract.id}`);
    // The checks load after the page (the schema is not in its first download).
    await page.waitForLoadState("networkidle");
    const posts: string[] = [];
    page.on("request", (r) => void (r.method() === "POST" && posts.push(r.url())));
    const hours = page.locator("#log-activity-hours");
    await hours.fill("1.25");
    expect(await page.locator("#log-activity-hours-error").count()).toBe(0);
    await hours.press("Tab");
    await expect(page.locator("#log-activity-hours-error").textContent()).resolves.toContain("一位小数");
    expect(await hours.getAttribute("aria-invalid")).toBe("true");
    // Checked once, the field is checked again as it is typed in.
    await hours.fill("1.5");
    await page.waitForSelector("#log-activity-hours-error", { state: "detached" });
    expect(await hours.getAttribute("aria-invalid")).toBeNull();

    await page.selectOption('select[name="kind"]', "home_visit");
    await page.fill('input[name="participants"]', "3");
    await page.click('[data-testid="log-submit"]');
    await page.waitForSelector("#log-activity-summary-error");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("summary");
    await expect(page.locator('[data-testid="form-errors"]').textContent()).resolves.toContain("此项必填");
    expect(posts).toEqual([]);
    expect(page.url()).toContain("/activities/new");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets a planner flag the activity from the review feed", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/activities`);
    await expect(page.textContent('[data-testid="progress-panel"]')).resolves.toContain(contract.code);
    await screenshot(page, "activities-review-feed-planner");
    await page.click(`a[href="/activities/${activityId}"]`);
    await page.waitForURL(`${journey.app.baseUrl}/activities/${activityId}`);
    await page.fill("#flag-comment", "照片中的人数与登记的参与人数不符，请补充说明。");
    await page.click('[data-testid="flag-form"] button');
    await page.waitForSelector('[data-testid="flag"]');
    await expect(page.textContent('[data-testid="flags"]')).resolves.toContain("照片中的人数");
    await expect(page.textContent('[data-testid="flag"]')).resolves.toContain("待回复");
    await screenshot(page, "activities-flagged-planner");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the organization the flag, in the feed, the bell and the activity, and takes its answer", async () => {
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "org.gar@demo.local");
    await expect(page.textContent('[data-testid="unread-count"]')).resolves.toBe("1");
    await page.goto(`${journey.app.baseUrl}/activities`);
    await expect(page.textContent('[data-testid="open-flags-notice"]')).resolves.toContain("1");
    await page.click('[data-testid="open-flags-notice"] a');
    await page.waitForURL(/flagged=open/);
    await page.click(`a[href="/activities/${activityId}"]`);
    await expect(page.textContent('[data-testid="flags"]')).resolves.toContain("照片中的人数");
    await page.fill(
      `[data-testid="flag"] textarea[name="response"]`,
      "当天实到 8 人，照片只拍到其中一部分。",
    );
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click('[data-testid="flag"] button[type="submit"]'),
    ]);
    await expect(page.textContent('[data-testid="flag-response"]')).resolves.toContain("当天实到 8 人");
    await screenshot(page, "activities-flag-answered-phone");
    const [flag] = await journey.sql<
      { status: string }[]
    >`select status from activity_flags where activity_id = ${activityId}`;
    expect(flag.status).toBe("answered");
    await context.close();
  });

  it("logs an activity with a person and a photo on a phone without JavaScript", async () => {
    const context = await newContext(journey.browser, phone, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "org.gar@demo.local");
    await page.goto(`${journey.app.baseUrl}/activities/new?contractId=${contract.id}`);
    await page.selectOption('select[name="kind"]', "health_check");
    await page.fill('input[name="participants"]', "5");
    await page.fill('input[name="personTimes"]', "5");
    await page.fill('input[name="hours"]', "1.5");
    await page.fill('textarea[name="summary"]', "无脚本：乡卫生院健康体检");
    // The search button submits the form as GET; the page comes back with the values kept and matches to tick.
    await page.fill('[data-testid="people-picker"] input[type="search"]', personName.split("·").pop()!);
    await Promise.all([
      page.waitForURL(/search=1/),
      page.click('[data-testid="people-picker"] button[type="submit"]'),
    ]);
    await expect(page.inputValue('textarea[name="summary"]')).resolves.toBe("无脚本：乡卫生院健康体检");
    await page.check(`[data-testid="people-results"] input[type="checkbox"]`);
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#8a5cb8" } })
      .png()
      .toBuffer();
    await page.setInputFiles('input[name="photo"]', {
      name: "体检.png",
      mimeType: "image/png",
      buffer: photo,
    });
    await screenshot(page, "activities-log-phone-no-js");
    await Promise.all([
      page.waitForURL(/\/activities\/\d+\?logged=1/),
      page.click('[data-testid="log-submit"]'),
    ]);
    await expect(page.textContent('[data-testid="people"]')).resolves.toContain(personName);
    await expect(page.locator('[data-testid="photos"] img').count()).resolves.toBe(1);
    await context.close();
  });

  it("sends a change to an activity logged weeks ago to a planner, who approves it", async () => {
    const [old] = await journey.sql<{ id: number; participants: number }[]>`
      update activities set created_at = now() - interval '30 days'
      where id = (select id from activities where contract_id = ${contract.id} and deleted_at is null
                  and id <> ${activityId} order by occurred_on desc limit 1)
      returning id, participants`;
    const orgContext = await newContext(journey.browser, phone);
    const org = await orgContext.newPage();
    await signIn(org, journey.app.baseUrl, "org.gar@demo.local");
    await org.goto(`${journey.app.baseUrl}/activities/${old.id}/edit`);
    await expect(org.textContent('[data-testid="approval-notice"]')).resolves.toContain("7 天");
    await org.fill('input[name="participants"]', String(old.participants + 2));
    await org.fill('input[name="personTimes"]', String(old.participants + 2));
    await org.fill('input[name="reason"]', "补录两名参加者");
    await screenshot(org, "activities-edit-request-phone");
    await Promise.all([org.waitForURL(/edited=requested/), org.click('[data-testid="edit-submit"]')]);
    await expect(org.textContent('[data-testid="edit-requests"]')).resolves.toContain("待审核");
    const [unchanged] = await journey.sql<
      { participants: number }[]
    >`select participants from activities where id = ${old.id}`;
    expect(unchanged.participants).toBe(old.participants);
    await orgContext.close();

    const plannerContext = await newContext(journey.browser, desktop);
    const planner = await plannerContext.newPage();
    await signIn(planner, journey.app.baseUrl, "planner.ngari@demo.local");
    await planner.goto(`${journey.app.baseUrl}/activities`);
    await planner.click(`[data-testid="pending-edits"] a[href="/activities/${old.id}"]`);
    await planner.waitForSelector('[data-testid="edit-requests"]');
    await screenshot(planner, "activities-edit-request-planner");
    await planner.click('button[name="decision"][value="approved"]');
    await planner.waitForSelector("text=已同意");
    const [changed] = await journey.sql<
      { participants: number }[]
    >`select participants from activities where id = ${old.id}`;
    expect(changed.participants).toBe(old.participants + 2);
    await plannerContext.close();
  });

  it("shows the month calendar for the station and exports it as CSV", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    const [facility] = await journey.sql<
      { facility_id: number }[]
    >`select facility_id from activities where id = ${activityId}`;
    await page.goto(`${journey.app.baseUrl}/activities/calendar?facility=${facility.facility_id}`);
    await expect(page.textContent('[data-testid="calendar-list"]')).resolves.toContain(summary);
    await screenshot(page, "activities-calendar-station");
    const href = await page.getAttribute('[data-testid="calendar-csv"]', "href");
    const bytes = await page.evaluate(
      async (url) => [...new Uint8Array(await (await fetch(url!)).arrayBuffer())],
      href,
    );
    expect(bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(new Uint8Array(bytes))).toContain(summary);
    await context.close();
  });
});
