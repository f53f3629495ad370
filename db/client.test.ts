// DATABASE_URL in libpq's Unix-socket form reaches the same PostgreSQL over the socket, and TCP URLs pass unchanged.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, queryRows, unixSocketOptions } from "./client";

describe("unixSocketOptions", () => {
  it("turns ?host=/dir into postgres.js's socket path, keeping the other parameters and the port", () => {
    expect(unixSocketOptions("postgresql://app@/stations?host=/var/run/postgresql")).toEqual({
      url: "postgresql://app@localhost/stations",
      path: "/var/run/postgresql/.s.PGSQL.5432",
    });
    expect(unixSocketOptions("postgres://u:p@/db?sslmode=disable&host=%2Ftmp%2F")).toEqual({
      url: "postgres://u:p@localhost/db?sslmode=disable",
      path: "/tmp/.s.PGSQL.5432",
    });
    expect(unixSocketOptions("postgres://u@db.internal:6543/db?host=/run/pg")).toEqual({
      url: "postgres://u@db.internal:6543/db",
      path: "/run/pg/.s.PGSQL.6543",
    });
    expect(unixSocketOptions("postgres://u@127.0.0.1:5432/db?host=127.0.0.1")).toEqual({
      url: "postgres://u@127.0.0.1:5432/db?host=127.0.0.1",
    });
    expect(unixSocketOptions("postgres://u@127.0.0.1:5432/db")).toEqual({
      url: "postgres://u@127.0.0.1:5432/db",
    });
  });

  it("connects through the machine's PostgreSQL socket", async () => {
    const directory = "/var/run/postgresql";
    // The machines this runs on have PostgreSQL's socket here (Debian's package); fail loudly if not.
    expect(fs.existsSync(`${directory}/.s.PGSQL.5432`)).toBe(true);
    const database = new URL(
      process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    ).pathname.slice(1);
    const handle = openDatabase({ url: `postgres://postgres@/${database}?host=${directory}`, max: 1 });
    try {
      const [row] = await queryRows<{ tcp: string | null; db: string }>(
        handle.db,
        sql`select inet_client_addr()::text as tcp, current_database() as db`,
      );
      expect(row).toEqual({ tcp: null, db: database });
    } finally {
      await handle.close();
    }
  });
});

describe("prepared statements", () => {
  it("plan every execution for its values, never a generic plan (a prefix LIKE on a generic plan scans every region)", async () => {
    const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
    const handle = openDatabase({ url, max: 1 });
    try {
      const marker = `plan_probe_${Date.now()}`;
      for (let i = 0; i < 8; i++)
        await queryRows(handle.db, sql`select ${marker}::text as m, ${`54${i}%`}::text like '5%' as hit`);
      const rows = await queryRows<{ generic: number; custom: number }>(
        handle.db,
        sql`select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
          where statement like ${`%::text as m, %`} and statement not like '%pg_prepared_statements%'`,
      );
      expect(rows.length).toBe(1);
      expect(rows[0]).toEqual({ generic: 0, custom: 8 });
    } finally {
      await handle.close();
    }
  });

  it("plan a statement once through the generic-plan connections, and only there", async () => {
    const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
    const handle = openDatabase({ url, max: 1 });
    try {
      const marker = `generic_probe_${Date.now()}`;
      const generic = handle.genericPlans();
      expect(handle.genericPlans()).toBe(generic);
      const probe = (db: typeof generic) =>
        queryRows<{ generic: number; custom: number; mode: string }>(
          db,
          sql`select generic_plans::int as generic, custom_plans::int as custom, current_setting('plan_cache_mode') as mode
            from pg_prepared_statements where statement like '%::text as generic_probe, %' and statement not like '%pg_prepared%'`,
        );
      // why: max 2, so the statement may be prepared on both connections; each keeps its generic plan.
      for (let i = 0; i < 8; i++)
        await queryRows(generic, sql`select ${marker}::text as generic_probe, ${i}::int as i`);
      const plans = (await Promise.all([probe(generic), probe(generic), probe(generic)])).flat();
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) expect(plan).toMatchObject({ custom: 0, mode: "force_generic_plan" });
      expect(plans.reduce((n, p) => n + p.generic, 0)).toBeGreaterThan(0);
      const [own] = await queryRows<{ mode: string }>(
        handle.db,
        sql`select current_setting('plan_cache_mode') as mode`,
      );
      expect(own.mode).toBe("force_custom_plan");
    } finally {
      await handle.close();
    }
  });
});
