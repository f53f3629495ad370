// The "work as" switch of an account holding two roles (issue 14): worker.gar is station staff of 狮泉河镇's station
// (primary) and organization staff of 噶尔县社区服务中心. The header's account menu offers both; choosing one opens
// that role's home, leads the navigation with its areas and is audited; what the account may do stays the union.
// At 1,280 and 390 px, with screenshots.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

const WORKER = "worker.gar@demo.local";

/** The hrefs of the navigation's own groups and of its "other roles" group (the phone menu or the side bar). */
async function navLinks(page: Page) {
  const nav = page.locator(
    page.viewportSize()!.width < 820 ? ".topbar__menu .side-nav" : ".shell__nav .side-nav",
  );
  const hrefs = (selector: string) =>
    nav.locator(selector).evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  return {
    own: await hrefs('.side-nav__group:not([data-testid="nav-other-roles"]) a'),
    others: await hrefs('[data-testid="nav-other-roles"] a'),
  };
}

async function openAccountMenu(page: Page) {
  const menu = page.locator(".topbar__account");
  if (!(await menu.evaluate((el) => (el as HTMLDetailsElement).open))) await menu.locator("summary").click();
  await page.locator('[data-testid="role-switch"]').waitFor();
}

describe("working as one of an account's roles", () => {
  const journey = startJourney();

  for (const [width, viewport] of [
    ["1280", desktop],
    ["390", phone],
  ] as const) {
    it(`switches from the station's work to the organization's and back, at ${width} px`, async () => {
      const context = await newContext(journey.browser, viewport);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const [{ id: userId }] = await journey.sql<
        { id: number }[]
      >`select id from users where email = ${WORKER}`;
      const [{ last }] = await journey.sql<
        { last: string }[]
      >`select coalesce(max(id), 0)::text as last from audit_log`;
      await signIn(page, journey.app.baseUrl, WORKER);
      await page.goto(`${journey.app.baseUrl}/`);

      // Signed in, the account works as its primary role: the station's home and navigation.
      await expect(page.locator('[data-testid="home-greeting"]').textContent()).resolves.toContain(
        "社工站人员",
      );
      await expect(page.locator(".topbar__scope").textContent()).resolves.toContain("狮泉河");
      await page.locator('[data-testid="next-myVisits"]').waitFor();
      if (viewport === phone) await page.locator('[data-testid="phone-menu"] summary').click();
      let nav = await navLinks(page);
      // Reports are the organization's (station staff read activities, not reports); visits are the station's.
      expect(nav.own).toContain("/visits");
      expect(nav.own).not.toContain("/reports");
      expect(nav.others).toEqual(expect.arrayContaining(["/reports", "/projects"]));
      if (viewport === phone) await page.locator('[data-testid="phone-menu"] summary').click();

      await openAccountMenu(page);
      const choices = page.locator('[data-testid="role-switch"] button[name="as"]');
      expect(await choices.count()).toBe(2);
      await expect(choices.first().getAttribute("aria-current")).resolves.toBe("true");
      await expect(choices.first().getAttribute("data-role")).resolves.toBe("station_staff");
      // The menu and both choices lie inside the screen, each a thumb's height.
      for (const box of [
        await page.locator(".topbar__account-menu").boundingBox(),
        await choices.nth(0).boundingBox(),
        await choices.nth(1).boundingBox(),
      ]) {
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      }
      expect((await choices.nth(1).boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await screenshot(page, `act-as-menu-${width}`);

      // Work as the organization: its home (this month's deliverables), its name in the header, its areas first.
      await Promise.all([
        page.waitForURL(`${journey.app.baseUrl}/`),
        page.waitForResponse((r) => r.url().includes("/account/act-as")),
        page.locator('[data-testid="role-switch"] button[data-role="org_staff"]').click(),
      ]);
      await page.locator('[data-testid="next-deliverables"]').waitFor();
      await expect(page.locator('[data-testid="home-greeting"]').textContent()).resolves.toContain(
        "社会组织人员",
      );
      await expect(page.locator(".topbar__scope").textContent()).resolves.toContain("噶尔县社区服务中心");
      await expect(page.locator(".topbar__role").textContent()).resolves.toBe("社会组织人员");
      expect(await page.locator('[data-testid="next-myVisits"]').count()).toBe(0);
      expect(await page.locator(".topbar__account").evaluate((el) => (el as HTMLDetailsElement).open)).toBe(
        false,
      );
      if (viewport === phone) await page.locator('[data-testid="phone-menu"] summary').click();
      nav = await navLinks(page);
      expect(nav.own).toEqual(expect.arrayContaining(["/activities", "/reports"]));
      expect(nav.own).not.toContain("/visits");
      expect(nav.others).toContain("/visits");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await screenshot(page, `act-as-organization-${width}`);
      if (viewport === phone) await page.locator('[data-testid="phone-menu"] summary').click();

      // Stored in the session, audited as a session event.
      const sessions = await journey.sql<{ acting: string | null }[]>`
        select data->>'actingAs' as acting from sessions where user_id = ${userId} order by created_at desc limit 1`;
      expect(sessions[0].acting).toMatch(/^org_staff:\d+$/);
      const audited = await journey.sql<{ action: string; changes: { to: { role: string } } }[]>`
        select action, changes from audit_log where id > ${last}::bigint and actor_user_id = ${userId}
        and action = 'act_as' order by id`;
      expect(audited.map((a) => a.changes.to.role)).toEqual(["org_staff"]);

      // The station's pages stay open to the account: working as one role takes no permission away.
      const visits = await page.goto(`${journey.app.baseUrl}/visits`);
      expect(visits?.status()).toBe(200);
      await expect(page.locator("h1").textContent()).resolves.toBeTruthy();

      // And back to the station's work.
      await page.goto(`${journey.app.baseUrl}/`);
      await openAccountMenu(page);
      await expect(
        page.locator('[data-testid="role-switch"] button[aria-current="true"]').getAttribute("data-role"),
      ).resolves.toBe("org_staff");
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/account/act-as")),
        page.locator('[data-testid="role-switch"] button[data-role="station_staff"]').click(),
      ]);
      await page.locator('[data-testid="next-myVisits"]').waitFor();
      await expect(page.locator(".topbar__role").textContent()).resolves.toBe("社工站人员");
      await screenshot(page, `act-as-station-${width}`);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
