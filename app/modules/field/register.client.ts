// Started once the page is interactive (a separate chunk, off the critical path): registers the service worker,
// shrinks photos as soon as they are picked, and sends the outbox on opening the app, on reconnect and when
// Background Sync fires.
import { Workbox } from "workbox-window";
import { shrinkPhoto } from "./photos.client";
import { checkAccount, SYNC_TAG, sendOutbox } from "./send.client";
import { readPack } from "./store.client";

const shrunk = new WeakSet<FileList>();

/** Any photo input of the app: the picked camera photos are replaced by their shrunk JPEGs before anything is sent. */
async function shrinkPickedPhotos(event: Event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files?.length) return;
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
}

async function sendWhenPossible() {
  if (!navigator.onLine) return;
  await sendOutbox().catch(() => 0);
}

export function startFieldApp(): void {
  document.addEventListener("change", (e) => void shrinkPickedPhotos(e), true);
  window.addEventListener("online", () => void sendWhenPossible());
  navigator.serviceWorker?.addEventListener("message", (event) => {
    if ((event.data as { type?: string } | null)?.type === SYNC_TAG) void sendWhenPossible();
  });
  if ("serviceWorker" in navigator && window.isSecureContext) {
    void new Workbox("/sw.js", { scope: "/" }).register().catch(() => undefined);
  }
  // On opening the app: a disabled account's device store goes; otherwise what waits is sent.
  void (async () => {
    if (!navigator.onLine) return;
    if ((await readPack().catch(() => null)) && (await checkAccount()) === "wiped") return;
    await sendWhenPossible();
  })();
}
