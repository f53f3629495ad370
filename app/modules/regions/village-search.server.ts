// Choosing a village without sending every village in scope to the browser (5,581 for an administrator): a search
// that answers a few matches, the label of the one chosen, and resolving what was typed when JavaScript is off.
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { regions } from "#db/schema";
import { regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { containsPattern } from "~/modules/kernel/search-params";
import { db } from "~/utils/db.server";

export type VillageChoice = { id: number; code: string; label: string };

/** Up to this many villages in scope go to the browser as a plain select (a longer one is hard to use); more get the search. */
export const VILLAGE_SELECT_MAX = 100;

const township = alias(regions, "township");

/** "村名 · 乡镇名": what the picker shows and what a typed text is matched against. */
export function villageLabel(name: string, townshipName: string | null): string {
  return townshipName ? `${name} · ${townshipName}` : name;
}

const choiceColumns = { id: regions.id, code: regions.code, name: regions.name, townshipName: township.name };

function villagesInScope(user: SessionUser) {
  return and(eq(regions.level, "village"), regionsInScope(user));
}

const toChoice = (r: { id: number; code: string; name: string; townshipName: string | null }) => ({
  id: r.id,
  code: r.code,
  label: villageLabel(r.name, r.townshipName),
});

/** Villages in scope whose name, township or code matches, best first (name starts with the text). */
export async function searchVillages({
  user,
  q,
  limit = 20,
}: {
  user: SessionUser;
  q: string;
  limit?: number;
}): Promise<VillageChoice[]> {
  const text = q.trim().slice(0, 50);
  if (!text) return [];
  const pattern = containsPattern(text);
  const rows = await db
    .select(choiceColumns)
    .from(regions)
    .leftJoin(township, eq(township.id, regions.parentId))
    .where(
      and(
        villagesInScope(user),
        or(ilike(regions.name, pattern), ilike(township.name, pattern), ilike(regions.code, `${text}%`)),
      ),
    )
    .orderBy(
      sql`${regions.name} ilike ${`${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} desc`,
      asc(regions.code),
    )
    .limit(limit);
  return rows.map(toChoice);
}

export async function villageChoice(user: SessionUser, id: number): Promise<VillageChoice | null> {
  const [row] = await db
    .select(choiceColumns)
    .from(regions)
    .leftJoin(township, eq(township.id, regions.parentId))
    .where(and(eq(regions.id, id), villagesInScope(user)));
  return row ? toChoice(row) : null;
}

/** How many villages the user's scope holds (whether a plain select will do). */
export async function villageCount(user: SessionUser): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions).where(villagesInScope(user));
  return row?.n ?? 0;
}

/** The one village a typed text names ("村名" or "村名 · 乡镇名", or a 12-digit code); null when none or several. */
export async function resolveVillageText(user: SessionUser, text: string): Promise<number | null> {
  const typed = text.trim().slice(0, 100);
  if (!typed) return null;
  const [name, townshipName] = typed.split(/\s*[·・]\s*/);
  const rows = await db
    .select({ id: regions.id })
    .from(regions)
    .leftJoin(township, eq(township.id, regions.parentId))
    .where(
      and(
        villagesInScope(user),
        /^\d{12}$/.test(typed)
          ? eq(regions.code, typed)
          : and(eq(regions.name, name), townshipName ? eq(township.name, townshipName) : undefined),
      ),
    )
    .limit(2);
  return rows.length === 1 ? rows[0].id : null;
}

/**
 * The village a picker submitted: the chosen id, unless the text beside it names another village (typed without
 * JavaScript), which is then looked up. Returns the id as text ("" when nothing or nothing unique was named).
 */
export async function pickedVillage(
  user: SessionUser,
  values: { id: string | null; text: string | null },
): Promise<string> {
  const id = Number(values.id);
  const text = values.text?.trim() ?? "";
  if (values.text === null) return values.id ?? "";
  if (!text) return "";
  if (Number.isInteger(id) && id > 0 && id < 2 ** 31) {
    const chosen = await villageChoice(user, id);
    if (chosen && chosen.label === text) return String(id);
  }
  return String((await resolveVillageText(user, text)) ?? "");
}

/** Puts the picked village's id into a posted form (`<field>` and `<field>Text`, as SearchPicker posts them). */
export async function applyPickedVillage(
  user: SessionUser,
  formData: FormData,
  field: string,
): Promise<void> {
  const text = formData.get(`${field}Text`);
  if (typeof text !== "string") return;
  const id = formData.get(field);
  formData.set(field, await pickedVillage(user, { id: typeof id === "string" ? id : null, text }));
}

/** How a form lets this user choose a village: a plain select (few in scope) or the search, with the current one. */
export async function villageField(
  user: SessionUser,
  chosenId?: number | null,
): Promise<{ search: boolean; chosen: VillageChoice | null }> {
  const count = await villageCount(user);
  if (count <= VILLAGE_SELECT_MAX) return { search: false, chosen: null };
  return { search: true, chosen: chosenId ? await villageChoice(user, chosenId) : null };
}
