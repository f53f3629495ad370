// A facility's page: the facility alone on a small map, inside its county's outline.
import { useTranslation } from "react-i18next";
import { LazyStationMap } from "~/components/map/lazy-station-map";
import { type StationMapProps, stationsOnlyLabels } from "~/components/map/types";
import type { FacilityPageData } from "./page-types";

const noop = () => {};

export function FacilityLocation({
  facility: f,
  counties,
  tiles,
}: {
  facility: FacilityPageData;
  counties: StationMapProps["counties"];
  tiles: StationMapProps["tiles"];
}) {
  const { t } = useTranslation(["map"]);
  if (f.lat == null || f.lng == null) return null;
  return (
    <div className="station-map--small-wrap card card--flush">
      <LazyStationMap
        loadingLabel={t("map:loading")}
        points={[[f.id, f.lng, f.lat, 0, 0, f.coordQuality === "surveyed" ? 1 : 0]]}
        kinds={[f.kind]}
        statuses={[f.status]}
        counties={counties}
        townships={[]}
        suggestions={[]}
        tiles={tiles}
        fitKey={String(f.id)}
        selectedId={f.id}
        onSelect={noop}
        editing={null}
        onEditMove={noop}
        labels={stationsOnlyLabels(t)}
      />
    </div>
  );
}
