// The app process SIGKILLed while a form post is in progress, restarted, and the same form (same `_key`) sent again:
// the database holds the row exactly once, whether the kill came before or after the transaction committed.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_CHAIN_LOCK, AUDIT_CHAINS } from "~/modules/audit/constants";
import { todayInShanghai } from "~/utils/dates";
import { databaseUrlFor } from "../setup/config";
import { createDatabaseFrom, dropDatabase } from "../setup/database";
import { HttpClient } from "../support/http";
import { type AppProcess, ensureAppBuilt, killed, openContractOf, openSql, startApp } from "./support";

// The audit chains' advisory locks (app/modules/audit/audit.server.ts): every audited write takes a free chain's lock
// inside its transaction and waits only when every chain is held, so holding all of them from here stops a post just
// before it can commit. Two-key advisory locks show in pg_locks as classid = AUDIT_CHAIN_LOCK, objsubid = 2.

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe("the app killed during a form post", () => {
  let databaseName = "";
  let sql: postgres.Sql;
  let app: AppProcess & { port: number; dataDir: string };
  let contractId = 0;
  const today = todayInShanghai();

  beforeAll(async () => {
    await ensureAppBuilt();
    databaseName = await createDatabaseFrom("demo");
    sql = openSql(databaseUrlFor(databaseName), 3);
    contractId = await openContractOf(sql, "噶尔县社区服务中心", today);
    app = await startApp({ databaseUrl: databaseUrlFor(databaseName) });
  });

  afterAll(async () => {
    await app?.stop();
    await sql?.end();
    if (databaseName) await dropDatabase(databaseName);
    if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  });

  const restart = async () => {
    app = await startApp({ databaseUrl: databaseUrlFor(databaseName), port: app.port, dataDir: app.dataDir });
  };
  const expenditureForm = (key: string, description: string) => ({
    spentOn: today,
    category: "activities",
    amount: "321.00",
    description,
    _key: key,
  });
  const rowsDescribed = async (description: string) =>
    (await sql<{ id: number }[]>`select id from expenditures where description = ${description}`).map(
      (r) => r.id,
    );

  it("stores a post killed before its commit once, when the same form is sent again after the restart", async () => {
    const client = new HttpClient(app.baseUrl);
    await client.signIn("org.gar@demo.local");
    const key = randomUUID();
    const description = `故障测试：提交前进程被杀 ${key.slice(0, 8)}`;
    const path = `/contracts/${contractId}/expenditures`;

    const holder = await sql.reserve();
    await holder`select pg_advisory_lock(${AUDIT_CHAIN_LOCK}::int, s) from generate_series(0, ${AUDIT_CHAINS - 1}::int) s`;
    const pending = client.post(path, expenditureForm(key, description)).then(
      (res) => res.status,
      () => "connection lost",
    );
    // The post has inserted its row and waits for the audit lock, inside its transaction.
    await waitUntil(
      async () =>
        (
          await sql`select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.classid = ${AUDIT_CHAIN_LOCK} and l.objsubid = 2 and not l.granted and a.datname = ${databaseName}`
        ).length > 0,
      "the post to wait for the audit lock",
    );
    await killed(app.child);
    expect(await pending).toBe("connection lost");
    await holder`select pg_advisory_unlock_all()`;
    holder.release();
    // The orphaned backend gets the lock, cannot answer its dead client and rolls back.
    await waitUntil(
      async () =>
        (
          await sql`select 1 from pg_locks where locktype = 'advisory' and classid = ${AUDIT_CHAIN_LOCK} and objsubid = 2`
        ).length === 0,
      "the killed post's transaction to end",
    );
    expect(await rowsDescribed(description)).toEqual([]);
    expect(await sql`select 1 from form_submissions where key = ${key}`).toHaveLength(0);

    await restart();
    // Sessions live in PostgreSQL: the same cookie is still signed in after the restart.
    const again = await client.post(path, expenditureForm(key, description));
    expect(again.status).toBe(302);
    const stored = await rowsDescribed(description);
    expect(stored).toHaveLength(1);
    expect(again.headers.get("location")).toBe(`${path}?recorded=${stored[0]}`);
    // A third send of the same form (a double click) changes nothing either.
    const third = await client.post(path, expenditureForm(key, description));
    expect(third.headers.get("location")).toBe(`${path}?recorded=${stored[0]}`);
    expect(await rowsDescribed(description)).toEqual(stored);
    const audited =
      await sql`select 1 from audit_log where entity_type = 'expenditure' and entity_id = ${stored[0]}`;
    expect(audited).toHaveLength(1);
  });

  it("does not store a post killed right after its commit a second time when the same form is sent again", async () => {
    const client = new HttpClient(app.baseUrl);
    await client.signIn("org.gar@demo.local");
    const key = randomUUID();
    const description = `故障测试：提交后进程被杀 ${key.slice(0, 8)}`;
    const path = `/contracts/${contractId}/expenditures`;

    const pending = client.post(path, expenditureForm(key, description)).then(
      (res) => res.status,
      () => "connection lost",
    );
    // Kill the process the moment its transaction is visible as committed (the answer may or may not be out yet).
    await waitUntil(
      async () =>
        (await sql`select 1 from form_submissions where key = ${key} and result is not null`).length > 0,
      "the post to commit",
    );
    await killed(app.child);
    const firstAnswer = await pending;
    expect([302, "connection lost"]).toContain(firstAnswer);
    const stored = await rowsDescribed(description);
    expect(stored).toHaveLength(1);

    await restart();
    const again = await client.post(path, expenditureForm(key, description));
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`${path}?recorded=${stored[0]}`);
    expect(await rowsDescribed(description)).toEqual(stored);
  });
});
