// The register's name search: a query touching a Tibetan syllable finds every spelling of it, a Latin query finds by
// pinyin or initials, Tibetan script finds name_bo. A Chinese query without such a syllable is the search as before.
import { ilike, like, or, type SQL } from "drizzle-orm";
import { people } from "#db/schema";
import { tibetanName } from "./keys";
import { canonicalPinyinQuery, initialsOf, latinQuery, pinyinOf } from "./pinyin";
import { bareName, nameKey, touchesVariants } from "./variants";

export type NameQuery =
  /** The search as before: an infix match of the name as written. */
  | { kind: "plain"; text: string }
  | { kind: "variants"; text: string; patterns: string[] }
  | { kind: "latin"; text: string; patterns: string[] }
  | { kind: "tibetan"; text: string; patterns: string[] };

const escapeLike = (text: string) => text.replace(/[%_\\]/g, "\\$&");
const TIBETAN = /[\u0F00-\u0FFF]/u;

export function nameQueryOf(q: string): NameQuery {
  const text = q.trim();
  if (TIBETAN.test(text)) {
    const bo = tibetanName(text);
    if (bo) return { kind: "tibetan", text, patterns: [bo] };
  }
  const latin = latinQuery(text);
  if (latin)
    return { kind: "latin", text: latin, patterns: [...new Set([latin, canonicalPinyinQuery(latin)])] };
  if (touchesVariants(text))
    return { kind: "variants", text, patterns: [...new Set([text.toLowerCase(), nameKey(text)])] };
  return { kind: "plain", text };
}

/**
 * The WHERE condition for a name query. why: every new form lives in people.name_search behind one trigram index
 * (people_name_search_trgm_idx), so a search is one or two index lookups; the plain path keeps people_name_trgm_idx.
 */
export function nameCondition(query: NameQuery): SQL {
  if (query.kind === "plain") return ilike(people.fullName, `%${escapeLike(query.text)}%`);
  const match = query.kind === "variants" ? ilike : like;
  const conditions = query.patterns.map((p) => match(people.nameSearch, `%${escapeLike(p)}%`));
  return conditions.length === 1 ? conditions[0] : or(...conditions)!;
}

/** Whether a listed file matched only through another spelling (or the pinyin of another spelling). */
export function matchedThroughVariant(query: NameQuery, fullName: string): boolean {
  const name = fullName.toLowerCase();
  switch (query.kind) {
    case "plain":
    case "tibetan":
      return false;
    case "variants":
      return !bareName(fullName).includes(bareName(query.text));
    case "latin":
      return !(
        name.includes(query.text) ||
        pinyinOf(fullName).includes(query.text) ||
        initialsOf(fullName).includes(query.text)
      );
  }
}
