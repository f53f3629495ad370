// The coverage of one region: townships and villages reached by operating stations, where new stations would help
// most, and what each station serves; every table exports as CSV.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { requireRegion } from "~/modules/access/region.server";
import { PlacementSuggestions, UncoveredTownships } from "~/modules/coverage/components/coverage-gaps";
import { CoverageStats } from "~/modules/coverage/components/coverage-stats";
import { StationService, UnreachedVillages } from "~/modules/coverage/components/coverage-tables";
import { coverageLevels, coverageReport, placementSuggestions } from "~/modules/coverage/queries.server";
import { parsePlacementWeight } from "~/modules/coverage/weights";
import { pageTitle } from "~/modules/i18n/meta";
import { regionLabel } from "~/modules/regions/label";
import { coverageRegionOptions } from "~/modules/regions/queries.server";
import { CoverageWorkforce } from "~/modules/workforce/components/workforce-sections";
import { regionWorkforce, yearToDate } from "~/modules/workforce/figures.server";
import mapCss from "~/styles/map.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate } from "~/utils/format";

export const handle = { i18n: ["common", "coverage", "map", "workforce"] };
export const meta = pageTitle("common:nav.coverage");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mapCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:coverage");
  const search = new URL(request.url).searchParams;
  const region = await requireRegion(user, search.get("region"), coverageLevels);
  const kParam = Number(search.get("k") ?? 5);
  const k = Number.isInteger(kParam) ? Math.min(Math.max(kParam, 1), 20) : 5;
  const weight = parsePlacementWeight(search.get("weight"));
  const [report, suggestions, options, workforce] = await Promise.all([
    coverageReport({ region }),
    placementSuggestions({ region, k, weight }),
    coverageRegionOptions(user),
    regionWorkforce(region.prefix, yearToDate(todayInShanghai())),
  ]);
  const unreached = report.villages.filter((v) => v.located && v.servedByStationId == null);
  const { id, code, name, nameBo, level } = region;
  return {
    region: { id, code, name, nameBo, level },
    // A township asked for by code is not among the picker's counties: offer it too, so the picker shows it.
    options: options.some((o) => o.code === code) ? options : [...options, { code, name, nameBo, level }],
    asOf: report.asOf,
    townships: report.townships,
    reach: report.reach,
    stations: report.stations,
    unreached: unreached.sort((a, b) => (b.nearestDistanceM ?? 0) - (a.nearestDistanceM ?? 0)).slice(0, 100),
    unreachedTotal: unreached.length,
    suggestions,
    k,
    workforce,
    canImport: userCan(user, "import:regions"),
  };
}

export default function CoveragePage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["coverage", "map", "common"]);
  const submit = useSubmit();
  const lang = i18n.language;
  const { townships, reach, region } = data;
  const exportHref = (table: string) =>
    `/coverage/export?region=${region.code}&table=${table}${table === "suggestions" ? `&k=${data.k}&weight=${data.suggestions.weight}` : ""}`;
  // The map shows the same suggestions: same region (a county also filters the map to it), k and weight.
  const mapHref = `/map?${new URLSearchParams({
    ...(region.level === "county" ? { county: region.code } : {}),
    region: region.code,
    suggest: String(data.k),
    weight: data.suggestions.weight,
  })}`;
  return (
    <>
      <PageHeader
        title={t("title", { region: regionLabel(region, i18n.language) })}
        subtitle={t("asOf", { date: formatDate(data.asOf, lang) })}
        actions={
          <>
            <Link to={mapHref} className="btn btn--secondary" data-testid="show-on-map">
              {t("showOnMap")}
            </Link>
            {data.canImport ? (
              <Link to="/regions/import" className="btn btn--secondary">
                {t("importRegions")}
              </Link>
            ) : null}
          </>
        }
      />
      <Form method="get" className="filters" onChange={(e) => submit(e.currentTarget, { replace: true })}>
        <label>
          {t("region")}
          <select name="region" defaultValue={region.code}>
            {data.options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.level === "county" ? "　" : ""}
                {regionLabel(o, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        <noscript>
          <button type="submit" className="btn btn--small">
            {t("common:actions.view")}
          </button>
        </noscript>
      </Form>

      <CoverageStats townships={townships} reach={reach} />
      <p className="muted">{t("approximateNote")}</p>

      <div className="grid-2">
        <UncoveredTownships townships={townships} exportHref={exportHref("townships")} />
        <PlacementSuggestions
          regionCode={region.code}
          k={data.k}
          suggestions={data.suggestions}
          exportHref={exportHref("suggestions")}
        />
      </div>
      <StationService stations={data.stations} exportHref={exportHref("stations")} />
      <CoverageWorkforce workforce={data.workforce} level={region.level} />
      <UnreachedVillages
        villages={data.unreached}
        total={data.unreachedTotal}
        exportHref={exportHref("villages")}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
