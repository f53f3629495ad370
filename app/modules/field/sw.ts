// The service worker (built by vite-plugin-pwa, injectManifest): precaches the app shell and the field pages' code,
// keeps every hashed asset the app loaded, serves the field app's page from its last copy, answers
// other pages offline with a plain "not available offline" page, and turns Background Sync into a send by an open tab.
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkOnly, StaleWhileRevalidate } from "workbox-strategies";
import { ASSETS_CACHE } from "./types";

type PrecacheEntry = { url: string; revision: string | null };
type SyncEvent = Event & { tag: string; waitUntil(p: Promise<unknown>): void };
type WindowClient = { postMessage(message: unknown): void };
type Scope = {
  __WB_MANIFEST: PrecacheEntry[];
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { matchAll(options: { type: "window" }): Promise<WindowClient[]> };
  addEventListener(type: "sync", listener: (event: SyncEvent) => void): void;
};
declare const self: Scope;

/** The pages that work offline: the field app (its views are search parameters of this one route). */
const FIELD_PAGE = /^\/field\/?$/;
const SYNC_TAG = "field-outbox";

void self.skipWaiting();
clientsClaim();
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Hashed build files never change: any the app loaded once (other pages' code, the language strings) stay usable.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/assets/"),
  new CacheFirst({ cacheName: ASSETS_CACHE, plugins: [new ExpirationPlugin({ maxEntries: 400 })] }),
);

// The field app's document is a shell without data (the data is on the device): its last copy (one per user, wiped at
// sign-out) opens at once, with or without a link, and is refreshed behind it.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && FIELD_PAGE.test(url.pathname),
  new StaleWhileRevalidate({
    cacheName: "field-pages",
    plugins: [
      {
        // why: ?visit=… and ?item=… are views of the same page; one copy serves them all.
        cacheKeyWillBeUsed: async ({ request }) => new URL("/field", request.url).href,
      },
    ],
  }),
);

// Every other page is online-only; without a link it says so instead of the browser's error page.
registerRoute(({ request }) => request.mode === "navigate", new NetworkOnly());
setCatchHandler(async ({ request }) => {
  if (request.destination === "document") return (await matchPrecache("/offline.html")) ?? Response.error();
  return Response.error();
});

self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((clients) => {
      for (const c of clients) c.postMessage({ type: SYNC_TAG });
    }),
  );
});
