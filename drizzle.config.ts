import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL here; the app applies it with drizzle's migrator on PGlite or PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
