// Synthetic people in care: clearly fake names (prefixed 示例), structurally valid ID numbers, consistent ages.

import type { Db } from "#db/client";
import { type PersonCategory, people, type RiskTier } from "#db/schema";
import { hasChildCategory } from "#db/schema/enums";
import { buildIdNumber } from "~/modules/people/id-number";
import { type NameColumns, nameColumns } from "~/modules/people/names/keys";
import { intBetween, pick } from "./random";

export const givenNames = [
  "扎西",
  "次仁",
  "卓玛",
  "格桑",
  "央金",
  "德吉",
  "拉姆",
  "平措",
  "旺堆",
  "多吉",
  "曲珍",
  "尼玛",
  "达瓦",
  "边巴",
  "普布",
  "米玛",
  "索朗",
  "白玛",
  "强巴",
  "顿珠",
  "桑珠",
  "洛桑",
  "益西",
  "巴桑",
];

export function fakeName(rand: () => number): string {
  return `示例·${pick(rand, givenNames)}${pick(rand, givenNames)}`;
}

const categoryMix: [PersonCategory[], number][] = [
  [["dibao"], 30],
  [["dibao", "disabled"], 8],
  [["tekun_dispersed"], 9],
  [["tekun_centralized"], 4],
  [["orphan"], 3],
  [["unsupported_child"], 3],
  [["left_behind_child"], 10],
  [["distressed_child", "dibao"], 5],
  [["disabled"], 8],
  [["severely_disabled"], 5],
  [["advanced_age_elderly"], 6],
  [["disabled_elderly", "dibao"], 4],
  [["advanced_age_elderly", "tekun_dispersed"], 5],
];
const totalWeight = categoryMix.reduce((s, [, w]) => s + w, 0);

export function pickCategories(rand: () => number): PersonCategory[] {
  let r = rand() * totalWeight;
  for (const [cats, w] of categoryMix) {
    r -= w;
    if (r < 0) return cats;
  }
  return categoryMix[0][0];
}

/** An age that fits the categories: children 3–16, advanced-age elderly 80–96, disabled elderly 65–90. */
export function ageFor(categories: PersonCategory[], rand: () => number): number {
  if (hasChildCategory(categories)) return intBetween(rand, 3, 16);
  if (categories.includes("advanced_age_elderly")) return intBetween(rand, 80, 96);
  if (categories.includes("disabled_elderly")) return intBetween(rand, 65, 90);
  if (categories.includes("tekun_dispersed") || categories.includes("tekun_centralized"))
    return intBetween(rand, 55, 88);
  return intBetween(rand, 22, 78);
}

export function riskTierFor(categories: PersonCategory[], rand: () => number): RiskTier {
  const r = rand();
  if (categories.includes("severely_disabled") || categories.includes("unsupported_child"))
    return r < 0.4 ? "high" : "key";
  if (r < 0.08) return "high";
  if (r < 0.35) return "key";
  return "normal";
}

export function birthDateFor(today: string, age: number, rand: () => number): string {
  const year = Number(today.slice(0, 4)) - age - (rand() < 0.5 ? 1 : 0);
  const month = intBetween(rand, 1, 12);
  const day = intBetween(rand, 1, 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Sequence numbers in the 900s keep demo numbers apart from any real assignment pattern; odd = male. */
export function demoIdNumber(region6: string, birthDate: string, sex: "male" | "female", n: number): string {
  const base = 900 + (n % 50) * 2;
  return buildIdNumber({ region6, birthDate, sequence: sex === "male" ? base + 1 : base });
}

/** Stores a demo file with its name's search keys, derived as the app's own writes derive them; answers its id. */
export async function insertDemoPerson(
  db: Db,
  values: Omit<typeof people.$inferInsert, keyof NameColumns>,
): Promise<number> {
  const [row] = await db
    .insert(people)
    .values({ ...values, ...nameColumns(values.fullName, values.nameBo) })
    .returning({ id: people.id });
  return row.id;
}
