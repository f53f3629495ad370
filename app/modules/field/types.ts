// What the field app keeps on the device: the taken-offline pack and the outbox. Client-safe.

/** One open visit as the pack carries it, with what the visit needs from the person's file (masked for the role). */
export type PackVisit = {
  id: number;
  kind: "routine" | "follow_up" | "event";
  dueOn: string;
  overdueDays: number;
  villageName: string;
  assignedName: string | null;
  notes: string | null;
  personId: number;
  /** The visit's version when the server has one: posted as baseVersion, so a stale outcome becomes a conflict. */
  version: number | null;
};

export type PackPerson = {
  id: number;
  fullName: string;
  villageName: string;
  townshipName: string | null;
  categories: string[];
  riskTier: string;
  guardianName: string | null;
  guardianPhone: string | null;
  contactMasked: boolean;
  lastVisits: { dueOn: string; outcome: string | null; notes: string | null }[];
};

export type Pack = {
  /** When the server made it (ISO); the device copy expires PACK_TTL_DAYS after. */
  takenAt: string;
  today: string;
  userId: number;
  village: string | null;
  visits: PackVisit[];
  people: PackPerson[];
  villages: string[];
};

export const PACK_TTL_DAYS = 7;
export const PACK_DAYS_AHEAD = 14;

/** The header the server sends when the account is disabled: the device store is wiped on sight. */
export const WIPE_HEADER = "X-Field-Wipe";

export type OutboxKind = "visit" | "activity" | "other";
export type OutboxState = "waiting" | "sending" | "refused" | "conflict" | "signedOut";

/** A form entry as stored: text, or a file kept as a Blob (photos are shrunk before they get here). */
export type StoredEntry = [name: string, value: string | { blob: Blob; name: string; type: string }];

export type OutboxItem = {
  id?: number;
  kind: OutboxKind;
  /** The route the form posts to, e.g. /visits/12. */
  url: string;
  /** What the list shows: the person's or activity's name. */
  label: string;
  entries: StoredEntry[];
  createdAt: string;
  updatedAt: string;
  state: OutboxState;
  attempts: number;
  /** Bytes of files in the item; items with photos are sent after the others. */
  fileBytes: number;
  conflictId?: number | null;
  problem?: string | null;
  /** Resumable uploads of the item's files under way: entry index → the upload's address on the server. */
  uploads?: Record<number, string>;
};

/** Window events: the outbox or pack changed; an upload's progress (detail: { id, loaded, total } or null). */
export const OUTBOX_EVENT = "field:outbox";
export const PROGRESS_EVENT = "field:progress";
export type Progress = { id: number; loaded: number; total: number } | null;

/** The service worker's cache of hashed build files (immutable: safe to keep and to fill from the page). */
export const ASSETS_CACHE = "assets";
