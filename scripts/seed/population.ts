// Demo populations: published county figures, spread to townships and villages by one documented rule and marked as
// derived (regions.population_derived), so population-weighted coverage and placement have something to weigh.
//
// Sources (checked 2026-12; see data/SOURCE.md):
// - Seventh national census, resident population on 2020-11-01 (第七次全国人口普查 常住人口): Ngari Prefecture
//   阿里地区 123,281 (citypopulation.de, "Xīzàng: prefectural division", census 2020); Purang 普兰县 12,242 and Gerze
//   改则县 25,327 (阿里地区第七次全国人口普查主要数据公报, as cited by zh.wikipedia 普兰县 / 改则县); Zanda 札达县
//   8,454 (the same census, reported as the least populous county of China).
// - Bayi District 巴宜区: total population 84,254 (巴宜区人民政府, "巴宜区基本情况", 2022-01-14, bayiqu.gov.cn).
//
// The rule, applied in this order:
// 1. A county with a published figure keeps it. The Ngari counties without one found (Gar 噶尔, Rutog 日土, Gegye 革吉,
//    Coqen 措勤) share what the prefecture's census total leaves, in proportion to their village counts (derived).
// 2. A county's figure is spread over its villages in proportion to village counts — every village-level unit (村 or
//    社区居委会) of a county gets the same share, remainders going one person at a time to the first villages by code,
//    so the villages add up to the county exactly (derived).
// 3. A township's population is the sum of its villages (derived).
// Provinces and prefectures keep no population: the demo holds only part of them.
import { countyDigits } from "~/modules/regions/codes";
import type { SeedRegion } from "./regions";

export type PopulationFigure = { population: number; derived: boolean };

/** Published county figures by 6-digit code, with where each comes from. */
export const countyFigures: Record<string, { population: number; source: string }> = {
  "540402": { population: 84_254, source: "巴宜区人民政府《巴宜区基本情况》2022-01-14：总人口" },
  "542521": { population: 12_242, source: "第七次全国人口普查 常住人口（阿里地区公报）" },
  "542522": { population: 8_454, source: "第七次全国人口普查 常住人口" },
  "542526": { population: 25_327, source: "第七次全国人口普查 常住人口（阿里地区公报）" },
};

/** Ngari Prefecture's resident population, seventh national census. */
export const NGARI_CENSUS_2020 = 123_281;
const NGARI = "5425";

/** Splits `total` over `weights` in proportion, by largest remainder (ties to the earlier item): sums to `total`. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    shares[i] += 1;
  }
  return shares;
}

/** Population of every county, township and village of the demo regions, by 12-digit code. */
export function demoPopulations(rows: SeedRegion[]): Map<string, PopulationFigure> {
  const out = new Map<string, PopulationFigure>();
  const counties = rows.filter((r) => r.level === "county").sort((a, b) => a.code.localeCompare(b.code));
  const villagesOf = (countyCode: string) =>
    rows
      .filter((r) => r.level === "village" && r.code.startsWith(countyDigits(countyCode)))
      .sort((a, b) => a.code.localeCompare(b.code));

  const countyPopulation = new Map<string, PopulationFigure>();
  for (const c of counties) {
    const published = countyFigures[countyDigits(c.code)];
    if (published) countyPopulation.set(c.code, { population: published.population, derived: false });
  }
  const ngariRest = counties.filter((c) => c.code.startsWith(NGARI) && !countyPopulation.has(c.code));
  const ngariPublished = counties
    .filter((c) => c.code.startsWith(NGARI) && countyPopulation.has(c.code))
    .reduce((sum, c) => sum + countyPopulation.get(c.code)!.population, 0);
  const restShares = apportion(
    NGARI_CENSUS_2020 - ngariPublished,
    ngariRest.map((c) => villagesOf(c.code).length),
  );
  for (const [i, c] of ngariRest.entries())
    countyPopulation.set(c.code, { population: restShares[i], derived: true });

  for (const c of counties) {
    const county = countyPopulation.get(c.code);
    if (!county) continue;
    out.set(c.code, county);
    const villages = villagesOf(c.code);
    const shares = apportion(
      county.population,
      villages.map(() => 1),
    );
    for (const [i, v] of villages.entries()) {
      out.set(v.code, { population: shares[i], derived: true });
      const township = out.get(v.parentCode!) ?? { population: 0, derived: true };
      out.set(v.parentCode!, { population: township.population + shares[i], derived: true });
    }
  }
  return out;
}

/** The demo regions with their populations (counties, townships and villages; none above). */
export function withDemoPopulations(rows: SeedRegion[]): SeedRegion[] {
  const figures = demoPopulations(rows);
  return rows.map((r) => {
    const figure = figures.get(r.code);
    return figure ? { ...r, population: figure.population, populationDerived: figure.derived } : r;
  });
}
