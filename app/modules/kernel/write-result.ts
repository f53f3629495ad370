// What a module's write answers its route (client-safe, so components can type their action data). See ADR 008.
import type { Problems } from "./messages";

/** Nothing was stored: errors the user can fix, next to their fields or for the whole form. */
export type Refused = { ok: false } & Problems;

/**
 * Stored (or stored before: `replayed` when the same form key came again). A write that answers `null` instead
 * found nothing in the user's scope to act on, which the route turns into a 404.
 */
export type WriteResult<T = { id: number }> = { ok: true; value: T; replayed: boolean } | Refused;

export const refused = (problems: Problems): Refused => ({ ok: false, ...problems });
