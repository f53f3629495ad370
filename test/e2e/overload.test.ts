// Overload handled on purpose: past its capacity the app answers new requests at once with 503 and Retry-After, cuts
// no connection, keeps sign-in and health checks answering; in the browser a form waits and is sent again, with
// everything typed still in it.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { launchBrowser, newContext, phone, screenshot, signIn } from "../support/browser";
import { HttpClient } from "../support/http";

let app: AppServer;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([
    // why: a threshold low enough for a burst of a test to cross it.
    startAppServer({ database: "demo", env: { OVERLOAD_MAX_IN_FLIGHT: "2", OVERLOAD_RETRY_AFTER_S: "1" } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("past its capacity", () => {
  it("answers a burst with 503 and Retry-After, cuts nothing off, and keeps sign-in and health checks answering", async () => {
    const client = new HttpClient(app.baseUrl);
    await client.signIn("planner.ngari@demo.local");
    // A page's scripts are files: a busy server still sends them, or a page already loading breaks half-way.
    const scripts = [
      ...(await (await fetch(`${app.baseUrl}/login`)).text()).matchAll(/\/assets\/[\w.-]+\.js/g),
    ].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(2);
    const burst = Array.from({ length: 40 }, (_, i) =>
      client.get(i % 2 ? "/people?status=all" : "/facilities").then(
        async (res) => ({
          status: res.status,
          retryAfter: res.headers.get("retry-after"),
          body: await res.text(),
        }),
        (error: Error) => ({ status: 0, retryAfter: null, body: String(error) }),
      ),
    );
    const side = [
      fetch(`${app.baseUrl}/healthz`).then((r) => r.status),
      fetch(`${app.baseUrl}/login`).then((r) => r.status),
      new HttpClient(app.baseUrl)
        .post("/login", { email: "auditor@demo.local", password: "demo12345" })
        .then((r) => r.status),
    ];
    // Asked for while the burst's pages hold the server at its limit.
    const scriptAnswers = new Promise((r) => setTimeout(r, 30)).then(() =>
      Promise.all(
        scripts.flatMap((src) => [1, 2, 3].map(() => fetch(`${app.baseUrl}${src}`).then((r) => r.status))),
      ),
    );
    const answers = await Promise.all(burst);
    expect(
      answers.filter((a) => a.status === 0),
      "connections cut or failed",
    ).toEqual([]);
    const shed = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    expect(shed.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThan(0);
    expect(shed.length + served.length).toBe(answers.length);
    for (const a of shed) {
      expect(a.retryAfter).toBe("1");
      expect(a.body).toContain("系统繁忙");
    }
    expect(await Promise.all(side)).toEqual([200, 200, 302]);
    expect(new Set(await scriptAnswers)).toEqual(new Set([200]));
  });

  it("keeps a form on screen with what was typed while the busy server is retried, then saves it", async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    await signIn(page, app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${app.baseUrl}/people`);
    const first = page.locator('[data-testid="people-table"] a, .person-card a').first();
    await first.click();
    await page.waitForURL(/\/people\/\d+$/);
    // The server is busy for the first two tries of the form's post.
    let refused = 0;
    await page.route("**/*.data**", async (route) => {
      if (route.request().method() === "POST" && refused < 2) {
        refused++;
        await route.fulfill({ status: 503, headers: { "Retry-After": "1" }, body: "Busy" });
      } else await route.continue();
    });
    await page.selectOption("#risk select[name=riskTier], form#risk select[name=riskTier]", "high");
    await page.fill("form#risk input[name=riskReason]", "独居，近期跌倒，需每周探访");
    await page.click("form#risk button[type=submit]");
    await page.getByTestId("busy-notice").waitFor();
    expect(await page.inputValue("form#risk input[name=riskReason]")).toBe("独居，近期跌倒，需每周探访");
    await screenshot(page, "overload-busy-notice-390");
    await page.getByTestId("flash").waitFor({ timeout: 15_000 });
    expect(refused).toBe(2);
    expect(await page.getByTestId("busy-notice").count()).toBe(0);
    await context.close();
  });
});
