// Facility filters as they live in the URL (map and register share them, so a view can be shared by link).
import {
  type FacilityKind,
  type FacilityStatus,
  facilityKinds,
  facilityStatuses,
} from "#db/schema/facilities";
import { regionCodeOrUndefined } from "~/modules/regions/codes";

export type FacilityFilters = {
  /** A county's 12-digit code (the URL may carry its 6 digits). */
  county?: string;
  /** A township's 12-digit code (the URL may carry its 9 digits). */
  township?: string;
  kind?: FacilityKind;
  status?: FacilityStatus;
  organization?: number;
  /** Only facilities whose position is not surveyed (approximate or unknown). */
  approx?: boolean;
  /** Only facilities no organization runs today (no active contract covering the day). */
  noOperator?: boolean;
  q?: string;
};

export function parseFacilityFilters(search: URLSearchParams): FacilityFilters {
  const filters: FacilityFilters = {};
  const county = regionCodeOrUndefined(search.get("county"));
  if (county) filters.county = county;
  const township = regionCodeOrUndefined(search.get("township"));
  if (township) filters.township = township;
  const kind = search.get("kind");
  if (kind && (facilityKinds as readonly string[]).includes(kind)) filters.kind = kind as FacilityKind;
  const status = search.get("status");
  if (status && (facilityStatuses as readonly string[]).includes(status))
    filters.status = status as FacilityStatus;
  const organization = Number(search.get("organization"));
  if (Number.isInteger(organization) && organization > 0 && organization < 2 ** 31)
    filters.organization = organization;
  if (search.get("approx") === "1") filters.approx = true;
  if (search.get("noOperator") === "1") filters.noOperator = true;
  const q = search.get("q")?.trim();
  if (q) filters.q = q.slice(0, 100);
  return filters;
}

const facilitySortKeys = ["code", "name", "township", "kind", "status", "openedOn", "organization"] as const;
export type FacilitySortKey = (typeof facilitySortKeys)[number];

export function parseFacilitySort(search: URLSearchParams): { sort: FacilitySortKey; dir: "asc" | "desc" } {
  const sort = search.get("sort");
  const dir = search.get("dir") === "desc" ? "desc" : "asc";
  return {
    sort: (facilitySortKeys as readonly string[]).includes(sort ?? "") ? (sort as FacilitySortKey) : "code",
    dir,
  };
}
