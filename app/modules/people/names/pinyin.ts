// Pinyin of names, from pinyin-pro (a maintained dictionary with context for polyphones), as plain lowercase letters:
// 扎西卓玛 → zhaxizhuoma, initials zxzm. Anything that is not a Chinese character or a letter is dropped.
import { pinyin } from "pinyin-pro";
import { variantGroups } from "./variants";

const letters = (parts: string[]) =>
  parts
    .join("")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

export function pinyinOf(text: string): string {
  return letters(pinyin(text, { toneType: "none", type: "array", v: true }));
}

export function initialsOf(text: string): string {
  return letters(pinyin(text, { pattern: "first", toneType: "none", type: "array", v: true }));
}

/** A Latin query as stored: lowercase letters only ("Zha Xi" → zhaxi); null when it has anything else. */
export function latinQuery(q: string): string | null {
  const text = q.toLowerCase().replace(/[\s'’·.-]+/g, "");
  return /^[a-z]+$/.test(text) ? text : null;
}

/** The pinyin of each variant spelling that differs from its canonical spelling's pinyin (cairen → ciren). */
const canonicalPinyin = new Map<string, string>();
for (const group of variantGroups) {
  const canonical = pinyinOf(group.spellings[0]);
  for (const spelling of group.spellings.slice(1)) {
    const own = pinyinOf(spelling);
    if (own !== canonical) canonicalPinyin.set(own, canonical);
  }
}
const pinyinLengths = [...new Set([...canonicalPinyin.keys()].map((p) => p.length))].sort((a, b) => b - a);

/** Variant syllables of a pinyin query in their canonical pinyin, so `cairenzhuoma` also finds 次仁卓玛. */
export function canonicalPinyinQuery(text: string): string {
  let out = "";
  let i = 0;
  outer: while (i < text.length) {
    for (const n of pinyinLengths) {
      const canonical = canonicalPinyin.get(text.slice(i, i + n));
      if (canonical) {
        out += canonical;
        i += n;
        continue outer;
      }
    }
    out += text[i];
    i += 1;
  }
  return out;
}

/** For tests and the docs: which variant pinyin maps to which canonical pinyin. */
export const variantPinyin: ReadonlyMap<string, string> = canonicalPinyin;
