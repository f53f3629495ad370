// The base map and the names written on the map. When no tile server answers (a government network that cannot
// reach it, or no tiles configured) the map says so and stays readable: county outlines, township areas and place
// names are drawn from the app's own data, with township names shown wherever the view is close enough.
import L from "leaflet";
import { useEffect, useRef, useState } from "react";
import { Marker, TileLayer, Tooltip, useMap, useMapEvents } from "react-leaflet";
import { toDisplay } from "./datum";
import type { StationMapProps } from "./types";

/** No tile loaded this long after the map opened: the base map counts as unreachable. */
const TILE_TIMEOUT_MS = 8000;
/** …or this many tiles failed before any loaded. */
const FAILED_TILES = 4;

/** The configured tile layers; reports whether the map has to do without them. */
export function BaseLayer({
  tiles,
  onOffline,
}: {
  tiles: StationMapProps["tiles"];
  onOffline: (offline: boolean) => void;
}) {
  const loaded = useRef(0);
  const failed = useRef(0);
  useEffect(() => {
    loaded.current = 0;
    failed.current = 0;
    if (!tiles.url) {
      onOffline(true);
      return;
    }
    onOffline(false);
    const timer = setTimeout(() => {
      if (loaded.current === 0) onOffline(true);
    }, TILE_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [tiles.url, onOffline]);
  if (!tiles.url) return null;
  return (
    <>
      <TileLayer
        url={tiles.url}
        subdomains={tiles.subdomains ?? "abc"}
        maxZoom={tiles.maxZoom ?? 18}
        attribution={tiles.attribution}
        eventHandlers={{
          tileload: () => {
            loaded.current += 1;
            if (loaded.current === 1) onOffline(false);
          },
          tileerror: () => {
            failed.current += 1;
            if (loaded.current === 0 && failed.current === FAILED_TILES) onOffline(true);
          },
        }}
      />
      {tiles.overlay ? (
        <TileLayer
          url={tiles.overlay.url}
          subdomains={tiles.overlay.subdomains}
          maxZoom={tiles.maxZoom ?? 18}
          attribution={tiles.overlay.attribution}
        />
      ) : null}
    </>
  );
}

/** At most this many counties, or townships of one county, get their names written on the map. */
const MAX_LABELS = 40;
/** Without tiles, township names show from this zoom for the townships in view (at most MAX_LABELS of them). */
const OFFLINE_TOWNSHIP_ZOOM = 8;

/** An invisible, non-interactive anchor for a region's name (a tooltip needs a layer to hang on). */
const labelAnchor = L.divIcon({ className: "map-region-anchor", html: "", iconSize: [0, 0] });

function RegionLabel({
  at,
  name,
  level,
}: {
  at: [number, number];
  name: string;
  level: "county" | "township";
}) {
  return (
    <Marker position={at} icon={labelAnchor} interactive={false}>
      <Tooltip
        permanent
        direction={level === "county" ? "bottom" : "top"}
        offset={level === "county" ? [0, 18] : [0, -16]}
        className={`map-region-label map-region-label--${level}`}
      >
        {name}
      </Tooltip>
    </Marker>
  );
}

/**
 * Region names written on the map: counties below their seats, and a single county's townships above theirs (more
 * would crowd the map), clear of the markers and clusters that sit on the seats. Without tiles, also the townships in
 * view once zoomed in. Permanent tooltips on invisible anchors, so React renders the text (never HTML).
 */
export function RegionLabels({
  counties,
  townships,
  datum,
  offline,
}: {
  counties: StationMapProps["counties"];
  townships: StationMapProps["townships"];
  datum: StationMapProps["tiles"]["crs"];
  offline: boolean;
}) {
  const map = useMap();
  const [view, setView] = useState(() => ({ bounds: map.getBounds(), zoom: map.getZoom() }));
  useMapEvents({ moveend: () => setView({ bounds: map.getBounds(), zoom: map.getZoom() }) });
  const at = (lng: number, lat: number): [number, number] => {
    const [x, y] = toDisplay(lng, lat, datum);
    return [y, x];
  };
  const located = townships.filter((t) => t.lat != null && t.lng != null);
  const countyLabels =
    counties.length <= MAX_LABELS ? counties.filter((c) => c.lat != null && c.lng != null) : [];
  const countyCodes = new Set(townships.map((t) => t.code.slice(0, 6)));
  let townshipLabels = countyCodes.size === 1 && townships.length <= MAX_LABELS ? located : [];
  if (townshipLabels.length === 0 && offline && view.zoom >= OFFLINE_TOWNSHIP_ZOOM) {
    const inView = located.filter((t) => view.bounds.contains(at(t.lng!, t.lat!)));
    if (inView.length <= MAX_LABELS) townshipLabels = inView;
  }
  return (
    <>
      {townshipLabels.length === 0 || offline
        ? countyLabels.map((c) => (
            <RegionLabel key={`county-${c.code}`} at={at(c.lng!, c.lat!)} name={c.name} level="county" />
          ))
        : null}
      {townshipLabels.map((t) => (
        <RegionLabel key={`township-${t.code}`} at={at(t.lng!, t.lat!)} name={t.name} level="township" />
      ))}
    </>
  );
}

/** The note on a map drawn without tiles. */
export function OfflineNotice({ text }: { text: string }) {
  return (
    <div className="map-offline-notice" role="status" data-testid="map-offline">
      {text}
    </div>
  );
}
