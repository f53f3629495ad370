// The base map: the providers the environment may name (read in env.server.ts) and how a choice becomes the tile
// layers the map and the facility form draw (resolveTiles; tileConfig in map-tiles.server.ts reads the environment).
export const mapTileProviders = ["osm", "tianditu", "amap", "tencent", "custom", "none"] as const;
export type MapTileProvider = (typeof mapTileProviders)[number];

/** A tile URL template names {z}, {x} and {y} (or {-y}, counted from the south). */
export function isTileTemplate(url: string): boolean {
  return /\{z\}/.test(url) && /\{x\}/.test(url) && /\{-?y\}/.test(url);
}

// The choices: OpenStreetMap, Tianditu (天地图, with a key), AMap (高德) or Tencent (腾讯) tiles, a self-hosted tile
// URL, or none. Chosen once from the environment (MAP_TILES and friends in utils/env.server.ts). Without any reachable
// tile server the map still draws county outlines, township areas and place names (station-map.client.tsx).

/** WGS-84 (CGCS2000 is within centimetres of it) or GCJ-02, the datum AMap and Tencent draw in. */
export type TileDatum = "wgs84" | "gcj02";

export type TileLayerConfig = { url: string; subdomains: string; attribution: string };

export type TileConfig = {
  provider: MapTileProvider;
  /** The base layer; null draws no tiles (the offline outlines only). */
  url: string | null;
  subdomains: string;
  attribution: string;
  crs: TileDatum;
  maxZoom: number;
  /** A layer drawn over the base (Tianditu's place names). */
  overlay: TileLayerConfig | null;
};

export type TileSettings = {
  MAP_TILES?: MapTileProvider;
  TIANDITU_KEY?: string;
  TILE_URL?: string;
  TILE_SUBDOMAINS?: string;
  TILE_ATTRIBUTION?: string;
  TILE_CRS: TileDatum;
};

const tianditu = (layer: "vec" | "cva", key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;

/** The provider in force: MAP_TILES, else a TILE_URL of one's own (empty: none), else OpenStreetMap. */
export function tileProviderOf(s: TileSettings): MapTileProvider {
  if (s.MAP_TILES) return s.MAP_TILES;
  if (s.TILE_URL === undefined) return "osm";
  return s.TILE_URL.trim() ? "custom" : "none";
}

export function resolveTiles(s: TileSettings): TileConfig {
  const provider = tileProviderOf(s);
  const base = { provider, subdomains: "abc", maxZoom: 18, overlay: null, crs: "wgs84" as TileDatum };
  switch (provider) {
    case "osm":
      return {
        ...base,
        url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution:
          s.TILE_ATTRIBUTION ?? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      };
    case "tianditu": {
      const key = s.TIANDITU_KEY ?? "";
      const attribution = s.TILE_ATTRIBUTION ?? "&copy; 天地图 Tianditu";
      return {
        ...base,
        url: tianditu("vec", key),
        subdomains: "01234567",
        attribution,
        overlay: { url: tianditu("cva", key), subdomains: "01234567", attribution: "" },
      };
    }
    case "amap":
      return {
        ...base,
        url: "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
        subdomains: "1234",
        attribution: s.TILE_ATTRIBUTION ?? "&copy; 高德地图 AutoNavi",
        crs: "gcj02",
      };
    case "tencent":
      return {
        ...base,
        url: "https://rt{s}.map.gtimg.com/realtimerender?z={z}&x={x}&y={-y}&type=vector&style=0",
        subdomains: "0123",
        attribution: s.TILE_ATTRIBUTION ?? "&copy; 腾讯地图 Tencent",
        crs: "gcj02",
      };
    case "custom":
      return {
        ...base,
        url: s.TILE_URL?.trim() || null,
        subdomains: s.TILE_SUBDOMAINS ?? "abc",
        attribution: s.TILE_ATTRIBUTION ?? "",
        crs: s.TILE_CRS,
      };
    case "none":
      return { ...base, url: null, attribution: "" };
  }
}

/** Every origin the browser fetches tiles from (one per subdomain), for the Content-Security-Policy. */
export function tileOrigins(config: TileConfig): string[] {
  const origins = new Set<string>();
  for (const layer of [
    config.url ? { url: config.url, subdomains: config.subdomains } : null,
    config.overlay,
  ]) {
    if (!layer) continue;
    const subs = layer.url.includes("{s}") ? [...layer.subdomains] : [""];
    for (const sub of subs) {
      try {
        const url = new URL(
          layer.url.replace("{s}", sub).replace(/\{-?[a-z]+\}/g, "0"),
          "http://relative.invalid",
        );
        if (url.hostname !== "relative.invalid") origins.add(url.origin);
      } catch {
        // Not a URL: the schema refuses it at start; nothing to allow.
      }
    }
  }
  return [...origins];
}
