// What the field routes add on the client: an action that posts when the server is reachable and otherwise keeps the
// form in the outbox, and a loader that falls back to the taken-offline pack. The routes keep one line each. The
// device store and the sender load only when needed, so they are not part of a field page's first download.
import { type ClientActionFunctionArgs, type ClientLoaderFunctionArgs, redirect } from "@remix-run/react";
import i18next from "i18next";
import type { OutboxKind } from "./types";

/** A failed request that never reached the server (no link, DNS, a dropped connection), not an error answer. */
export function isNetworkFailure(error: unknown): boolean {
  if (typeof navigator !== "undefined" && !navigator.onLine) return true;
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

function labelFromTitle(): string {
  return document.title.split(" | ")[0] ?? "";
}

/** Puts a form into the outbox (photos shrunk first) and asks for a Background Sync; returns the item's id. */
export async function queueForm(kind: OutboxKind, url: string, formData: FormData, label = labelFromTitle()) {
  // why: loaded when a form is first queued, not with every field page (the device store and sender are not needed
  // to show a page or to post it online).
  const [{ shrinkPhotosIn }, { requestBackgroundSync, sendOutbox }, { addToOutbox, toEntries }] =
    await Promise.all([import("./photos.client"), import("./send.client"), import("./store.client")]);
  const entries = await toEntries(await shrinkPhotosIn(formData));
  const id = await addToOutbox({ kind, url, label, entries });
  void requestBackgroundSync();
  if (navigator.onLine) void sendOutbox();
  return id;
}

/** clientAction: the server action when reachable; without a link the form waits in the outbox ("已保存在本机，待上传"). */
export function queueWhenOffline(kind: OutboxKind, { onlineOnly = [] }: { onlineOnly?: string[] } = {}) {
  return async ({ request, serverAction }: ClientActionFunctionArgs) => {
    const copy = request.clone();
    let failure: unknown = new TypeError("Failed to fetch: offline");
    if (navigator.onLine) {
      try {
        return await serverAction();
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
        failure = error;
      }
    }
    const formData = await copy.formData();
    // Some answers are only worth having now (a revealed ID number): those say "not available offline".
    if (onlineOnly.includes(String(formData.get("intent")))) throw failure;
    const id = await queueForm(kind, new URL(request.url).pathname, formData);
    return redirect(`/field?queued=${id}`);
  };
}

/** clientLoader: the server's data when reachable; without a link, the same thing from the pack in the field app. */
export function packWhenOffline(fieldPath: (params: ClientLoaderFunctionArgs["params"]) => string) {
  return async ({ serverLoader, params }: ClientLoaderFunctionArgs) => {
    try {
      return await serverLoader();
    } catch (error) {
      if (isNetworkFailure(error)) throw redirect(fieldPath(params));
      throw error;
    }
  };
}

/**
 * clientAction of sign-out: the device store goes with the session (after a warning when records are still waiting,
 * which would go with it). Without a link the device is wiped all the same.
 */
export async function signOutOnDevice(serverAction: () => Promise<unknown>) {
  const { listOutbox, wipeDevice } = await import("./store.client");
  const waiting = (await listOutbox().catch(() => [])).length;
  if (waiting > 0 && !window.confirm(i18next.t("common:fieldApp.signOutPending", { count: waiting })))
    return null;
  await wipeDevice();
  try {
    return await serverAction();
  } catch (error) {
    if (isNetworkFailure(error)) return redirect("/login");
    throw error;
  }
}
