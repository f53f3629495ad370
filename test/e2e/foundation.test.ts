// A fresh machine: `npm start` on embedded PGlite serves the demo; a planner signs in and sees the Chinese shell.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, newContext, phone, screenshot, signIn, switchLanguage } from "../support/browser";
import { HttpClient } from "../support/http";
import { startJourney } from "../support/journey";

/** The home page's heading, once the home page (not the sign-in page it came from) is on screen. */
async function homeHeading(page: Page) {
  await page.locator('[data-testid="stations-operating"]').waitFor();
  return page.getByRole("heading", { level: 1 });
}

/** The text a reader sees: the element must be visible, and innerText leaves out whatever CSS hides. */
async function visibleText(locator: Locator): Promise<string> {
  expect(await locator.isVisible()).toBe(true);
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, which is the point.
  return locator.innerText();
}

describe("the app on embedded PGlite, as npm start runs it", () => {
  const journey = startJourney({ database: "pglite", timeoutMs: 150_000 });

  it("shows the demo accounts on the Chinese sign-in page", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    await page.goto(`${journey.app.baseUrl}/login`);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await expect(page.textContent("h1")).resolves.toContain("登录");
    const demo = await page.textContent('[data-testid="demo-accounts"]');
    expect(demo).toContain("planner.bayi@demo.local");
    expect(demo).toContain("demo12345");
    await screenshot(page, "foundation-login");
    await context.close();
  });

  it("signs the Bayi planner in to a home page for Bayi District with its headline figures", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
    expect(new URL(page.url()).pathname).toBe("/");
    const heading = await homeHeading(page);
    expect(await visibleText(heading)).toBe("巴宜区");
    expect(await page.title()).toMatch(/^巴宜区 · 首页 · /);
    await expect(page.textContent(".topbar__scope")).resolves.toBe("巴宜区");
    await expect(page.textContent('[data-testid="stations-operating"]')).resolves.toBe("9");
    await expect(page.textContent(".side-nav")).resolves.toContain("服务对象");
    await screenshot(page, "foundation-home-planner-bayi");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the Ngari planner the prefecture, and switches to English and back", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    expect(await visibleText(await homeHeading(page))).toBe("阿里地区");
    await expect(page.textContent('[data-testid="stations-operating"]')).resolves.toBe("10");
    await switchLanguage(page, "en");
    await expect(page.textContent('[data-testid="home-greeting"]')).resolves.toMatch(
      /^Hello, .*\(Planner\)$/,
    );
    await expect(page.textContent("h1")).resolves.toBe("阿里地区");
    await screenshot(page, "foundation-home-planner-ngari-en");
    // The choice is remembered on the account: a new browser signs in to English.
    const second = await newContext(journey.browser);
    const page2 = await second.newPage();
    await signIn(page2, journey.app.baseUrl, "planner.ngari@demo.local");
    await page2.waitForFunction(() => document.documentElement.lang === "en");
    await expect(page2.textContent('[data-testid="home-greeting"]')).resolves.toMatch(/^Hello, /);
    await switchLanguage(page2, "zh-CN");
    await expect(page2.textContent('[data-testid="home-greeting"]')).resolves.toMatch(
      /^您好，.*（规划人员）$/,
    );
    await second.close();
    await context.close();
  });

  it("names Bayi District in the home page's heading on a phone, where the header has no room for it", async () => {
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
    const heading = await homeHeading(page);
    expect(await visibleText(heading)).toBe("巴宜区");
    const box = await heading.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= phone.width).toBe(true);
    await screenshot(page, "foundation-phone-home-planner-bayi");
    await context.close();
  });

  it("is usable at phone width: the menu opens without scripts and leads to an area", async () => {
    const context = await newContext(journey.browser, phone, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${journey.app.baseUrl}/login`);
    await page.fill('input[name="email"]', "station.baiba@demo.local");
    await page.fill('input[name="password"]', "demo12345");
    await Promise.all([page.waitForURL(`${journey.app.baseUrl}/`), page.click('button[type="submit"]')]);
    // The header's scope chip has no room on a phone; the page heading names the station instead.
    expect(await page.locator(".topbar__scope").isVisible()).toBe(false);
    const heading = await homeHeading(page);
    expect(await visibleText(heading)).toBe("百巴镇社会工作服务站");
    expect(await page.locator('[data-testid="stations-operating"]').isVisible()).toBe(true);
    await screenshot(page, "foundation-phone-home");
    await page.click(".topbar__menu summary");
    await screenshot(page, "foundation-phone-menu");
    const visitsLink = page.locator('.topbar__menu a[href="/visits"]');
    expect(await visitsLink.isVisible()).toBe(true);
    await context.close();
  });

  it("redirects every page to sign-in when signed out, and refuses a wrong password without a session", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    for (const path of ["/", "/map", "/facilities", "/people", "/visits", "/audit", "/no-such-page"]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login/);
    }
    const wrong = await client.post("/login", {
      email: "planner.bayi@demo.local",
      password: "wrong-password",
    });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain("邮箱或密码不正确");
    expect(client.hasSession()).toBe(false);
  });
});
