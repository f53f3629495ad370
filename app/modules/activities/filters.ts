// The filters of activity lists (review feed, calendar, CSV), read from and written to the query string.
import { activityKinds } from "#db/schema/activities";
import { facilityKinds } from "#db/schema/facilities";
import { careProjectKinds } from "#db/schema/projects";
import { regionCodeOrUndefined } from "~/modules/regions/codes";
import { isIsoDate } from "~/utils/dates";

export type ActivityFilters = {
  organization?: number;
  facility?: number;
  project?: number;
  contract?: number;
  kind?: (typeof activityKinds)[number];
  facilityKind?: (typeof facilityKinds)[number];
  projectKind?: (typeof careProjectKinds)[number];
  /** A region code: activities at facilities or of projects inside it. */
  region?: string;
  from?: string;
  to?: string;
  /** "open": with a flag not yet resolved; "any": flagged at some point. */
  flagged?: "open" | "any";
  q?: string;
};

const id = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : undefined;
};
const date = (v: string | null) => (v && isIsoDate(v) ? v : undefined);
const oneOf = <T extends string>(values: readonly T[], v: string | null) =>
  v && (values as readonly string[]).includes(v) ? (v as T) : undefined;

export function parseActivityFilters(search: URLSearchParams): ActivityFilters {
  const q = search.get("q")?.trim().slice(0, 50);
  return {
    organization: id(search.get("organization")),
    facility: id(search.get("facility")),
    project: id(search.get("project")),
    contract: id(search.get("contract")),
    kind: oneOf(activityKinds, search.get("kind")),
    facilityKind: oneOf(facilityKinds, search.get("facilityKind")),
    projectKind: oneOf(careProjectKinds, search.get("projectKind")),
    region: regionCodeOrUndefined(search.get("region")),
    from: date(search.get("from")),
    to: date(search.get("to")),
    flagged: oneOf(["open", "any"] as const, search.get("flagged")),
    q: q || undefined,
  };
}

/** The query string for a set of filters (for links from reports to the rows behind a figure). */
export function activityFilterQuery(filters: ActivityFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
