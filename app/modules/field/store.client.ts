// The device store (IndexedDB through idb): the taken-offline pack and the outbox of forms waiting to be sent.
// Wiped whole at sign-out and when the server says the account is disabled.
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from "idb";
import { OUTBOX_EVENT, type OutboxItem, PACK_TTL_DAYS, type Pack, type StoredEntry } from "./types";

export const FIELD_DB = "snc-field";
/** Every Cache Storage name the service worker fills with pages or data of this user. */
export const USER_CACHES = ["field-pages"];

interface FieldDb extends DBSchema {
  pack: { key: string; value: Pack };
  outbox: { key: number; value: OutboxItem; indexes: { byCreated: string } };
}

let opened: Promise<IDBPDatabase<FieldDb>> | null = null;
function db() {
  opened ??= openDB<FieldDb>(FIELD_DB, 1, {
    upgrade(d) {
      d.createObjectStore("pack");
      d.createObjectStore("outbox", { keyPath: "id", autoIncrement: true }).createIndex(
        "byCreated",
        "createdAt",
      );
    },
    // why: a wipe in another tab deletes the database; this tab lets go so the delete is not blocked.
    blocking() {
      void opened?.then((d) => d.close());
      opened = null;
    },
  });
  return opened;
}

/** The database when this device has one; reading never creates it (an empty store after sign-out stays absent). */
async function existingDb(): Promise<IDBPDatabase<FieldDb> | null> {
  if (!opened && indexedDB.databases) {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes(FIELD_DB)) return null;
  }
  return db();
}

function changed() {
  window.dispatchEvent(new CustomEvent(OUTBOX_EVENT));
}

export async function savePack(pack: Pack): Promise<void> {
  await (await db()).put("pack", pack, "current");
  changed();
}

export function packExpired(pack: Pack, now = Date.now()): boolean {
  return now - Date.parse(pack.takenAt) > PACK_TTL_DAYS * 86_400_000;
}

/** The pack, or null when none was taken or it expired (an expired one is deleted on read). */
export async function readPack(): Promise<Pack | null> {
  const d = await existingDb();
  if (!d) return null;
  const pack = await d.get("pack", "current");
  if (!pack) return null;
  if (packExpired(pack)) {
    await d.delete("pack", "current");
    return null;
  }
  return pack;
}

export async function toEntries(formData: FormData): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string") out.push([name, value]);
    else if (value.size > 0)
      // why: a File's bytes are copied into a plain Blob so the record survives the picker's file going away.
      out.push([
        name,
        {
          blob: new Blob([await value.arrayBuffer()], { type: value.type }),
          name: value.name,
          type: value.type,
        },
      ]);
  }
  return out;
}

export function toFormData(entries: StoredEntry[]): FormData {
  const fd = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === "string") fd.append(name, value);
    else fd.append(name, new File([value.blob], value.name, { type: value.type }));
  }
  return fd;
}

export function fileBytesOf(entries: StoredEntry[]): number {
  return entries.reduce((n, [, v]) => n + (typeof v === "string" ? 0 : v.blob.size), 0);
}

export async function addToOutbox(
  item: Omit<OutboxItem, "id" | "createdAt" | "updatedAt" | "state" | "attempts" | "fileBytes">,
): Promise<number> {
  const now = new Date().toISOString();
  const id = await (await db()).add("outbox", {
    ...item,
    createdAt: now,
    updatedAt: now,
    state: "waiting",
    attempts: 0,
    fileBytes: fileBytesOf(item.entries),
  });
  changed();
  return id;
}

/** Oldest first; items carrying photos after all the others (a slow photo never holds up a text record). */
export async function listOutbox(): Promise<OutboxItem[]> {
  const d = await existingDb();
  if (!d) return [];
  const items = await d.getAllFromIndex("outbox", "byCreated");
  return items.sort((a, b) => Number(a.fileBytes > 0) - Number(b.fileBytes > 0));
}

export async function getOutboxItem(id: number): Promise<OutboxItem | undefined> {
  return (await existingDb())?.get("outbox", id);
}

export async function updateOutboxItem(id: number, change: Partial<OutboxItem>): Promise<void> {
  const d = await db();
  const tx = d.transaction("outbox", "readwrite");
  const item = await tx.store.get(id);
  if (item) {
    const next = { ...item, ...change, updatedAt: new Date().toISOString() };
    if (change.entries) {
      next.fileBytes = fileBytesOf(change.entries);
      // why: an edited item's files may differ; their uploads start afresh (the old ones expire on the server).
      next.uploads = {};
    }
    await tx.store.put(next);
  }
  await tx.done;
  changed();
}

export async function removeOutboxItem(id: number): Promise<void> {
  await (await db()).delete("outbox", id);
  changed();
}

/** Everything this user left on the device: the database and the caches of pages and data. */
export async function wipeDevice(): Promise<void> {
  const d = await opened?.catch(() => null);
  d?.close();
  opened = null;
  await deleteDB(FIELD_DB);
  if ("caches" in window) await Promise.all(USER_CACHES.map((name) => caches.delete(name)));
  changed();
}

/** A visit whose outcome reached the server is no longer open: it leaves the pack's list. */
export async function dropPackVisit(visitId: number): Promise<void> {
  const d = await existingDb();
  if (!d) return;
  const pack = await d.get("pack", "current");
  if (!pack) return;
  await d.put("pack", { ...pack, visits: pack.visits.filter((v) => v.id !== visitId) }, "current");
  changed();
}
