// The station map (browser only): clustered facility markers (supercluster), county outlines, township coverage
// areas and placement suggestions over a configurable base layer. Every label is rendered by React, never as HTML.
import L from "leaflet";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  LayerGroup,
  LayersControl,
  MapContainer,
  Marker,
  Pane,
  Polygon,
  ScaleControl,
  TileLayer,
  Tooltip,
  useMap,
  useMapEvents,
} from "react-leaflet";
import Supercluster from "supercluster";
import { countyCodeOf } from "~/modules/regions/codes";
import { ringsToLatLngs, toDisplay } from "./datum";
import type { CoverageState, MapPointTuple, StationMapProps } from "./types";

type PointProps = { id: number; kind: number; status: number; surveyed: 0 | 1 };

const coverageStyle: Record<CoverageState, { fillColor: string; color: string }> = {
  covered_contract: { fillColor: "#1f7a3d", color: "#1f7a3d" },
  covered: { fillColor: "#7cc48f", color: "#3f8f55" },
  building: { fillColor: "#f2c14e", color: "#b9880f" },
  uncovered: { fillColor: "#e4572e", color: "#b23a17" },
};

const iconCache = new Map<string, L.DivIcon>();
function markerIcon(
  id: number,
  kind: string,
  status: string,
  surveyed: boolean,
  selected: boolean,
): L.DivIcon {
  const key = `${id}|${kind}|${status}|${surveyed}|${selected}`;
  let icon = iconCache.get(key);
  if (!icon) {
    icon = L.divIcon({
      // Only integers and enum names go into this markup; user text never does.
      html: `<span class="map-marker__shape" data-facility-id="${id}"></span>`,
      className: `map-marker map-marker--${kind} map-marker--${status}${surveyed ? "" : " map-marker--approx"}${selected ? " map-marker--selected" : ""}`,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
    });
    if (iconCache.size > 5000) iconCache.clear();
    iconCache.set(key, icon);
  }
  return icon;
}

function clusterIcon(count: number): L.DivIcon {
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 50;
  const label = count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count);
  return L.divIcon({
    html: `<span>${label}</span>`,
    className: "map-cluster",
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

const editIcon = L.divIcon({
  html: '<span class="map-edit-marker__pin"></span>',
  className: "map-edit-marker",
  iconSize: [26, 26],
  iconAnchor: [13, 26],
});

function suggestionIcon(rank: number) {
  return L.divIcon({
    html: `<span>${rank}</span>`,
    className: "map-suggestion",
    iconSize: [26, 26],
    iconAnchor: [13, 13],
  });
}

function FitBounds({ bounds, fitKey }: { bounds: L.LatLngBounds | null; fitKey: string }) {
  const map = useMap();
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (last.current === fitKey) return;
    last.current = fitKey;
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 12, animate: false });
  }, [map, bounds, fitKey]);
  return null;
}

function ClusteredMarkers({
  index,
  kinds,
  statuses,
  selectedId,
  onSelect,
  clusterLabel,
}: {
  index: Supercluster<PointProps>;
  kinds: readonly string[];
  statuses: readonly string[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  clusterLabel: (count: number) => string;
}) {
  const map = useMap();
  const [view, setView] = useState(() => ({ bounds: map.getBounds(), zoom: map.getZoom() }));
  useMapEvents({
    moveend: () => setView({ bounds: map.getBounds(), zoom: map.getZoom() }),
  });
  // why: recompute when the index changes too (filters), not only when the map moves.
  const clusters = useMemo(() => {
    const b = view.bounds;
    return index.getClusters(
      [
        Math.max(-180, b.getWest()),
        Math.max(-85, b.getSouth()),
        Math.min(180, b.getEast()),
        Math.min(85, b.getNorth()),
      ],
      Math.round(view.zoom),
    );
  }, [index, view]);
  return (
    <>
      {clusters.map((c) => {
        const [lng, lat] = c.geometry.coordinates;
        const props = c.properties as PointProps & {
          cluster?: boolean;
          cluster_id?: number;
          point_count?: number;
        };
        if (props.cluster) {
          const count = props.point_count ?? 0;
          return (
            <Marker
              key={`c${props.cluster_id}`}
              position={[lat, lng]}
              icon={clusterIcon(count)}
              title={clusterLabel(count)}
              eventHandlers={{
                click: () => {
                  const zoom = Math.min(index.getClusterExpansionZoom(props.cluster_id!), 18);
                  map.setView([lat, lng], zoom);
                },
              }}
            />
          );
        }
        return (
          <Marker
            key={`p${props.id}`}
            position={[lat, lng]}
            icon={markerIcon(
              props.id,
              kinds[props.kind],
              statuses[props.status],
              props.surveyed === 1,
              props.id === selectedId,
            )}
            zIndexOffset={props.id === selectedId ? 1000 : 0}
            eventHandlers={{ click: () => onSelect(props.id) }}
          />
        );
      })}
    </>
  );
}

function EditPlacement({
  editing,
  onEditMove,
  hint,
}: {
  editing: { id: number; lat: number; lng: number };
  onEditMove: (lat: number, lng: number) => void;
  hint: string;
}) {
  const map = useMap();
  const centred = useRef<number | null>(null);
  useEffect(() => {
    if (centred.current !== editing.id) {
      centred.current = editing.id;
      map.setView([editing.lat, editing.lng], Math.max(map.getZoom(), 11), { animate: false });
    } else if (!map.getBounds().contains([editing.lat, editing.lng])) {
      map.panTo([editing.lat, editing.lng]);
    }
  }, [map, editing]);
  useMapEvents({ click: (e) => onEditMove(e.latlng.lat, e.latlng.lng) });
  return (
    <Marker
      position={[editing.lat, editing.lng]}
      icon={editIcon}
      draggable
      zIndexOffset={2000}
      eventHandlers={{
        dragend: (e) => {
          const p = (e.target as L.Marker).getLatLng();
          onEditMove(p.lat, p.lng);
        },
      }}
    >
      <Tooltip direction="top" offset={[0, -26]} permanent>
        {hint}
      </Tooltip>
    </Marker>
  );
}

/** At most this many counties, or townships of one county, get their names written on the map. */
const MAX_LABELS = 40;

/** An invisible, non-interactive anchor for a region's name (a tooltip needs a layer to hang on). */
const labelAnchor = L.divIcon({ className: "map-region-anchor", html: "", iconSize: [0, 0] });

/**
 * Region names written on the map: counties below their seats, and a single county's townships above theirs (more
 * would crowd the map), clear of the markers and clusters that sit on the seats. Permanent tooltips on invisible
 * anchors, so React renders the text (never HTML).
 */
function RegionLabels({
  counties,
  townships,
  datum,
}: {
  counties: StationMapProps["counties"];
  townships: StationMapProps["townships"];
  datum: StationMapProps["tiles"]["crs"];
}) {
  const at = (lng: number, lat: number): [number, number] => {
    const [x, y] = toDisplay(lng, lat, datum);
    return [y, x];
  };
  const countyLabels =
    counties.length <= MAX_LABELS ? counties.filter((c) => c.lat != null && c.lng != null) : [];
  const countyCodes = new Set(townships.map((t) => countyCodeOf(t.code)));
  const townshipLabels =
    countyCodes.size === 1 && townships.length <= MAX_LABELS
      ? townships.filter((t) => t.lat != null && t.lng != null)
      : [];
  return (
    <>
      {townshipLabels.length === 0
        ? countyLabels.map((c) => (
            <Marker
              key={`county-${c.code}`}
              position={at(c.lng!, c.lat!)}
              icon={labelAnchor}
              interactive={false}
            >
              <Tooltip
                permanent
                direction="bottom"
                offset={[0, 18]}
                className="map-region-label map-region-label--county"
              >
                {c.name}
              </Tooltip>
            </Marker>
          ))
        : null}
      {townshipLabels.map((t) => (
        <Marker
          key={`township-${t.code}`}
          position={at(t.lng!, t.lat!)}
          icon={labelAnchor}
          interactive={false}
        >
          <Tooltip
            permanent
            direction="top"
            offset={[0, -16]}
            className="map-region-label map-region-label--township"
          >
            {t.name}
          </Tooltip>
        </Marker>
      ))}
    </>
  );
}

export default function StationMap(props: StationMapProps) {
  const { tiles, points, kinds, statuses, counties, townships, suggestions, labels, editing } = props;
  const datum = tiles.crs;
  const editingId = editing?.id ?? null;

  const index = useMemo(() => {
    const cluster = new Supercluster<PointProps>({ radius: 60, maxZoom: 13, minPoints: 3 });
    cluster.load(
      points
        .filter((p: MapPointTuple) => p[0] !== editingId)
        .map(([id, lng, lat, kind, status, surveyed]) => {
          const [x, y] = toDisplay(lng, lat, datum);
          return {
            type: "Feature" as const,
            properties: { id, kind, status, surveyed },
            geometry: { type: "Point" as const, coordinates: [x, y] },
          };
        }),
    );
    return cluster;
  }, [points, datum, editingId]);

  const countyShapes = useMemo(
    () =>
      counties
        .filter((c) => c.boundary)
        .map((c) => ({ code: c.code, name: c.name, positions: ringsToLatLngs(c.boundary!, datum) })),
    [counties, datum],
  );
  const townshipShapes = useMemo(
    () => townships.filter((t) => t.area).map((t) => ({ ...t, positions: ringsToLatLngs(t.area!, datum) })),
    [townships, datum],
  );

  const bounds = useMemo(() => {
    const b = L.latLngBounds([]);
    for (const c of countyShapes) b.extend(L.polygon(c.positions as L.LatLngExpression[][]).getBounds());
    if (!b.isValid())
      for (const t of townshipShapes) b.extend(L.polygon(t.positions as L.LatLngExpression[][]).getBounds());
    if (!b.isValid())
      for (const [, lng, lat] of points) {
        const [x, y] = toDisplay(lng, lat, datum);
        b.extend([y, x]);
      }
    return b.isValid() ? b : null;
  }, [countyShapes, townshipShapes, points, datum]);

  return (
    <MapContainer
      className="station-map"
      center={[31.5, 88]}
      zoom={5}
      minZoom={3}
      maxZoom={18}
      zoomSnap={0.25}
      zoomDelta={0.5}
      wheelPxPerZoomLevel={120}
      preferCanvas={false}
      worldCopyJump
    >
      {tiles.url ? <TileLayer url={tiles.url} attribution={tiles.attribution} /> : null}
      <ScaleControl position="bottomleft" imperial={false} />
      <FitBounds bounds={bounds} fitKey={props.fitKey} />
      <Pane name="areas" style={{ zIndex: 350 }} />
      <LayersControl position="topright">
        <LayersControl.Overlay checked name={labels.coverage}>
          <LayerGroup>
            {townshipShapes.map((t) => (
              <Polygon
                key={t.code}
                pane="areas"
                positions={t.positions as L.LatLngExpression[][]}
                pathOptions={{
                  ...coverageStyle[t.state],
                  weight: 1,
                  fillOpacity: 0.32,
                  dashArray: t.areaApproximate ? "4 4" : undefined,
                  className: `map-township map-township--${t.state}`,
                }}
              >
                <Tooltip sticky>
                  <strong>{t.name}</strong> · {labels.coverageState[t.state]}
                  {t.areaApproximate ? ` · ${labels.approximateArea}` : ""}
                </Tooltip>
              </Polygon>
            ))}
          </LayerGroup>
        </LayersControl.Overlay>
        <LayersControl.Overlay checked name={labels.counties}>
          <LayerGroup>
            {countyShapes.map((c) => (
              <Polygon
                key={c.code}
                pane="areas"
                positions={c.positions as L.LatLngExpression[][]}
                interactive={false}
                pathOptions={{ color: "#33434d", weight: 2, fill: false, className: "map-county" }}
              />
            ))}
          </LayerGroup>
        </LayersControl.Overlay>
        {suggestions.length ? (
          <LayersControl.Overlay checked name={labels.suggestions}>
            <LayerGroup>
              {suggestions.map((s) => {
                const [x, y] = toDisplay(s.lng, s.lat, datum);
                return (
                  <Marker key={s.code} position={[y, x]} icon={suggestionIcon(s.rank)}>
                    <Tooltip>{labels.suggestion(s)}</Tooltip>
                  </Marker>
                );
              })}
            </LayerGroup>
          </LayersControl.Overlay>
        ) : null}
      </LayersControl>
      <RegionLabels counties={counties} townships={townships} datum={datum} />
      <ClusteredMarkers
        index={index}
        kinds={kinds}
        statuses={statuses}
        selectedId={props.selectedId}
        onSelect={props.onSelect}
        clusterLabel={labels.clusterOf}
      />
      {editing ? (
        <EditPlacement editing={editing} onEditMove={props.onEditMove} hint={labels.dragHint} />
      ) : null}
    </MapContainer>
  );
}
