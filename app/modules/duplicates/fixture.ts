// A generated register for measuring duplicate detection: several hundred Tibetan files drawn from a small pool of
// name syllables (so namesakes abound, as in a real township), with known duplicates written in other spellings,
// often with a slip in the birth date or registered in another village, and near misses that are not duplicates.
import { variantGroups } from "~/modules/people/names/variants";

export type FixtureFile = {
  key: number;
  fullName: string;
  sex: "male" | "female";
  birthDate: string;
  village: number;
  guardianName: string | null;
};

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Frequent syllables without variants in the table, beside the table's canonical spellings. */
const plainSyllables = ["强巴", "米玛", "普布", "边巴", "巴桑", "德吉", "曲珍", "旺堆", "格列", "拉巴"];

export function duplicateFixture({ seed = 16, people = 360, villages = 4 } = {}) {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const spellingsOf = new Map(variantGroups.map((g) => [g.spellings[0], g.spellings]));
  const syllables = [
    ...variantGroups.filter((g) => g.spellings[0].length === 2).map((g) => g.spellings[0]),
    ...plainSyllables,
  ];
  const date = () =>
    `${1935 + Math.floor(rand() * 78)}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
  const files: FixtureFile[] = [];
  const add = (f: Omit<FixtureFile, "key">) => {
    files.push({ ...f, key: files.length });
    return files.length - 1;
  };
  for (let i = 0; i < people; i++) {
    const birthDate = date();
    add({
      fullName: `${pick(syllables)}${pick(syllables)}`,
      sex: rand() < 0.5 ? "male" : "female",
      birthDate,
      village: Math.floor(rand() * villages),
      guardianName: birthDate > "2008" ? `${pick(syllables)}${pick(syllables)}` : null,
    });
  }
  /** Another spelling of each syllable that has one (at least one syllable changes). */
  const respell = (name: string) => {
    const parts = [name.slice(0, 2), name.slice(2)];
    const variable = parts.map((p) => (spellingsOf.get(p) ?? [p]).length > 1);
    const must = variable.indexOf(true);
    return parts
      .map((p, i) => {
        const options = spellingsOf.get(p) ?? [p];
        if (options.length === 1) return p;
        const others = options.filter((o) => o !== p);
        return i === must || rand() < 0.6 ? pick(others) : p;
      })
      .join("");
  };
  const hasVariant = (name: string) =>
    [name.slice(0, 2), name.slice(2)].some((p) => (spellingsOf.get(p) ?? []).length > 1);
  const slip = (d: string) => {
    const [y, m, day] = d.split("-");
    if (rand() < 0.5 && Number(day) <= 12 && day !== m) return `${y}-${day}-${m}`;
    return `${y}-${m}-${pad(((Number(day) + 2) % 28) + 1)}`;
  };

  const duplicates: [number, number][] = [];
  const originals = files.filter((f) => hasVariant(f.fullName));
  for (let i = 0; i < 45; i++) {
    const original = originals[i * 3];
    const copy = add({
      fullName: respell(original.fullName),
      sex: original.sex,
      birthDate: rand() < 0.8 ? original.birthDate : slip(original.birthDate),
      village: rand() < 0.6 ? original.village : (original.village + 1) % villages,
      guardianName:
        original.guardianName && rand() < 0.7 ? respell(original.guardianName) : original.guardianName,
    });
    duplicates.push([original.key, copy]);
  }
  // Harder duplicates: registered by one word of the name only, or with the year of birth mistyped elsewhere.
  for (let i = 0; i < 5; i++) {
    const original = originals[i * 3 + 1];
    const copy = add({ ...original, fullName: respell(original.fullName).slice(2) });
    duplicates.push([original.key, copy]);
  }
  for (let i = 0; i < 5; i++) {
    const original = originals[i * 3 + 2];
    const [y, m, d] = original.birthDate.split("-");
    const copy = add({
      ...original,
      fullName: respell(original.fullName),
      birthDate: `${Number(y) + 1}-${m}-${d}`,
      village: (original.village + 2) % villages,
    });
    duplicates.push([original.key, copy]);
  }
  // Namesakes born in the same month of the same year: indistinguishable without the ID number (proposed, wrongly).
  for (let i = 0; i < 3; i++) {
    const other = files[i * 13 + 5];
    const [y, m, d] = other.birthDate.split("-");
    add({ ...other, birthDate: `${y}-${m}-${pad(((Number(d) + 9) % 28) + 1)}` });
  }
  // Near misses: namesakes born in another month of about the same age, and twins with one syllable in common.
  for (let i = 0; i < 25; i++) {
    const other = files[i * 7];
    const [y, m] = other.birthDate.split("-");
    add({
      ...other,
      birthDate: `${Number(y) + (i % 2)}-${pad(((Number(m) + 4) % 12) + 1)}-${pad(1 + ((i * 5) % 28))}`,
    });
  }
  for (let i = 0; i < 15; i++) {
    const twin = files[i * 11 + 1];
    add({
      ...twin,
      fullName: `${twin.fullName.slice(0, 2)}${pick(syllables.filter((s) => s !== twin.fullName.slice(2)))}`,
    });
  }
  return { files, duplicates };
}
