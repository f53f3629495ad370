// Headless Debian Chromium through playwright-core (never a downloaded browser), and helpers for journeys.
import fs from "node:fs";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";

const root = path.resolve(import.meta.dirname, "../..");
export const screenshotDir = path.join(root, "test-results/screenshots");

/** `args`: further Chromium switches (e.g. host resolver rules that send a tile host to a stub on this machine). */
export async function launchBrowser({ args = [] }: { args?: string[] } = {}): Promise<Browser> {
  // Playwright gives every launch a fresh, empty profile directory of its own.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...args,
    ],
  });
}

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 860 };

/** A context as a reader in Tibet has it (Chinese, Shanghai time); `options` add to it (e.g. no JavaScript). */
export async function newContext(
  browser: Browser,
  viewport = desktop,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", ...options });
}

/** Signs in through the real form; the page ends on the page the app redirects to. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = "demo12345",
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    page.click('button[type="submit"]'),
  ]);
}

/** Saves a full-page screenshot under test-results/screenshots and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects uncaught page errors so a test can assert the page ran cleanly. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/**
 * Switches the interface language the way a person does: the header's language menu (a <details>) when signed in,
 * the row of languages on the sign-in page otherwise. The switch reloads the page; this waits for the new <html lang>.
 */
export async function switchLanguage(page: Page, locale: "zh-CN" | "en" | "bo"): Promise<void> {
  const signedIn = !new URL(page.url()).pathname.startsWith("/login");
  const menu = page.locator(".topbar__lang");
  if (signedIn) {
    await menu.waitFor();
    if (!(await menu.evaluate((el) => (el as HTMLDetailsElement).open)))
      await menu.locator("summary").click();
    await menu.locator(`button[data-locale="${locale}"]`).click();
  } else {
    await page.locator(`.auth-lang button[data-locale="${locale}"]`).click();
  }
  await page.waitForFunction((lng) => document.documentElement.lang === lng, locale);
}
