// The Chinese base maps as configured (MAP_TILES=tianditu with a key, amap, tencent; issue 14), in production mode
// with the app's CSP: the browser resolves each provider's real tile hosts to a stub HTTPS tile server on this
// machine (Chromium's host resolver rules; real sockets, a throw-away certificate), so the test sees exactly which
// URLs the map asks for, and that the tiles load and the provider's attribution shows, at 1,280 and 390 px.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { collectPageErrors, desktop, launchBrowser, phone, screenshot, signIn } from "../support/browser";

const TIANDITU_KEY = "5f3c9a0b7d1e4c2a8b6f0e9d3c7a1b25";

type Provider = {
  name: "tianditu" | "amap" | "tencent";
  env: Record<string, string>;
  /** Every tile URL the map may ask for; groups: z, x, y as the template puts them. */
  tile: RegExp;
  /** The tile's row counted from the north (Leaflet's y), from the URL's groups. */
  row: (m: RegExpMatchArray) => { z: number; x: number; y: number };
  /** Layers (paths) the stub must have been asked for. */
  layers: string[];
  attribution: string;
  color: string;
};

const providers: Provider[] = [
  {
    name: "tianditu",
    env: { MAP_TILES: "tianditu", TIANDITU_KEY },
    tile: new RegExp(
      `^https://t[0-7]\\.tianditu\\.gov\\.cn/(vec|cva)_w/wmts\\?SERVICE=WMTS&REQUEST=GetTile&VERSION=1\\.0\\.0&LAYER=(vec|cva)&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX=(\\d+)&TILEROW=(\\d+)&TILECOL=(\\d+)&tk=${TIANDITU_KEY}$`,
    ),
    row: (m) => ({ z: Number(m[3]), y: Number(m[4]), x: Number(m[5]) }),
    layers: ["/vec_w/wmts", "/cva_w/wmts"],
    attribution: "天地图 Tianditu",
    color: "#cfe3f5",
  },
  {
    name: "amap",
    env: { MAP_TILES: "amap" },
    tile: /^https:\/\/webrd0[1-4]\.is\.autonavi\.com\/appmaptile\?lang=zh_cn&size=1&scale=1&style=8&x=(\d+)&y=(\d+)&z=(\d+)$/,
    row: (m) => ({ x: Number(m[1]), y: Number(m[2]), z: Number(m[3]) }),
    layers: ["/appmaptile"],
    attribution: "高德地图 AutoNavi",
    color: "#f5ecc8",
  },
  {
    name: "tencent",
    env: { MAP_TILES: "tencent" },
    tile: /^https:\/\/rt[0-3]\.map\.gtimg\.com\/realtimerender\?z=(\d+)&x=(\d+)&y=(\d+)&type=vector&style=0$/,
    // Tencent counts rows from the south (TMS, the template's {-y}).
    row: (m) => ({ z: Number(m[1]), x: Number(m[2]), y: 2 ** Number(m[1]) - 1 - Number(m[3]) }),
    layers: ["/realtimerender"],
    attribution: "腾讯地图 Tencent",
    color: "#d6f0d2",
  },
];

/** The longitude and latitude of a tile's north-west corner (Web Mercator, rows from the north). */
function cornerOf({ z, x, y }: { z: number; x: number; y: number }) {
  const n = 2 ** z;
  const lng = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return { lng, lat };
}

type Asked = { host: string; url: string };

describe("the Chinese base maps", () => {
  let stub: https.Server;
  let browser: Browser;
  const asked: Asked[] = [];
  const tilePng = new Map<string, Buffer>();
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-tiles-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
      ].concat([
        "-subj",
        "/CN=tiles.test",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ]),
      { stdio: "ignore" },
    );
    for (const p of providers)
      tilePng.set(
        p.name,
        await sharp({ create: { width: 256, height: 256, channels: 4, background: p.color } })
          .composite([
            {
              input: Buffer.from(
                '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect x="0.5" y="0.5" width="255" height="255" fill="none" stroke="#8a8a8a"/></svg>',
              ),
            },
          ])
          .png()
          .toBuffer(),
      );
    // Tianditu's place-name layer is drawn over the base: a transparent tile.
    tilePng.set(
      "overlay",
      await sharp({
        create: { width: 256, height: 256, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
      })
        .png()
        .toBuffer(),
    );
    stub = https.createServer(
      { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) },
      (req, res) => {
        const host = (req.headers.host ?? "").replace(/:443$/, "");
        asked.push({ host, url: `https://${host}${req.url}` });
        const provider = host.endsWith("tianditu.gov.cn")
          ? req.url?.startsWith("/cva_w/")
            ? "overlay"
            : "tianditu"
          : host.endsWith("autonavi.com")
            ? "amap"
            : "tencent";
        res.writeHead(200, { "Content-Type": "image/png", "Access-Control-Allow-Origin": "*" });
        res.end(tilePng.get(provider));
      },
    );
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    const { port } = stub.address() as AddressInfo;
    const to = `127.0.0.1:${port}`;
    browser = await launchBrowser({
      args: [
        `--host-resolver-rules=MAP *.tianditu.gov.cn ${to},MAP *.is.autonavi.com ${to},MAP *.map.gtimg.com ${to}`,
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => stub?.close(resolve));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const provider of providers) {
    it(`asks ${provider.name}'s tile hosts with its template${provider.name === "tianditu" ? " and key" : ""}, draws the tiles and credits them`, async () => {
      const app: AppServer = await startAppServer({ database: "demo", env: provider.env });
      try {
        for (const [width, viewport] of [
          ["1280", desktop],
          ["390", phone],
        ] as const) {
          asked.length = 0;
          const context = await browser.newContext({
            viewport,
            locale: "zh-CN",
            timezoneId: "Asia/Shanghai",
            // why: the stub's certificate is made for this test; nothing else is fetched over HTTPS.
            ignoreHTTPSErrors: true,
          });
          const page = await context.newPage();
          const errors = collectPageErrors(page);
          const blocked: string[] = [];
          page.on("console", (m) => {
            if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
          });
          await signIn(page, app.baseUrl, "planner.ngari@demo.local");
          await page.goto(`${app.baseUrl}/map`);
          await page.waitForSelector(".leaflet-container");
          await page.waitForFunction(() => document.querySelectorAll("img.leaflet-tile-loaded").length >= 4);

          const sources = await page
            .locator("img.leaflet-tile")
            .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
          expect(sources.length).toBeGreaterThan(0);
          for (const src of sources) expect(src, "a tile the map asked for").toMatch(provider.tile);
          // The browser fetched them from the provider's hosts (here: the stub), every request in the template.
          expect(asked.length).toBeGreaterThan(0);
          for (const a of asked) expect(a.url, "a request the stub received").toMatch(provider.tile);
          expect(
            sources.filter((src) => asked.some((a) => a.url === src)).length,
            "tiles on the map that the stub served",
          ).toBeGreaterThan(0);
          for (const layer of provider.layers)
            expect(
              asked.some((a) => new URL(a.url).pathname === layer),
              `${provider.name}: no request for ${layer}`,
            ).toBe(true);
          // The tiles cover the two prefectures (rows counted right: Tencent's from the south).
          for (const src of sources) {
            const { lng, lat } = cornerOf(provider.row(src.match(provider.tile)!));
            expect(lng, src).toBeGreaterThan(60);
            expect(lng, src).toBeLessThan(115);
            expect(lat, src).toBeGreaterThan(15);
            expect(lat, src).toBeLessThan(50);
          }
          expect(await page.locator(".station-map--offline").count()).toBe(0);
          expect(await page.locator(".leaflet-control-attribution").textContent()).toContain(
            provider.attribution,
          );
          await screenshot(page, `map-tiles-${provider.name}-${width}`);
          expect(blocked).toEqual([]);
          expect(errors).toEqual([]);
          await context.close();
        }
      } finally {
        await app.stop();
      }
    }, 180_000);
  }
});
