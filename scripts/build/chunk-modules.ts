// Build step: which source modules each client chunk holds (build/.vite/client-chunk-modules.json), so the page-weight
// check (scripts/build/page-js.ts) can tell whether a library reached a page's first download. Vite's manifest names
// chunks, not what is in them. Written outside build/client so it is never served.
import fs from "node:fs";
import path from "node:path";
import type { Plugin, ResolvedConfig } from "vite";

export const CHUNK_MODULES_FILE = "client-chunk-modules.json";

export function chunkModules(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "chunk-modules",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle(_options, bundle) {
      if (config.build.ssr) return;
      const modules: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        modules[output.fileName] = Object.keys(output.modules)
          .filter((id) => output.modules[id].renderedLength > 0)
          .map((id) => path.relative(config.root, id.replace(/^\0/, "").split("?")[0]));
      }
      const dir = path.resolve(config.root, config.build.outDir, "../.vite");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, CHUNK_MODULES_FILE), JSON.stringify(modules));
    },
  };
}
