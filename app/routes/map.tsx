// The station map: every facility in scope as a marker, township areas coloured by coverage, county outlines;
// a marker opens the station's card, from which an editor moves the station. Suggestions come from the coverage page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { toDisplay } from "~/components/map/datum";
import { LazyStationMap } from "~/components/map/lazy-station-map";
import { mapPageLinks } from "~/components/map/links";
import { MapLegend } from "~/components/map/map-legend";
import { StationCard, type StationCardData } from "~/components/map/station-card";
import type { MapSuggestion } from "~/components/map/types";
import { StatusFlash } from "~/components/ui/flash";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { parsePlacementWeight } from "~/modules/coverage/weights";
import { parseFacilityFilters } from "~/modules/facilities/filters";
import { pageTitle } from "~/modules/i18n/meta";
import { newFormKey } from "~/modules/kernel/form-key";
import type { Message } from "~/modules/kernel/messages";
import { MapFilters } from "~/modules/map/components/map-filters";
import { MapSuggestions } from "~/modules/map/components/map-suggestions";
import { MovePanel } from "~/modules/map/components/move-panel";
import { useMapPoints } from "~/modules/map/components/use-map-points";
import { mapPageData } from "~/modules/map/queries.server";
import { regionCodeParam } from "~/modules/regions/codes";
import { regionLabel } from "~/modules/regions/label";
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
export const links = mapPageLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const search = new URL(request.url).searchParams;
  const filters = parseFacilityFilters(search);
  const suggestParam = Number(search.get("suggest") ?? 0);
  const suggest = Number.isInteger(suggestParam) ? Math.min(Math.max(suggestParam, 0), 20) : 0;
  // Which region and weight the suggestions are for, as the coverage page's "show on map" link sends them.
  const suggestRegion = regionCodeParam(search) ?? null;
  const weight = parsePlacementWeight(search.get("weight"));
  const data = await mapPageData({ user, filters, suggest, suggestRegion, weight });
  const canEdit = userCan(user, "write:facility");
  return {
    ...data,
    filters,
    suggest,
    suggestRegion,
    weight: weight ?? null,
    canEdit,
    canCoverage: userCan(user, "read:coverage"),
    // Each move posts to the facility's page with this key; a saved move reloads the page and brings a new one.
    formKey: canEdit ? newFormKey() : null,
  };
}

/** What the facility's page answers a move. */
type MoveResult = { moved?: { lat: number; lng: number }; errors?: Message[] };

export default function MapPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["map", "facilities", "common"]);
  const location = useLocation();
  const cardFetcher = useFetcher<StationCardData>();
  const moveFetcher = useFetcher<MoveResult>();
  const [pointsVersion, setPointsVersion] = useState(0);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ id: number; lat: number; lng: number } | null>(null);
  const [surveyed, setSurveyed] = useState(false);
  const [saved, setSaved] = useState(false);
  const { filters } = data;
  const { points, unlocated, loaded } = useMapPoints(location.search, pointsVersion);

  const select = (id: number) => {
    setSelectedId(id);
    setSaved(false);
    cardFetcher.load(`/api/facilities/${id}/card`);
  };

  // After a successful move the loaders revalidate; reload the card so it shows the new position quality.
  const moveData = moveFetcher.data;
  useEffect(() => {
    if (moveFetcher.state === "idle" && moveData?.moved && editing) {
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
        _key: data.formKey ?? "",
        lat: editing.lat.toFixed(6),
        lng: editing.lng.toFixed(6),
        datum: data.tiles.crs,
        surveyed: surveyed ? "1" : "",
      },
      { method: "post", action: `/facilities/${editing.id}` },
    );
  };

  const suggestions: MapSuggestion[] = data.suggestions?.picks ?? [];
  const fitKey = `${filters.county ?? ""}|${filters.township ?? ""}|${data.counties.length}|${data.counties.length > 0 || points.length > 0}`;
  const exportSearch = location.search.replace(/^\?/, "");

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={
          loaded
            ? t("subtitle", {
                shown: formatNumber(points.length, i18n.language),
                unlocated: formatNumber(unlocated ?? 0, i18n.language),
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
      <MapFilters
        filters={filters}
        options={data.options}
        kinds={data.kinds}
        statuses={data.statuses}
        suggest={data.canCoverage ? data.suggest : null}
        suggestRegion={data.suggestRegion}
        weight={data.weight}
      />
      <div className="map-layout">
        <div data-testid="station-map">
          <LazyStationMap
            loadingLabel={t("loading")}
            points={points}
            kinds={data.kinds}
            statuses={data.statuses}
            counties={data.counties.map((c) => ({ ...c, name: regionLabel(c, i18n.language) }))}
            townships={data.townships.map((tw) => ({ ...tw, name: regionLabel(tw, i18n.language) }))}
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
              offline: t("offline"),
            }}
          />
          {data.regionsOmitted ? <p className="muted">{t("regionsOmitted")}</p> : null}
        </div>
        <aside className="map-side">
          <StatusFlash message={saved ? t("edit.saved") : null} testId="location-saved" />
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
            <MovePanel
              editing={editing}
              surveyed={surveyed}
              onSurveyedChange={setSurveyed}
              errors={moveData?.errors}
              saving={moveFetcher.state !== "idle"}
              onSave={saveLocation}
              onCancel={() => setEditing(null)}
            />
          ) : null}
          {!card && !editing ? <p className="card muted">{t("card.hint")}</p> : null}
          {data.suggestions ? <MapSuggestions suggestions={data.suggestions} /> : null}
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
