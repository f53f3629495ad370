// How alike two files are, from what a clerk writes down: the name (compared by canonical key, so 才仁卓嘛 and 次仁卓玛
// are one name), the birth date (allowing the usual slips), sex, village and guardian. Pure, so it is tested alone.
import { bareName, nameKey, syllablesOf } from "~/modules/people/names/variants";

export type PersonFacts = {
  id: number;
  fullName: string;
  nameKey: string;
  sex: string;
  birthDate: string;
  villageId: number;
  townshipId: number | null;
  guardianName: string | null;
  idNumberMasked: string;
};

export type Reason =
  | "sameName"
  | "sameNameVariant"
  | "similarName"
  | "sameBirthDate"
  | "nearBirthDate"
  | "otherSex"
  | "sameVillage"
  | "sameTownship"
  | "sameGuardian"
  | "otherGuardian"
  | "sameIdEnds";

/** Pairs scoring at least this are proposed; tuned on duplicates.test.ts's fixture (precision and recall ≥ 0.9). */
export const DUPLICATE_THRESHOLD = 0.8;

function editDistance(a: string[], b: string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length];
}

/**
 * 1 for one key; less per differing syllable (a syllable of the table is one unit, any other character is one), so
 * twins named 扎西次仁 and 扎西多吉 are half alike, not three quarters; a name that is the other with a syllable left
 * out (卓玛 for 次仁卓玛) scores 0.7.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // why: digits are never a spelling slip (示例·矩阵新档12 and …13 are two test files, not one person).
  if (a.replace(/\D/g, "") !== b.replace(/\D/g, "")) return 0;
  const ta = syllablesOf(a).map((s) => s.canonical ?? s.text);
  const tb = syllablesOf(b).map((s) => s.canonical ?? s.text);
  const similar = 1 - editDistance(ta, tb) / Math.max(ta.length, tb.length, 1);
  const contained =
    Math.min(ta.length, tb.length) >= 1 &&
    Math.min(a.length, b.length) >= 2 &&
    (a.includes(b) || b.includes(a))
      ? 0.7
      : 0;
  return Math.max(similar, contained);
}

/** 1 for one date; the slips of copying a date by hand (day and month swapped, one part mistyped) less. */
export function birthSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [ya, ma, da] = a.split("-");
  const [yb, mb, db] = b.split("-");
  if (ya === yb && ma === db && da === mb) return 0.8;
  // One of year, month and day mistyped.
  if ([ya === yb, ma === mb, da === db].filter(Boolean).length === 2) return 0.6;
  return 0;
}

export function scorePair(a: PersonFacts, b: PersonFacts): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const name = nameSimilarity(a.nameKey, b.nameKey);
  if (name === 1)
    reasons.push(bareName(a.fullName) === bareName(b.fullName) ? "sameName" : "sameNameVariant");
  else if (name >= 0.5) reasons.push("similarName");
  const birth = birthSimilarity(a.birthDate, b.birthDate);
  if (birth === 1) reasons.push("sameBirthDate");
  else if (birth > 0) reasons.push("nearBirthDate");
  let score = 0.55 * name + 0.45 * birth;
  if (a.sex !== b.sex) {
    score -= 0.3;
    reasons.push("otherSex");
  }
  if (a.villageId === b.villageId) {
    score += 0.05;
    reasons.push("sameVillage");
  } else if (a.townshipId !== null && a.townshipId === b.townshipId) {
    score += 0.02;
    reasons.push("sameTownship");
  }
  // why: twins share a guardian, a birth date and a village; the guardian speaks for one person only with one name.
  if (a.guardianName && b.guardianName && name >= 0.75) {
    const guardian = nameSimilarity(nameKey(a.guardianName), nameKey(b.guardianName));
    if (guardian >= 0.75) {
      score += 0.05;
      reasons.push("sameGuardian");
    } else if (guardian < 0.5) {
      score -= 0.05;
      reasons.push("otherGuardian");
    }
  }
  if (
    a.idNumberMasked.slice(0, 4) === b.idNumberMasked.slice(0, 4) &&
    a.idNumberMasked.slice(-4) === b.idNumberMasked.slice(-4)
  ) {
    score += 0.05;
    reasons.push("sameIdEnds");
  }
  return { score: Math.max(0, Math.min(1, score)), reasons };
}
