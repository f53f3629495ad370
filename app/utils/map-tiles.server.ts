import { env } from "./env.server";
import { resolveTiles, type TileConfig } from "./map-tiles";

/** The base map this server was configured with (MAP_TILES and friends). */
export function tileConfig(): TileConfig {
  return resolveTiles(env());
}
