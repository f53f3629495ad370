// The name columns stored with each file, computed on every write (form, import, merge, seed) and recomputed when
// the variant table changes (refresh.server.ts): people.name_key for matching, people.name_search for search.
import { initialsOf, pinyinOf } from "./pinyin";
import { nameKey } from "./variants";

export type NameColumns = { nameKey: string; nameSearch: string };

/** Tibetan script as typed, without a trailing tsheg or shad (བཀྲ་ཤིས་ and བཀྲ་ཤིས are one name). */
export function tibetanName(text: string | null | undefined): string | null {
  const trimmed = text?.trim().replace(/[\s\u0F0B\u0F0D\u0F0E]+$/u, "");
  return trimmed ? trimmed : null;
}

/**
 * name_search holds every form a search may match, separated by spaces: the name as written, its canonical key, the
 * pinyin and initials of both, and the Tibetan name. One trigram index then serves Chinese, pinyin and Tibetan.
 */
export function nameColumns(fullName: string, nameBo?: string | null): NameColumns {
  const key = nameKey(fullName);
  const tokens = [
    fullName.trim().toLowerCase(),
    key,
    pinyinOf(fullName),
    pinyinOf(key),
    initialsOf(fullName),
    initialsOf(key),
    tibetanName(nameBo) ?? "",
  ];
  return { nameKey: key, nameSearch: [...new Set(tokens.filter(Boolean))].join(" ") };
}
