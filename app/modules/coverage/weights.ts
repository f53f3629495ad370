// The demand a placement suggestion can weigh by, as a URL parameter: the coverage page, its export and the map share it.
import type { PlacementWeight } from "./math";

export const placementWeights = [
  "people",
  "population",
  "villages",
] as const satisfies readonly PlacementWeight[];

/** undefined for a missing or unknown value: the suggestions then pick the weight the data supports. */
export function parsePlacementWeight(value: string | null | undefined): PlacementWeight | undefined {
  return (placementWeights as readonly string[]).includes(value ?? "")
    ? (value as PlacementWeight)
    : undefined;
}
