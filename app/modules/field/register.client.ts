// Started once the page is interactive (a separate chunk, off the critical path): registers the service worker,
// shrinks photos as soon as they are picked (and, online, starts uploading them resumably), and sends the outbox on opening the app, on reconnect and when
// Background Sync fires.
import { Workbox } from "workbox-window";
import { PHOTO_FIELD } from "~/modules/uploads/photo-limits";
import { shrinkPhoto } from "./photos.client";
import { checkAccount, SYNC_TAG, sendOutbox } from "./send.client";
import { listOutbox, readPack } from "./store.client";
import { ASSETS_CACHE } from "./types";

const shrunk = new WeakSet<FileList>();

/** Any photo input of the app: the picked camera photos are replaced by their shrunk JPEGs before anything is sent. */
async function shrinkPickedPhotos(event: Event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
  // A new pick replaces a photo already uploaded (uploads.client.ts): the input is part of the post again.
  if (input.dataset.name) {
    input.name = input.dataset.name;
    delete input.dataset.name;
    for (const old of input.form?.querySelectorAll(`input[type="hidden"][data-for="${input.name}"]`) ?? [])
      old.remove();
  }
  if (!input.files?.length) return;
  if (shrunk.has(input.files) || !/image/.test(input.accept)) return;
  input.dataset.shrinking = "1";
  try {
    const files = await Promise.all([...input.files].map(shrinkPhoto));
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    shrunk.add(transfer.files);
    input.files = transfer.files;
    // why: the form's own checks (size notes) see the shrunk files.
    input.dispatchEvent(new Event("change", { bubbles: true }));
  } finally {
    delete input.dataset.shrinking;
  }
  if (input.name === PHOTO_FIELD && navigator.onLine)
    void import("./uploads.client").then((m) => m.uploadPicked(input));
}

/**
 * The build files this page loaded before the service worker controlled it (the first visit): kept in the worker's
 * cache, so the app opens without a link. Among them the route manifest, which the build writes after the worker's
 * precache list is made. They come from the HTTP cache (immutable), not the network.
 */
async function keepLoadedAssets() {
  const urls = new Set(
    performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .filter((u) => u.startsWith(`${location.origin}/assets/`)),
  );
  const manifest = (window as { __remixManifest?: { url?: string } }).__remixManifest?.url;
  if (manifest) urls.add(new URL(manifest, location.href).href);
  const cache = await caches.open(ASSETS_CACHE);
  await Promise.all(
    [...urls].map(async (url) => {
      if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
    }),
  );
}

async function sendWhenPossible() {
  if (!navigator.onLine) return;
  await sendOutbox().catch(() => 0);
}

/**
 * The code a form needs to be checked and queued without a link, fetched once the page is up: lazily loaded so the
 * first paint does without it, yet in memory before the link can go (a page the service worker does not control yet
 * could not fetch it offline).
 */
function warmOfflineCode() {
  for (const load of [
    () => import("~/modules/kernel/parse-form"),
    () => import("~/modules/kernel/required"),
    () => import("~/modules/visits/schemas"),
    () => import("./photos.client"),
  ])
    void load().catch(() => undefined);
}

export function startFieldApp(): void {
  warmOfflineCode();
  document.addEventListener("change", (e) => void shrinkPickedPhotos(e), true);
  window.addEventListener("online", () => void sendWhenPossible());
  navigator.serviceWorker?.addEventListener("message", (event) => {
    if ((event.data as { type?: string } | null)?.type === SYNC_TAG) void sendWhenPossible();
  });
  if ("serviceWorker" in navigator && window.isSecureContext) {
    void new Workbox("/sw.js", { scope: "/" })
      .register()
      .then(() => navigator.serviceWorker.ready)
      .then(keepLoadedAssets)
      .catch(() => undefined);
  }
  // On opening the app: a disabled account's device store goes; otherwise what waits is sent.
  void (async () => {
    if (!navigator.onLine) return;
    const onDevice = (await readPack().catch(() => null)) || (await listOutbox().catch(() => [])).length > 0;
    if (onDevice && (await checkAccount()) === "wiped") return;
    await sendWhenPossible();
  })();
}
