// The field app's data and actions on the device (the /field route): the pack, the outbox, taking a pack, recording
// a visit into the outbox, editing or discarding an item. Nothing here needs a link except taking a pack and sending.
import { redirect } from "@remix-run/react";
import { IDEMPOTENCY_FIELD } from "~/modules/kernel/form-key";
import type { FormResult } from "~/modules/kernel/use-form";
import { todayInShanghai } from "~/utils/dates";
import { queueForm } from "./offline";
import { sendOutbox } from "./send.client";
import {
  getOutboxItem,
  listOutbox,
  readPack,
  removeOutboxItem,
  savePack,
  toEntries,
  USER_CACHES,
  updateOutboxItem,
  wipeDevice,
} from "./store.client";
import { type Pack, WIPE_HEADER } from "./types";

export const FIELD_OP = "_field";

function idParam(url: URL, name: string): number | null {
  const value = Number(url.searchParams.get(name));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/**
 * What the record form marks as required: the schema the server parses with, read on the device. Loaded only for a
 * view that shows the form (zod is not needed to show the field app; its checks need it on saving anyway).
 */
async function recordRequired(): Promise<string[]> {
  const [{ requiredFields }, { visitActionSchema }] = await Promise.all([
    import("~/modules/kernel/required"),
    import("~/modules/visits/schemas"),
  ]);
  return requiredFields(visitActionSchema(todayInShanghai()), "record");
}

export async function loadFieldView(request: Request) {
  const url = new URL(request.url);
  const [pack, outbox] = await Promise.all([readPack(), listOutbox()]);
  const itemId = idParam(url, "item");
  const visitId = idParam(url, "visit");
  const item = itemId ? ((await getOutboxItem(itemId)) ?? null) : null;
  const showsRecord =
    visitId !== null ||
    (item?.kind === "visit" && item.entries.some(([name, value]) => name === "intent" && value === "record"));
  return {
    pack,
    outbox,
    online: navigator.onLine,
    visitId,
    item,
    queued: idParam(url, "queued"),
    today: todayInShanghai(),
    /** The record form's required names, when the view shows it. */
    recordRequired: showsRecord ? await recordRequired() : [],
  };
}
export type FieldView = Awaited<ReturnType<typeof loadFieldView>>;

export type FieldActionData =
  | { taken: number }
  | { problem: "offline" | "failed" | "wiped" | "forbidden" }
  | { result: FormResult }
  | { sent: number };

async function takePack(village: string): Promise<FieldActionData> {
  if (!navigator.onLine) return { problem: "offline" };
  let res: Response;
  try {
    res = await fetch(`/field/pack${village ? `?village=${encodeURIComponent(village)}` : ""}`, {
      headers: { Accept: "application/json" },
    });
  } catch {
    return { problem: "offline" };
  }
  if (res.headers.get(WIPE_HEADER)) {
    await wipeDevice();
    return { problem: "wiped" };
  }
  if (res.status === 403) return { problem: "forbidden" };
  if (!res.ok || res.redirected) return { problem: "failed" };
  const pack = (await res.json()) as Pack;
  await savePack(pack);
  // The field app's own page, so that it opens from the home screen without a link (the service worker serves it).
  if ("caches" in window)
    await caches
      .open(USER_CACHES[0])
      .then((c) => c.add("/field"))
      .catch(() => undefined);
  return { taken: pack.visits.length };
}

function isVisitForm(formData: FormData): boolean {
  return ["record", "reschedule", "assign"].includes(String(formData.get("intent")));
}

export async function fieldAction(request: Request): Promise<FieldActionData | Response> {
  const url = new URL(request.url);
  const formData = await request.formData();
  const op = formData.get(FIELD_OP);
  const itemId = Number(formData.get("item"));
  if (op === "take") return takePack(String(formData.get("village") ?? ""));
  if (op === "send") return { sent: await sendOutbox() };
  if (op === "discard") {
    await removeOutboxItem(itemId);
    return redirect("/field");
  }
  if (op === "retry") {
    await updateOutboxItem(itemId, { state: "waiting", problem: null });
    return { sent: await sendOutbox() };
  }
  // A visit form from the device: checked here (the same schema the server uses), then into the outbox.
  if (isVisitForm(formData)) {
    // why: loaded on the first record, not with the page (zod is not needed to show the field app).
    const [{ parseForm }, { visitActionSchema }] = await Promise.all([
      import("~/modules/kernel/parse-form"),
      import("~/modules/visits/schemas"),
    ]);
    const submission = parseForm(formData, visitActionSchema(todayInShanghai()));
    if (submission.status !== "success") return { result: submission.reply() };
  }
  const editing = idParam(url, "item");
  if (editing) {
    const item = await getOutboxItem(editing);
    if (!item) return redirect("/field");
    // why: the edited form keeps its key, so an earlier copy that did reach the server is not stored twice.
    formData.delete(IDEMPOTENCY_FIELD);
    const posted = await toEntries(formData);
    const names = new Set(posted.map(([name]) => name));
    // What the edit form does not show (photos, linked people) stays as it was.
    const entries = [...item.entries.filter(([name]) => !names.has(name)), ...posted];
    await updateOutboxItem(editing, { entries, state: "waiting", problem: null });
    if (navigator.onLine) void sendOutbox();
    return redirect(`/field?queued=${editing}`);
  }
  const visitId = idParam(url, "visit");
  if (!visitId) return redirect("/field");
  const pack = await readPack();
  const visit = pack?.visits.find((v) => v.id === visitId);
  if (visit?.version != null && !formData.has("baseVersion"))
    formData.set("baseVersion", String(visit.version));
  const person = pack?.people.find((p) => p.id === visit?.personId);
  const id = await queueForm("visit", `/visits/${visitId}`, formData, person?.fullName ?? `#${visitId}`);
  return redirect(`/field?queued=${id}`);
}
