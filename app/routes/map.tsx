import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useLocation, useSubmit } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { toDisplay } from "~/components/map/datum";
import { LazyStationMap } from "~/components/map/lazy-station-map";
import { MapLegend } from "~/components/map/map-legend";
import { StationCard, type StationCardData } from "~/components/map/station-card";
import { decodePoints, type MapSuggestion, type PointsPayload } from "~/components/map/types";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { parsePlacementWeight } from "~/modules/coverage/weights";
import { pageTitle } from "~/modules/i18n/meta";
import { parseFacilityFilters } from "~/modules/map/filters";
import { mapPageData } from "~/modules/map/queries.server";
import { regionLabel } from "~/modules/regions/label";
import mapCss from "~/styles/map.css?url";
import { formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "map", "facilities"] };
const title = pageTitle("common:nav.map");
// why: the markers are fetched by the page; preloading them lets the browser load them while the page hydrates.
export const meta: MetaFunction = (args) => [
  ...title(args),
  {
    tagName: "link",
    rel: "preload",
    as: "fetch",
    crossOrigin: "anonymous",
    href: `/api/facilities/points${args.location.search}`,
  },
];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: mapCss },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const search = new URL(request.url).searchParams;
  const filters = parseFacilityFilters(search);
  const suggestParam = Number(search.get("suggest") ?? 0);
  const suggest = Number.isInteger(suggestParam) ? Math.min(Math.max(suggestParam, 0), 20) : 0;
  // Which region and weight the suggestions are for, as the coverage page's "show on map" link sends them.
  const regionParam = search.get("region");
  const suggestRegion = regionParam && /^\d{12}$/.test(regionParam) ? regionParam : null;
  const weight = parsePlacementWeight(search.get("weight"));
  const data = await mapPageData({ user, filters, suggest, suggestRegion, weight });
  return {
    ...data,
    filters,
    suggest,
    suggestRegion,
    weight: weight ?? null,
    canEdit: userCan(user, "write:facility"),
    canCoverage: userCan(user, "read:coverage"),
  };
}

type MoveResult =
  | { ok: true; lat: number; lng: number }
  | { ok: false; problems: { field: string; error: string }[] };

export default function MapPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["map", "facilities", "common"]);
  const location = useLocation();
  const submit = useSubmit();
  const cardFetcher = useFetcher<StationCardData>();
  const [pointsData, setPointsData] = useState<PointsPayload | undefined>(undefined);
  const [pointsVersion, setPointsVersion] = useState(0);
  const moveFetcher = useFetcher<MoveResult>();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ id: number; lat: number; lng: number } | null>(null);
  const [surveyed, setSurveyed] = useState(false);
  const [saved, setSaved] = useState(false);
  const { filters } = data;
  const lang = i18n.language;

  // Markers come from their own endpoint so the page itself stays small and renders at once.
  const search = location.search;
  useEffect(() => {
    let current = true;
    void pointsVersion;
    fetch(`/api/facilities/points${search}`, { credentials: "same-origin" })
      .then((res) =>
        res.ok ? (res.json() as Promise<PointsPayload>) : Promise.reject(new Error(String(res.status))),
      )
      .then((payload) => {
        if (current) setPointsData(payload);
      })
      .catch(() => {
        if (current) setPointsData({ unlocated: 0, p: [] });
      });
    return () => {
      current = false;
    };
  }, [search, pointsVersion]);
  const points = useMemo(() => decodePoints(pointsData), [pointsData]);

  const select = (id: number) => {
    setSelectedId(id);
    setSaved(false);
    cardFetcher.load(`/api/facilities/${id}/card`);
  };

  // After a successful move the loaders revalidate; reload the card so it shows the new position quality.
  const moveData = moveFetcher.data;
  useEffect(() => {
    if (moveFetcher.state === "idle" && moveData?.ok && editing) {
      setEditing(null);
      setSaved(true);
      setPointsVersion((v) => v + 1);
      cardFetcher.load(`/api/facilities/${editing.id}/card`);
    }
  }, [moveFetcher.state, moveData, editing, cardFetcher]);

  const card = cardFetcher.data && cardFetcher.data.id === selectedId ? cardFetcher.data : null;
  const pointById = useMemo(() => new Map(points.map((p) => [p[0], p])), [points]);

  const startEditing = () => {
    if (!card) return;
    const point = pointById.get(card.id);
    const first = data.townships.find((tw) => tw.lat != null);
    const [lng, lat] = point
      ? toDisplay(point[1], point[2], data.tiles.crs)
      : first
        ? toDisplay(first.lng!, first.lat!, data.tiles.crs)
        : [91.1, 29.65];
    setSurveyed(false);
    setSaved(false);
    setEditing({ id: card.id, lat, lng });
  };

  const saveLocation = () => {
    if (!editing) return;
    moveFetcher.submit(
      {
        intent: "location",
        lat: editing.lat.toFixed(6),
        lng: editing.lng.toFixed(6),
        datum: data.tiles.crs,
        surveyed: surveyed ? "1" : "",
      },
      { method: "post", action: `/facilities/${editing.id}` },
    );
  };

  const countyTownships = filters.county
    ? data.options.townships.filter((tw) => tw.parentCode === filters.county)
    : data.options.townships;
  const suggestions: MapSuggestion[] = data.suggestions?.picks ?? [];
  const fitKey = `${filters.county ?? ""}|${filters.township ?? ""}|${data.counties.length}|${data.counties.length > 0 || points.length > 0}`;
  const exportSearch = location.search.replace(/^\?/, "");

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={
          pointsData
            ? t("subtitle", {
                shown: formatNumber(points.length, lang),
                unlocated: formatNumber(pointsData.unlocated, lang),
              })
            : t("loadingMarkers")
        }
        actions={
          <>
            <Link className="btn btn--secondary" to={`/facilities${location.search}`}>
              {t("toRegister")}
            </Link>
            <a
              className="btn btn--secondary"
              href={`/api/facilities.geojson${exportSearch ? `?${exportSearch}` : ""}`}
            >
              {t("geojson")}
            </a>
          </>
        }
      />
      <Form
        method="get"
        className="filters map-filters"
        data-testid="map-filters"
        onChange={(e) => {
          const form = e.currentTarget;
          // A new county makes the township choice meaningless.
          if ((e.target as HTMLSelectElement).name === "county")
            (form.elements.namedItem("township") as HTMLSelectElement).value = "";
          submit(form, { preventScrollReset: true, replace: true });
        }}
      >
        <label hidden={data.options.counties.length === 0}>
          {t("filters.county")}
          <select name="county" defaultValue={filters.county ?? ""} key={`county-${filters.county}`}>
            <option value="">{t("filters.all")}</option>
            {data.options.counties.map((c) => (
              <option key={c.code} value={c.code}>
                {regionLabel(c, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filters.township")}
          <select
            name="township"
            defaultValue={filters.township ?? ""}
            key={`tw-${filters.county}-${filters.township}`}
          >
            <option value="">{t("filters.all")}</option>
            {countyTownships.map((c) => (
              <option key={c.code} value={c.code}>
                {regionLabel(c, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filters.kind")}
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("filters.all")}</option>
            {data.kinds.map((k) => (
              <option key={k} value={k}>
                {t(`common:enum.facilityKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filters.status")}
          <select name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("filters.all")}</option>
            {data.statuses.map((s) => (
              <option key={s} value={s}>
                {t(`common:enum.facilityStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label hidden={data.options.organizations.length <= 1}>
          {t("filters.organization")}
          <select name="organization" defaultValue={filters.organization ? String(filters.organization) : ""}>
            <option value="">{t("filters.all")}</option>
            {data.options.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {data.canCoverage ? (
          <label>
            {t("filters.suggest")}
            <select name="suggest" defaultValue={String(data.suggest || "")}>
              <option value="">{t("filters.noSuggest")}</option>
              {[...new Set([3, 5, 10, data.suggest])]
                .filter((k) => k > 0)
                .sort((a, b) => a - b)
                .map((k) => (
                  <option key={k} value={k}>
                    {t("filters.suggestK", { count: k })}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
        {/* why: changing another filter must keep the region and weight the coverage page sent. */}
        {data.canCoverage && data.suggestRegion ? (
          <input type="hidden" name="region" value={data.suggestRegion} />
        ) : null}
        {data.canCoverage && data.weight ? <input type="hidden" name="weight" value={data.weight} /> : null}
        <label className="check">
          <input type="checkbox" name="approx" value="1" defaultChecked={filters.approx} />
          {t("filters.approx")}
        </label>
        <noscript>
          <button type="submit" className="btn btn--small">
            {t("common:actions.filter")}
          </button>
        </noscript>
        <Link to="/map" className="btn btn--ghost btn--small">
          {t("common:actions.reset")}
        </Link>
      </Form>
      <div className="map-layout">
        <div data-testid="station-map">
          <LazyStationMap
            loadingLabel={t("loading")}
            points={points}
            kinds={data.kinds}
            statuses={data.statuses}
            counties={data.counties.map((c) => ({ ...c, name: regionLabel(c, lang) }))}
            townships={data.townships.map((tw) => ({ ...tw, name: regionLabel(tw, lang) }))}
            suggestions={suggestions}
            tiles={data.tiles}
            fitKey={fitKey}
            selectedId={selectedId}
            onSelect={select}
            editing={editing}
            onEditMove={(lat, lng) => {
              setSaved(false);
              setEditing((e) => (e ? { ...e, lat, lng } : e));
            }}
            labels={{
              counties: t("layers.counties"),
              coverage: t("layers.coverage"),
              stations: t("layers.stations"),
              suggestions: t("layers.suggestions"),
              coverageState: {
                covered_contract: t("coverageState.covered_contract"),
                covered: t("coverageState.covered"),
                building: t("coverageState.building"),
                uncovered: t("coverageState.uncovered"),
              },
              approximateArea: t("approximateArea"),
              clusterOf: (count) => t("clusterOf", { count }),
              suggestion: (s) =>
                t("suggestionTooltip", {
                  rank: s.rank,
                  name: s.name,
                  weight: s.addedWeight,
                  villages: s.addedVillages,
                }),
              dragHint: t("edit.dragHint"),
            }}
          />
          {data.regionsOmitted ? <p className="muted">{t("regionsOmitted")}</p> : null}
        </div>
        <aside className="map-side">
          {saved ? (
            <p className="flash" role="status" data-testid="location-saved">
              {t("edit.saved")}
            </p>
          ) : null}
          {selectedId && !card ? <div className="card muted">{t("card.loading")}</div> : null}
          {card ? (
            <StationCard
              card={card}
              onClose={() => {
                setSelectedId(null);
                setEditing(null);
              }}
              actions={
                data.canEdit && !editing ? (
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    onClick={startEditing}
                    data-testid="move-start"
                  >
                    {t("edit.start")}
                  </button>
                ) : null
              }
            />
          ) : null}
          {editing ? (
            <section className="card map-edit-panel" data-testid="move-panel">
              <p>{t("edit.instructions")}</p>
              <p className="muted">
                {t("edit.position", { lat: editing.lat.toFixed(5), lng: editing.lng.toFixed(5) })}
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  checked={surveyed}
                  onChange={(e) => setSurveyed(e.currentTarget.checked)}
                />
                {t("edit.surveyed")}
              </label>
              {moveData && !moveData.ok ? (
                <div className="form-errors" role="alert">
                  {moveData.problems.map((p) => (
                    <p key={p.error}>{t(p.error)}</p>
                  ))}
                </div>
              ) : null}
              <div className="btn-row" style={{ marginTop: "0.5rem" }}>
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={saveLocation}
                  disabled={moveFetcher.state !== "idle"}
                  data-testid="move-save"
                >
                  {t("edit.save")}
                </button>
                <button type="button" className="btn btn--ghost btn--small" onClick={() => setEditing(null)}>
                  {t("common:actions.cancel")}
                </button>
              </div>
            </section>
          ) : null}
          {!card && !editing ? <p className="card muted">{t("card.hint")}</p> : null}
          {data.suggestions ? (
            <section className="card" data-testid="map-suggestions">
              <h3>{t("suggestions.title", { region: data.suggestions.regionName })}</h3>
              {data.suggestions.picks.length ? (
                <ol className="suggestion-list">
                  {data.suggestions.picks.map((p) => (
                    <li key={p.code}>
                      {p.townshipName && p.kind === "village" ? `${p.townshipName} · ` : ""}
                      {p.name}{" "}
                      <span className="muted">
                        {t(`suggestions.adds.${data.suggestions!.weight}`, { count: p.addedWeight })}
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="muted">{t("suggestions.none")}</p>
              )}
              <p className="legend-note">
                {t("suggestions.method", { km: formatNumber(data.suggestions.radiusM / 1000, lang, 1) })}
              </p>
            </section>
          ) : null}
          <MapLegend
            kinds={data.kinds}
            statuses={data.statuses}
            approximateAreas={data.townships.some((tw) => tw.areaApproximate)}
          />
        </aside>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
