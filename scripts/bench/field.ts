// npm run bench:field — the field pages on the weak link of issue 13 (800 ms latency, 50 KiB/s down, 20 KiB/s up,
// emulated in Chromium through CDP): per page, the bytes on the wire by type, and two times from navigation start,
// on a cold cache and again warm (HTTP cache and the service worker's precache filled):
//   usable   — the page's main control is on screen (first contentful paint, and the control in the document): the
//              field forms are plain HTML forms, so from here a tap works even before the JavaScript has arrived;
//   hydrated — React has attached its handlers to that control (offline capture, client checks, progress).
// Aims of issue 13: usable within 3 s cold and 1 s warm; JavaScript on the wire ≤ 120 KiB on a cold cache.
// Runs the built app on embedded PGlite with the demo data (or BENCH_URL, an app already running with the demo data).
// Exits non-zero on failure or a missed aim.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../../test/support/browser";
import { freePort, localAppEnv } from "../drills/support/processes";
import { signIn } from "./load/workload";

const root = path.resolve(import.meta.dirname, "../..");
const LINK = { latency: 800, downloadThroughput: 50 * 1024, uploadThroughput: 20 * 1024 };
const AIMS = { coldMs: 3_000, warmMs: 1_000, coldJsBytes: 120 * 1024 };
const KiB = (bytes: number) => (bytes / 1024).toFixed(1);

type Load = {
  usableMs: number;
  hydratedMs: number;
  bytes: Record<string, number>;
  requests: number;
  fromCache: number;
};
type FieldPage = { name: string; email: string; path: string; ready: string };

async function startApp(): Promise<{ baseUrl: string; child: ChildProcess | null; dataDir: string | null }> {
  if (process.env.BENCH_URL) return { baseUrl: process.env.BENCH_URL, child: null, dataDir: null };
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-bench-field-"));
  const env = localAppEnv(port, dataDir);
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the app did not start within 15 minutes");
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, child, dataDir };
}

/** The first id in a page's links, e.g. an open visit on the visit list. */
async function firstLinkedId(
  baseUrl: string,
  cookie: string,
  pagePath: string,
  pattern: RegExp,
): Promise<number> {
  const res = await fetch(`${baseUrl}${pagePath}`, { headers: { cookie } });
  const match = pattern.exec(await res.text());
  if (!match) throw new Error(`no link matching ${pattern} on ${pagePath} (HTTP ${res.status})`);
  return Number(match[1]);
}

/**
 * A browser signed in as one demo user, then emptied of everything a first visit would not have: HTTP cache, service
 * worker, Cache Storage. (The session cookie is `__Host-` and Secure; signing in through the form sets it as a
 * browser does.)
 */
async function contextFor(browser: Browser, baseUrl: string, email: string) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "demo12345");
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    page.click('button[type="submit"]'),
  ]);
  await page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.clearDataForOrigin", {
    origin: new URL(baseUrl).origin,
    storageTypes: "service_workers,cache_storage",
  });
  await cdp.send("Network.clearBrowserCache");
  await cdp.detach();
  await page.goto("about:blank");
  return { context, page };
}

/** One navigation on the weak link: bytes by resource type until the page is usable, and the time to usable. */
async function measure(context: BrowserContext, page: Page, url: string, ready: string): Promise<Load> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...LINK });
  const types = new Map<string, string>();
  const bytes: Record<string, number> = {};
  let requests = 0;
  let fromCache = 0;
  cdp.on("Network.responseReceived", (e) => {
    types.set(e.requestId, e.type);
    if (e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache) fromCache++;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const type = types.get(e.requestId) ?? "Other";
    requests++;
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  await page.waitForFunction((selector) => document.querySelector(selector), ready, {
    timeout: 120_000,
    polling: 50,
  });
  const present = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    () => performance.getEntriesByName("first-contentful-paint").length > 0,
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0].startTime);
  await page.waitForFunction(
    (selector) => {
      const el = document.querySelector(selector);
      return Boolean(el && Object.keys(el).some((k) => k.startsWith("__reactProps$")));
    },
    ready,
    { timeout: 120_000, polling: 50 },
  );
  const hydratedMs = await page.evaluate(() => performance.now());
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await cdp.detach();
  return { usableMs: Math.max(fcp, present), hydratedMs, bytes, requests, fromCache };
}

function row(name: string, kind: string, load: Load): string {
  const b = load.bytes;
  const other = Object.entries(b)
    .filter(([t]) => !["Document", "Script", "Stylesheet", "Fetch"].includes(t))
    .reduce((n, [, v]) => n + v, 0);
  const total = Object.values(b).reduce((n, v) => n + v, 0);
  return [
    name.padEnd(22),
    kind.padEnd(5),
    KiB(b.Document ?? 0).padStart(8),
    KiB(b.Script ?? 0).padStart(8),
    KiB(b.Stylesheet ?? 0).padStart(8),
    KiB(b.Fetch ?? 0).padStart(8),
    KiB(other).padStart(8),
    KiB(total).padStart(8),
    `${load.requests}/${load.fromCache}`.padStart(9),
    `${(load.usableMs / 1000).toFixed(2)} s`.padStart(9),
    `${(load.hydratedMs / 1000).toFixed(2)} s`.padStart(9),
  ].join(" ");
}

async function main() {
  console.log(
    `bench:field — load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const { baseUrl, child, dataDir } = await startApp();
  const browser = await launchBrowser();
  const failures: string[] = [];
  try {
    const noTotp = async () => "";
    const station = await signIn(baseUrl, "station.baiba@demo.local", "demo12345", noTotp);
    const visitId = await firstLinkedId(baseUrl, station, "/visits?who=all", /href="\/visits\/(\d+)"/);
    const personId = await firstLinkedId(baseUrl, station, `/visits/${visitId}`, /href="\/people\/(\d+)"/);
    const pages: FieldPage[] = [
      {
        name: "visit list",
        email: "station.baiba@demo.local",
        path: "/visits",
        ready: ".visit-card__action, .empty-state",
      },
      {
        name: "a visit",
        email: "station.baiba@demo.local",
        path: `/visits/${visitId}`,
        ready: '.record-card button[type="submit"]',
      },
      {
        name: "a person's file",
        email: "station.baiba@demo.local",
        path: `/people/${personId}`,
        ready: ".page-header a",
      },
      {
        name: "activity form",
        email: "org.gar@demo.local",
        path: "/activities/new",
        ready: '[data-testid="log-submit"]',
      },
      {
        name: "field app (/field)",
        email: "station.baiba@demo.local",
        path: "/field",
        ready: '[data-testid="outbox"]',
      },
    ];
    console.log(
      `\nlink: ${LINK.latency} ms latency, ${KiB(LINK.downloadThroughput)} KiB/s down, ${KiB(LINK.uploadThroughput)} KiB/s up; KiB on the wire until usable`,
    );
    console.log(
      `${"page".padEnd(22)} ${"cache".padEnd(5)} ${"document".padStart(8)} ${"JS".padStart(8)} ${"CSS".padStart(8)} ${"data".padStart(8)} ${"other".padStart(8)} ${"total".padStart(8)} ${"req/cache".padStart(9)} ${"usable".padStart(9)} ${"hydrated".padStart(9)}`,
    );
    for (const p of pages) {
      const { context, page } = await contextFor(browser, baseUrl, p.email);
      const cold = await measure(context, page, `${baseUrl}${p.path}`, p.ready);
      console.log(row(p.name, "cold", cold));
      // Warm: the app was used before — its assets in the HTTP cache and the service worker's precache complete.
      await page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));
      const warm = await measure(context, page, `${baseUrl}${p.path}`, p.ready);
      console.log(row(p.name, "warm", warm));
      if (cold.usableMs > AIMS.coldMs)
        failures.push(`${p.name}: usable after ${(cold.usableMs / 1000).toFixed(2)} s cold (aim 3 s)`);
      if (warm.usableMs > AIMS.warmMs)
        failures.push(`${p.name}: usable after ${(warm.usableMs / 1000).toFixed(2)} s warm (aim 1 s)`);
      if ((cold.bytes.Script ?? 0) > AIMS.coldJsBytes)
        failures.push(`${p.name}: ${KiB(cold.bytes.Script ?? 0)} KiB of JS cold (aim 120 KiB)`);
      await context.close();
    }
  } finally {
    await browser.close();
    if (child) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nload average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  if (failures.length) {
    console.log(`\nMissed aims:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log("\nAll aims met.");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
