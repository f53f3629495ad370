// The base map as configured: each provider's tiles and datum, the hosts the CSP must allow, and the settings that
// stop the app at start (a Tianditu map without a key, a tile URL that is not a template).
import { describe, expect, it } from "vitest";
import { env } from "~/utils/env.server";
import { envPerTest } from "../../test/support/env";
import { resolveTiles, tileOrigins } from "./map-tiles";

const setEnv = envPerTest();
const mapVars = ["MAP_TILES", "TIANDITU_KEY", "TILE_URL", "TILE_SUBDOMAINS", "TILE_ATTRIBUTION", "TILE_CRS"];

/** Only these map settings, none of the ones the environment had. */
function withEnv(vars: Record<string, string>) {
  setEnv({ ...Object.fromEntries(mapVars.map((key) => [key, undefined])), ...vars });
}

describe("the base map", () => {
  it("is OpenStreetMap in WGS-84 when nothing is set", () => {
    withEnv({});
    const tiles = resolveTiles(env());
    expect(tiles).toMatchObject({ provider: "osm", crs: "wgs84", overlay: null });
    expect(tiles.url).toBe("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    expect(tileOrigins(tiles)).toEqual(["https://tile.openstreetmap.org"]);
  });

  it("draws Tianditu's vector map with its place names, keyed, in WGS-84, and allows its eight hosts", () => {
    withEnv({ MAP_TILES: "tianditu", TIANDITU_KEY: "0123456789abcdef0123456789abcdef" });
    const tiles = resolveTiles(env());
    expect(tiles.crs).toBe("wgs84");
    expect(tiles.url).toContain("LAYER=vec");
    expect(tiles.url).toContain("tk=0123456789abcdef0123456789abcdef");
    expect(tiles.overlay?.url).toContain("LAYER=cva");
    expect(tileOrigins(tiles)).toHaveLength(8);
    expect(tileOrigins(tiles)).toContain("https://t7.tianditu.gov.cn");
  });

  it("draws AMap and Tencent tiles in GCJ-02, so points are converted for display", () => {
    withEnv({ MAP_TILES: "amap" });
    expect(resolveTiles(env())).toMatchObject({ provider: "amap", crs: "gcj02" });
    expect(tileOrigins(resolveTiles(env()))).toContain("https://webrd01.is.autonavi.com");
    withEnv({ MAP_TILES: "tencent" });
    expect(resolveTiles(env())).toMatchObject({ provider: "tencent", crs: "gcj02" });
    expect(resolveTiles(env()).url).toContain("{-y}");
  });

  it("takes a self-hosted tile URL with its datum, and an empty one as no base map", () => {
    withEnv({ TILE_URL: "https://tiles.bureau.example.cn/{z}/{x}/{y}.png", TILE_CRS: "gcj02" });
    expect(resolveTiles(env())).toMatchObject({ provider: "custom", crs: "gcj02" });
    expect(tileOrigins(resolveTiles(env()))).toEqual(["https://tiles.bureau.example.cn"]);
    withEnv({ TILE_URL: "" });
    expect(resolveTiles(env())).toMatchObject({ provider: "none", url: null });
    expect(tileOrigins(resolveTiles(env()))).toEqual([]);
    withEnv({ MAP_TILES: "none" });
    expect(resolveTiles(env()).url).toBeNull();
  });

  it("stops at start on a Tianditu map without a key, a custom map without a template, or an unknown provider", () => {
    withEnv({ MAP_TILES: "tianditu" });
    expect(() => env()).toThrow(/TIANDITU_KEY: MAP_TILES=tianditu needs a Tianditu key/);
    withEnv({ MAP_TILES: "custom" });
    expect(() => env()).toThrow(/TILE_URL/);
    withEnv({ TILE_URL: "https://tiles.example.cn/tile.png" });
    expect(() => env()).toThrow(/TILE_URL: expected a URL template/);
    withEnv({ MAP_TILES: "google" });
    expect(() => env()).toThrow(/MAP_TILES/);
  });
});
