// A browser journey's set-up, the same for every e2e file: the built app on a database of its own and a headless
// browser, started before a describe block's tests and stopped after them.
import type { Browser } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { type AppServer, startAppServer } from "./app-server";
import { launchBrowser } from "./browser";

type AppOptions = Parameters<typeof startAppServer>[0];

/** `sql` reaches the app's own database directly (for set-ups and checks); there is none on PGlite. */
export type Journey = { app: AppServer; browser: Browser; sql: postgres.Sql };

/**
 * Registers the describe block's beforeAll/afterAll and returns the journey, filled in once beforeAll has run.
 * `options` go to startAppServer (the demo database unless they say otherwise); a function is called in beforeAll,
 * for options that need something started first (a free port for the map's tiles).
 */
export function startJourney(options: AppOptions | (() => Promise<AppOptions>) = {}): Journey {
  const started = {} as Journey;
  beforeAll(async () => {
    const appOptions = typeof options === "function" ? await options() : options;
    [started.app, started.browser] = await Promise.all([
      startAppServer({ database: "demo", ...appOptions }),
      launchBrowser(),
    ]);
    if (started.app.databaseUrl)
      started.sql = postgres(started.app.databaseUrl, { max: 1, onnotice: () => {} });
  }, 180_000);
  afterAll(async () => {
    await started.sql?.end();
    await started.browser?.close();
    await started.app?.stop();
  });
  return started;
}
