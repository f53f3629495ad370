// Sending the outbox: oldest first, photos last, one item at a time with upload progress, to the same route action
// an online post would reach (its single-fetch `.data` URL), so the form key makes a resend store once. An item's
// photos go first as resumable uploads (uploads.client.ts) and the form names them.
// Triggered when the link comes back (online event), when the app opens, and by Background Sync where it exists.
import { decode } from "turbo-stream";
import {
  dropPackVisit,
  getOutboxItem,
  listOutbox,
  removeOutboxItem,
  toFormData,
  updateOutboxItem,
  wipeDevice,
} from "./store.client";
import { type OutboxItem, PROGRESS_EVENT, type Progress, WIPE_HEADER } from "./types";

export const SYNC_TAG = "field-outbox";

type Answer = { status: number; body: string; wipe: boolean } | "network";

function post(item: OutboxItem): Promise<Answer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${item.url}.data`);
    const fd = toFormData(item.entries);
    const body =
      item.fileBytes > 0 ? fd : new URLSearchParams([...fd.entries()].map(([k, v]) => [k, String(v)]));
    xhr.upload.onprogress = (e) => {
      if (item.id && e.lengthComputable) progress({ id: item.id, loaded: e.loaded, total: e.total });
    };
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        body: xhr.responseText,
        wipe: Boolean(xhr.getResponseHeader(WIPE_HEADER)),
      });
    xhr.onerror = () => resolve("network");
    xhr.ontimeout = () => resolve("network");
    xhr.send(body);
  });
}

/** The action's data in a single-fetch answer (turbo-stream), e.g. `{ conflict: { id } }` with a 409. */
async function actionDataOf(body: string): Promise<Record<string, unknown> | null> {
  try {
    const decoded = await decode(new Blob([body]).stream(), {
      plugins: [(_type: string, ...rest: unknown[]) => ({ value: rest[0] })],
    });
    await decoded.done;
    const value = decoded.value as { data?: unknown } | null;
    return value && typeof value.data === "object" ? (value.data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether the server says this account is disabled: then everything on the device goes. */
export async function checkAccount(): Promise<"ok" | "signedOut" | "wiped"> {
  try {
    const res = await fetch("/field/pack?probe=1", { credentials: "same-origin" });
    if (res.headers.get(WIPE_HEADER)) {
      await wipeDevice();
      return "wiped";
    }
    return res.ok && !res.redirected ? "ok" : "signedOut";
  } catch {
    return "ok";
  }
}

function progress(detail: Progress) {
  window.dispatchEvent(new CustomEvent<Progress>(PROGRESS_EVENT, { detail }));
}

async function sendOne(item: OutboxItem): Promise<"sent" | "stop" | "next"> {
  const id = item.id!;
  await updateOutboxItem(id, { state: "sending", attempts: item.attempts + 1 });
  let form = item;
  if (item.fileBytes > 0) {
    // Photos first, resumably; the form follows naming them (uploads.client.ts).
    const { uploadFilesOf } = await import("./uploads.client");
    const uploaded = await uploadFilesOf(item, (loaded, total) => progress({ id, loaded, total }));
    progress(null);
    if (uploaded === "network") {
      await updateOutboxItem(id, { state: "waiting" });
      return "stop";
    }
    if (uploaded === "refused") {
      await updateOutboxItem(id, { state: "refused", problem: "upload" });
      return "next";
    }
    form = { ...item, entries: uploaded.entries, fileBytes: 0 };
  }
  const answer = await post(form);
  progress(null);
  if (answer === "network" || answer.status >= 500 || answer.status === 429) {
    await updateOutboxItem(id, { state: "waiting" });
    return "stop";
  }
  if (answer.wipe) {
    await wipeDevice();
    return "stop";
  }
  if (answer.status < 300) {
    await removeOutboxItem(id);
    if (item.kind === "visit") await dropPackVisit(Number(item.url.split("/").pop()));
    return "sent";
  }
  if (answer.status === 401) {
    await updateOutboxItem(id, { state: "signedOut" });
    await checkAccount();
    return "stop";
  }
  if (answer.status === 409) {
    const data = await actionDataOf(answer.body);
    const conflict = data?.conflict as { id?: number } | undefined;
    await updateOutboxItem(id, { state: "conflict", conflictId: conflict?.id ?? null });
    return "next";
  }
  await updateOutboxItem(id, { state: "refused", problem: String(answer.status) });
  return "next";
}

let running: Promise<number> | null = null;

/** Sends what waits; resolves with the number sent. One run at a time per tab, and per device where Web Locks exist. */
export function sendOutbox(): Promise<number> {
  running ??= (async () => {
    const work = async () => {
      let sent = 0;
      for (const listed of await listOutbox()) {
        const item = listed.id ? await getOutboxItem(listed.id) : undefined;
        if (!item || (item.state !== "waiting" && item.state !== "sending" && item.state !== "signedOut"))
          continue;
        const result = await sendOne(item);
        if (result === "sent") sent++;
        if (result === "stop") break;
      }
      return sent;
    };
    try {
      return "locks" in navigator ? await navigator.locks.request(SYNC_TAG, work) : await work();
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Asks the service worker for a Background Sync of the outbox, where the browser has it. */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (
      registration as
        | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
        | undefined
    )?.sync;
    await sync?.register(SYNC_TAG);
  } catch {
    // Without Background Sync the outbox is sent on reconnect and on opening the app.
  }
}
