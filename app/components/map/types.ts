// Plain data the map component draws; the route's loader produces it, Leaflet never reaches the server.
import type { TFunction } from "i18next";
import type { Datum } from "./datum";

export type Geometry =
  | { type: "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };

/** [id, lng, lat, kind index, status index, surveyed 0/1] */
export type MapPointTuple = [number, number, number, number, number, 0 | 1];

/** The base map as the server configured it (utils/map-tiles.ts); url null: no tiles, outlines only. */
export type MapTiles = {
  url: string | null;
  attribution: string;
  crs: Datum;
  subdomains?: string;
  maxZoom?: number;
  overlay?: { url: string; subdomains: string; attribution: string } | null;
};

export type CoverageState = "covered_contract" | "covered" | "building" | "uncovered";

type MapTownshipArea = {
  code: string;
  name: string;
  lat: number | null;
  lng: number | null;
  area: Geometry | null;
  areaApproximate: boolean;
  state: CoverageState;
};

export type MapSuggestion = {
  rank: number;
  code: string;
  name: string;
  lat: number;
  lng: number;
  addedWeight: number;
  addedVillages: number;
};

export type StationMapProps = {
  points: MapPointTuple[];
  kinds: readonly string[];
  statuses: readonly string[];
  /** County outlines; a county with a seat point gets its name written there. */
  counties: {
    code: string;
    name: string;
    lat?: number | null;
    lng?: number | null;
    boundary: Geometry | null;
  }[];
  townships: MapTownshipArea[];
  suggestions: MapSuggestion[];
  tiles: MapTiles;
  /** Changes when the filters change, so the view refits. */
  fitKey: string;
  selectedId: number | null;
  onSelect: (id: number) => void;
  editing: { id: number; lat: number; lng: number } | null;
  /** The new position in the base map's datum. */
  onEditMove: (lat: number, lng: number) => void;
  labels: {
    counties: string;
    coverage: string;
    stations: string;
    suggestions: string;
    coverageState: Record<CoverageState, string>;
    approximateArea: string;
    clusterOf: (count: number) => string;
    suggestion: (s: MapSuggestion) => string;
    dragHint: string;
    /** Said on the map when no tile server answers and it draws outlines and names only. */
    offline?: string;
  };
};

/** The wire form of /api/facilities/points. */
export type PointsPayload = { unlocated: number; p: number[] };

export function decodePoints(payload: PointsPayload | undefined): MapPointTuple[] {
  if (!payload) return [];
  const out: MapPointTuple[] = new Array(payload.p.length / 4);
  for (let i = 0; i < out.length; i++) {
    const packed = payload.p[i * 4 + 3];
    out[i] = [
      payload.p[i * 4],
      payload.p[i * 4 + 1],
      payload.p[i * 4 + 2],
      packed >> 4,
      (packed >> 1) & 7,
      (packed & 1) as 0 | 1,
    ];
  }
  return out;
}

/** The labels of a small map that shows stations only (a form's location picker, a facility's own page). */
export function stationsOnlyLabels(t: TFunction, dragHint = ""): StationMapProps["labels"] {
  return {
    counties: t("map:layers.counties"),
    coverage: t("map:layers.coverage"),
    stations: t("map:layers.stations"),
    suggestions: t("map:layers.suggestions"),
    coverageState: { covered_contract: "", covered: "", building: "", uncovered: "" },
    approximateArea: "",
    clusterOf: (count) => String(count),
    suggestion: () => "",
    dragHint,
    offline: t("map:offline"),
  };
}
