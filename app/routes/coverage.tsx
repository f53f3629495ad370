import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { coverageReport, placementSuggestions } from "~/modules/coverage/queries.server";
import { resolveCoverageRegion } from "~/modules/coverage/region.server";
import { parsePlacementWeight, placementWeights } from "~/modules/coverage/weights";
import { pageTitle } from "~/modules/i18n/meta";
import { regionLabel } from "~/modules/regions/label";
import { coverageRegionOptions } from "~/modules/regions/queries.server";
import mapCss from "~/styles/map.css?url";
import { formatDate, formatNumber, formatPercent } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "coverage", "map"] };
export const meta = pageTitle("common:nav.coverage");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mapCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:coverage");
  const search = new URL(request.url).searchParams;
  const region = await resolveCoverageRegion(user, search.get("region"));
  if (!region) notFound();
  const kParam = Number(search.get("k") ?? 5);
  const k = Number.isInteger(kParam) ? Math.min(Math.max(kParam, 1), 20) : 5;
  const weight = parsePlacementWeight(search.get("weight"));
  const [report, suggestions, options] = await Promise.all([
    coverageReport({ region }),
    placementSuggestions({ region, k, weight }),
    coverageRegionOptions(user),
  ]);
  const unreached = report.villages.filter((v) => v.located && v.servedByStationId == null);
  return {
    region,
    options,
    asOf: report.asOf,
    townships: report.townships,
    reach: report.reach,
    stations: report.stations,
    unreached: unreached.sort((a, b) => (b.nearestDistanceM ?? 0) - (a.nearestDistanceM ?? 0)).slice(0, 100),
    unreachedTotal: unreached.length,
    suggestions,
    k,
    canImport: userCan(user, "import:regions"),
  };
}

export default function CoveragePage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["coverage", "map", "common"]);
  const submit = useSubmit();
  const lang = i18n.language;
  const n = (v: number | null | undefined, digits = 0) => formatNumber(v, lang, digits);
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

      <StatGrid>
        <Stat
          label={t("stats.townshipsCovered")}
          value={`${n(townships.covered)} / ${n(townships.total)}`}
          hint={formatPercent(townships.ratio, lang)}
          tone={townships.total > 0 && townships.covered === townships.total ? "good" : "warn"}
          testId="townships-covered"
        />
        <Stat
          label={t("stats.underContract")}
          value={`${n(townships.coveredUnderContract)} / ${n(townships.total)}`}
          hint={formatPercent(townships.ratioUnderContract, lang)}
          testId="townships-under-contract"
        />
        <Stat
          label={t("stats.villagesReached")}
          value={`${n(reach.reached)} / ${n(reach.withPoint)}`}
          hint={formatPercent(reach.reachedShare, lang)}
          testId="villages-reached"
        />
        <Stat
          label={t("stats.populationReached")}
          value={reach.population.share == null ? "—" : formatPercent(reach.population.share, lang)}
          hint={
            reach.population.share == null
              ? t("stats.populationUnknown")
              : t("stats.populationOf", {
                  reached: n(reach.population.reached),
                  known: n(reach.population.known),
                })
          }
        />
        <Stat
          label={t("stats.villagesWithoutPoint")}
          value={n(reach.withoutPoint)}
          hint={t("stats.villagesWithoutPointHint")}
          tone={reach.withoutPoint > 0 ? "warn" : "default"}
          testId="villages-without-point"
        />
      </StatGrid>
      <p className="muted">{t("approximateNote")}</p>

      <div className="grid-2">
        <section className="card" data-testid="uncovered-townships">
          <h2>{t("uncovered.title")}</h2>
          {townships.uncovered.length === 0 ? (
            <p>{t("uncovered.none")}</p>
          ) : (
            <ul>
              {townships.uncovered.map((tw) => (
                <li key={tw.code}>
                  {tw.name} <code className="muted">{tw.code}</code>{" "}
                  <Link to={`/facilities/new?township=${tw.code}`}>{t("uncovered.plan")}</Link>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("uncovered.contractTitle")}</h3>
          {townships.uncoveredUnderContract.length === 0 ? (
            <p>{t("uncovered.none")}</p>
          ) : (
            <p>{townships.uncoveredUnderContract.map((tw) => tw.name).join("、")}</p>
          )}
          <a className="btn btn--secondary btn--small" href={exportHref("townships")} download>
            {t("export.townships")}
          </a>
        </section>
        <section className="card" data-testid="placement-suggestions">
          <h2>{t("suggestions.title")}</h2>
          <Form method="get" className="filters">
            <input type="hidden" name="region" value={region.code} />
            <label>
              {t("suggestions.k")}
              <input type="number" name="k" min={1} max={20} defaultValue={data.k} />
            </label>
            <label>
              {t("suggestions.weight")}
              <select name="weight" defaultValue={data.suggestions.weight}>
                {placementWeights.map((w) => (
                  <option key={w} value={w}>
                    {t(`suggestions.weights.${w}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn btn--small">
              {t("suggestions.run")}
            </button>
          </Form>
          {data.suggestions.picks.length === 0 ? (
            <p>{t("suggestions.none")}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t("suggestions.place")}</th>
                  <th className="num">{t(`suggestions.adds.${data.suggestions.weight}`)}</th>
                  <th className="num">{t("suggestions.villages")}</th>
                  <th className="num">{t("suggestions.cumulative")}</th>
                </tr>
              </thead>
              <tbody>
                {data.suggestions.picks.map((p) => (
                  <tr key={p.code}>
                    <td>{p.rank}</td>
                    <td>
                      {p.name}
                      <div className="muted" style={{ fontSize: "0.8rem" }}>
                        {t(`suggestions.kind.${p.kind}`)}
                        {p.kind === "village" && p.townshipName ? ` · ${p.townshipName}` : ""}
                      </div>
                    </td>
                    <td className="num">{n(p.addedWeight)}</td>
                    <td className="num">{n(p.addedVillages)}</td>
                    <td className="num">{formatPercent(p.cumulativeShare, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="legend-note">
            {t("suggestions.method", {
              km: n(data.suggestions.radiusM / 1000, 1),
              weight: t(`suggestions.weights.${data.suggestions.weight}`),
            })}
          </p>
          <a className="btn btn--secondary btn--small" href={exportHref("suggestions")} download>
            {t("export.suggestions")}
          </a>
        </section>
      </div>

      <section>
        <div className="page-header">
          <h2>{t("stations.title")}</h2>
          <a className="btn btn--secondary btn--small" href={exportHref("stations")} download>
            {t("export.stations")}
          </a>
        </div>
        <div className="table-wrap">
          <table className="table" data-testid="station-service">
            <thead>
              <tr>
                <th>{t("stations.station")}</th>
                <th>{t("stations.township")}</th>
                <th>{t("stations.status")}</th>
                <th className="num">{t("stations.villagesServed")}</th>
                <th className="num">{t("stations.populationServed")}</th>
                <th className="num">{t("stations.peopleInCare")}</th>
                <th className="num">{t("stations.visitsOnTime")}</th>
                <th className="num">{t("stations.visitsLate")}</th>
                <th className="num">{t("stations.visitsOverdue")}</th>
              </tr>
            </thead>
            <tbody>
              {data.stations.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/facilities/${s.id}`}>{s.name}</Link>
                    {s.status === "operating" && !s.underContract ? (
                      <div className="muted" style={{ fontSize: "0.8rem" }}>
                        {t("stations.noContract")}
                      </div>
                    ) : null}
                  </td>
                  <td>{s.townshipName}</td>
                  <td>
                    <Badge tone={facilityStatusTone[s.status]}>
                      {t(`common:enum.facilityStatus.${s.status}`)}
                    </Badge>
                  </td>
                  <td className="num">{n(s.villagesServed)}</td>
                  <td className="num">{n(s.populationServed)}</td>
                  <td className="num">{n(s.peopleInCare)}</td>
                  <td className="num">{n(s.visitsOnTime)}</td>
                  <td className="num">{n(s.visitsLate)}</td>
                  <td className={`num${s.visitsOverdue > 0 ? " text-bad" : ""}`}>{n(s.visitsOverdue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section>
        <div className="page-header">
          <h2>{t("villages.title", { count: data.unreachedTotal })}</h2>
          <a className="btn btn--secondary btn--small" href={exportHref("villages")} download>
            {t("export.villages")}
          </a>
        </div>
        {data.unreached.length === 0 ? (
          <p className="card">{t("villages.allReached")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="unreached-villages">
              <thead>
                <tr>
                  <th>{t("villages.village")}</th>
                  <th>{t("villages.township")}</th>
                  <th>{t("villages.nearest")}</th>
                  <th className="num">{t("villages.distanceKm")}</th>
                  <th className="num">{t("villages.population")}</th>
                </tr>
              </thead>
              <tbody>
                {data.unreached.map((v) => (
                  <tr key={v.id}>
                    <td>{v.name}</td>
                    <td>{v.townshipName}</td>
                    <td>{v.nearestStationName ?? "—"}</td>
                    <td className="num">{n((v.nearestDistanceM ?? 0) / 1000, 1)}</td>
                    <td className="num">{n(v.population)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data.unreachedTotal > data.unreached.length ? (
          <p className="muted">
            {t("villages.more", { shown: data.unreached.length, total: data.unreachedTotal })}
          </p>
        ) : null}
      </section>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
