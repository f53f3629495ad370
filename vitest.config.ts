import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run on real PostgreSQL and Redis (see test/setup/global.ts); the Remix Vite plugin is not loaded here.
export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    globalSetup: ["test/setup/global.ts"],
    setupFiles: ["test/setup/env.ts"],
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "app/**/*.test.ts",
            "db/**/*.test.ts",
            "workers/**/*.test.ts",
            "scripts/**/*.test.ts",
            "test/faults/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts", "test/security/**/*.test.ts"],
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
        },
      },
    ],
  },
});
