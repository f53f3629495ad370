// Build step: the hashed client assets (JS, CSS) are compressed once, at the highest levels, next to the files: Brotli
// 11 and gzip written by Zopfli (a deflate encoder that searches much harder than zlib's level 9 for the same format,
// ~3–4 % smaller; any gzip decoder reads it). The server sends those instead of compressing each response on the fly at
// level 1. On the weak link of issue 13 (50 KiB/s) that is a fifth fewer bytes for the same code, and no compression
// CPU per request.
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gunzipSync } from "node:zlib";
import { gzipAsync } from "@gfx/zopfli";
import type { Plugin, ResolvedConfig } from "vite";

const COMPRESSIBLE = /\.(js|css|json|svg|webmanifest)$/;

/** Zopfli's passes: 15 (its default) for what a page loads first; fewer past 256 KiB, where a pass costs seconds. */
const zopfliIterations = (bytes: number) => (bytes > 256 * 1024 ? 5 : 15);

/** The gzip copy of `body`, from Zopfli; checked to unpack to `body` before it is written. */
export async function gzipMost(body: Buffer): Promise<Buffer> {
  const gz = Buffer.from(await gzipAsync(body, { numiterations: zopfliIterations(body.length) }));
  if (!gunzipSync(gz).equals(body)) throw new Error("Zopfli's gzip copy does not unpack to the file");
  return gz;
}

async function compressFile(file: string): Promise<void> {
  const body = fs.readFileSync(file);
  // why: small files too — a field page loads ~30 chunks, half of them under 1 KiB, which on-the-fly
  // compression leaves raw (its threshold): ~2 KiB of a page's 120 KiB budget (issue 13). A copy that would
  // not be smaller is not written, and the file goes as it is.
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  if (br.length < body.length) fs.writeFileSync(`${file}.br`, br);
  const gz = await gzipMost(body);
  if (gz.length < body.length) fs.writeFileSync(`${file}.gz`, gz);
}

export function precompressAssets(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "precompress-assets",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      // why: Remix writes the route manifest (manifest-<hash>.js, on every page's first load) into the client's assets
      // during the server build, after the client build has closed: it is compressed then.
      const ssr = Boolean(config.build.ssr);
      const dir = ssr
        ? path.resolve(config.root, config.build.outDir, "../client/assets")
        : path.resolve(config.root, config.build.outDir, "assets");
      if (!fs.existsSync(dir)) return;
      const files = fs
        .readdirSync(dir)
        .filter((name) => COMPRESSIBLE.test(name) && (!ssr || /^manifest-[\w-]+\.js$/.test(name)))
        .map((name) => path.join(dir, name));
      for (const file of files) await compressFile(file);
    },
  };
}
