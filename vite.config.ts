import path from "node:path";
import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { chunkModules } from "./scripts/build/chunk-modules";
import { onlyFieldPages } from "./scripts/build/field-precache";
import { precompressAssets } from "./scripts/build/precompress";
import { NOT_SHELL, shellChunks } from "./scripts/build/shell-chunks";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const clientOutDir = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "build/client");

export default defineConfig(({ isSsrBuild }) => ({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  server: { port: Number(process.env.PORT ?? 3000) },
  // why: the client manifest stays in the build so the server can preload the active language's strings chunk.
  build: {
    // why: the server's build runs on Node (package.json engines), whose modules may await at the top level
    // (app/locales/resources.server.ts loads every language's strings so); the browsers' target stays es2020.
    target: isSsrBuild ? "node20" : "es2020",
    manifest: true,
    // why: the browser's code through terser (two compress passes) rather than esbuild's minifier: 3–4 % less on the
    // wire for the same code (the field pages' budget, issue 13). The server's build stays unminified, as before.
    ...(isSsrBuild
      ? {}
      : {
          minify: "terser" as const,
          terserOptions: { compress: { passes: 2 } },
          rollupOptions: {
            output: { manualChunks: shellChunks() },
            treeshake: { moduleSideEffects: (id: string) => !NOT_SHELL.test(id) },
          },
        }),
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    precompressAssets(),
    chunkModules(),
    // The field app (issue 13): manifest, icons and a small service worker of our own (app/modules/field/sw.ts).
    VitePWA({
      strategies: "injectManifest",
      srcDir: "app/modules/field",
      filename: "sw.ts",
      injectRegister: false,
      registerType: "autoUpdate",
      manifestFilename: "manifest.webmanifest",
      manifest: {
        name: "社工站服务网络 · 外出走访",
        short_name: "外出走访",
        description: "离线记录入户走访与服务活动，有网络时自动上传。",
        lang: "zh-CN",
        start_url: "/field",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#1f5f8b",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      injectManifest: {
        globPatterns: ["**/*.{js,css,html,png,webmanifest}"],
        globIgnores: ["**/.vite/**", "sw.js"],
        dontCacheBustURLsMatching: /^assets\//,
        manifestTransforms: [onlyFieldPages(clientOutDir)],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
}));
