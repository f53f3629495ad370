// The base-map choices the environment may name (read in env.server.ts, resolved in modules/map/tiles.ts).
export const mapTileProviders = ["osm", "tianditu", "amap", "tencent", "custom", "none"] as const;
export type MapTileProvider = (typeof mapTileProviders)[number];

/** A tile URL template names {z}, {x} and {y} (or {-y}, counted from the south). */
export function isTileTemplate(url: string): boolean {
  return /\{z\}/.test(url) && /\{x\}/.test(url) && /\{-?y\}/.test(url);
}
