// The link from a report figure to the rows behind it (/reports/rows): one helper for every report page, so a
// figure and its rows are always asked for with the same parameters (tests open the same links). Client-safe.
import { type ActivityFilters, activityFilterQuery } from "~/modules/activities/filters";

const rowFigures = [
  "people",
  "visits",
  "allocations",
  "spending",
  "facilities",
  "facilityActivities",
  "fundingSources",
  "organizations",
  "expenditures",
  "contractAllocations",
  "contractPeople",
  "contractHomeVisits",
] as const;
export type RowFigure = (typeof rowFigures)[number];

/** Figures of one contract rather than of a region: organization and station staff may open them too. */
const contractFigures = [
  "expenditures",
  "contractAllocations",
  "contractPeople",
  "contractHomeVisits",
] as const satisfies readonly RowFigure[];
export type ContractFigure = (typeof contractFigures)[number];

export function isRowFigure(value: string | null): value is RowFigure {
  return (rowFigures as readonly (string | null)[]).includes(value);
}

export function isContractFigure(figure: RowFigure): figure is ContractFigure {
  return (contractFigures as readonly string[]).includes(figure);
}

/** `/reports/rows?figure=…&…`; parameters that are null or undefined are left out. */
function rowsHref(
  figure: RowFigure,
  params: Record<string, string | number | null | undefined> = {},
): string {
  const search = new URLSearchParams({ figure });
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined) search.set(key, String(value));
  return `/reports/rows?${search}`;
}

type Params = Record<string, string | number | null | undefined>;
type RegionFigure = Exclude<RowFigure, ContractFigure>;

/** The links of a region's year in review: to the rows of a figure, and to the activity list, for that region and year. */
export function reviewLinks(regionCode: string, period: { year: number; start: string; end: string }) {
  return {
    rows: (figure: RegionFigure, extra: Params = {}) =>
      rowsHref(figure, { year: period.year, region: regionCode, ...extra }),
    activities: (extra: ActivityFilters = {}) =>
      `/activities${activityFilterQuery({ region: regionCode, from: period.start, to: period.end, ...extra })}`,
  };
}

/**
 * The links of a contract's monthly report. "month" figures cover the month; "soFar" figures (the deliverables)
 * everything up to the month's end, or today if that is earlier.
 */
export function contractReportLinks(contractId: number, month: { start: string; end: string }, asOf: string) {
  const spans = { month: { from: month.start, to: month.end }, soFar: { to: asOf } };
  type Span = keyof typeof spans;
  return {
    rows: (figure: ContractFigure, span: Span, extra: Params = {}) =>
      rowsHref(figure, { contract: contractId, ...spans[span], ...extra }),
    activities: (span: Span, extra: ActivityFilters = {}) =>
      `/activities${activityFilterQuery({ contract: contractId, ...spans[span], ...extra })}`,
  };
}
