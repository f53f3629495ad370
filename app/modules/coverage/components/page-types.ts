// What the coverage page's sections receive from its loader.
import type { CoverageReport, placementSuggestions } from "../queries.server";

export type CoverageTownships = CoverageReport["townships"];
export type CoverageReach = CoverageReport["reach"];
export type CoverageStations = CoverageReport["stations"];
export type UnreachedVillage = CoverageReport["villages"][number];
export type Suggestions = Awaited<ReturnType<typeof placementSuggestions>>;
