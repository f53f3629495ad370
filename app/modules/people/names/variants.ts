// Tibetan names reach the register through Chinese transliterations that vary by clerk (扎西 / 扎喜 / 札西): this maps
// each spelling of a syllable in variants.json to its group's canonical form, so a name has one key however written.
import table from "./variants.json";

export type VariantGroup = { tibetan: string; wylie: string; spellings: string[] };

export const variantGroups: readonly VariantGroup[] = table.groups;

const canonicalOf = new Map<string, string>();
for (const group of variantGroups)
  for (const spelling of group.spellings) canonicalOf.set(spelling, group.spellings[0]);

/** Longest spelling first, so a two-character syllable wins over a one-character one starting at the same place. */
const lengths = [...new Set([...canonicalOf.keys()].map((s) => s.length))].sort((a, b) => b - a);

/** Separators clerks put inside a name (示例·扎西, 扎西 卓玛): not part of it. */
const SEPARATORS = /[\s·•・．.\-—_]+/gu;

/** A name without separators, lowercase: how two spellings are compared character by character. */
export function bareName(name: string): string {
  return name.replace(SEPARATORS, "").toLowerCase();
}

/** A name's syllables, left to right: known spellings as one piece each, any other character alone. */
export function syllablesOf(name: string): { text: string; canonical: string | null }[] {
  const text = name.replace(SEPARATORS, "");
  const out: { text: string; canonical: string | null }[] = [];
  let i = 0;
  outer: while (i < text.length) {
    for (const n of lengths) {
      const piece = text.slice(i, i + n);
      const canonical = piece.length === n ? canonicalOf.get(piece) : undefined;
      if (canonical) {
        out.push({ text: piece, canonical });
        i += n;
        continue outer;
      }
    }
    const [ch] = text.slice(i);
    out.push({ text: ch, canonical: null });
    i += ch.length;
  }
  return out;
}

/** The canonical key of a name: separators dropped, each known syllable in its canonical spelling. */
export function nameKey(name: string): string {
  return syllablesOf(name)
    .map((s) => s.canonical ?? s.text)
    .join("")
    .toLowerCase();
}

/** Whether a text contains any syllable of the table (in any spelling): only then can a variant change a match. */
export function touchesVariants(text: string): boolean {
  return syllablesOf(text).some((s) => s.canonical !== null);
}

/** Whether the name is written in other than canonical spellings. */
export function hasVariantSpelling(name: string): boolean {
  return syllablesOf(name).some((s) => s.canonical !== null && s.canonical !== s.text);
}
