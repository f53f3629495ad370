import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { recordAudit, recordAuditNow, verifyAuditChain } from "./audit.server";

useTestDatabase({ template: "empty" });

const actor = { actorUserId: null, ip: "127.0.0.1", requestId: "t" };

describe("the audit log", () => {
  it("chains every entry to the one before, whatever the key order of the changes", async () => {
    await recordAuditNow(actor, {
      action: "create",
      entityType: "facility",
      entityId: 1,
      changes: { name: "甲", status: "planned" },
    });
    await db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: "update",
        entityType: "facility",
        entityId: 1,
        changes: { z: 1, a: { y: 2, b: 3 } },
      }),
    );
    await recordAuditNow(actor, {
      action: "reveal:id_number",
      entityType: "person",
      entityId: 7,
      reason: "核实身份",
    });
    expect(await verifyAuditChain()).toEqual({ checked: 3, brokenAt: null });
  });

  it("keeps every chain intact when many audited transactions commit at once", async () => {
    const before = (await verifyAuditChain()).checked;
    // Each transaction holds its chain for a moment, so the others must take other chains instead of waiting.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction(async (tx) => {
          await recordAudit(tx, actor, { action: "update", entityType: "facility", entityId: i });
          await recordAudit(tx, actor, {
            action: "update",
            entityType: "facility",
            entityId: i,
            reason: "2nd",
          });
          await tx.execute(sql`select pg_sleep(0.05)`);
        }),
      ),
    );
    expect(await verifyAuditChain()).toEqual({ checked: before + 24, brokenAt: null });
    // Both entries of one transaction are in the same chain.
    const split = await db.execute(
      sql`select entity_id from audit_log where entity_type = 'facility' and action = 'update' and entity_id <> '1'
          group by entity_id having count(distinct chain) > 1`,
    );
    expect(Array.isArray(split) ? split : (split as { rows: unknown[] }).rows).toHaveLength(0);
  });

  it("detects a row deleted from the middle of a chain", async () => {
    const picked = (await db.execute(
      sql`select a.id::int as id, (select min(b.id)::int from audit_log b where b.chain = a.chain and b.id > a.id) as next
          from audit_log a where a.entity_type = 'facility' and a.action = 'update' and a.entity_id = '3' order by a.id limit 1`,
    )) as unknown as { id: number; next: number }[] | { rows: { id: number; next: number }[] };
    const [{ id, next }] = Array.isArray(picked) ? picked : picked.rows;
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await db.execute(sql`delete from audit_log where id = ${id}`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    // The next entry of the same chain no longer follows its predecessor.
    expect((await verifyAuditChain()).brokenAt).toBe(next);
  });

  it("detects a row changed behind the application's back", async () => {
    // why: only a superuser bypassing the trigger can do this; the chain must still tell.
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await db.execute(
      sql`update audit_log set changes = '{"name":"乙","status":"planned"}' where action = 'create'`,
    );
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const result = await verifyAuditChain();
    expect(result.brokenAt).not.toBeNull();
  });

  it("masks an ID number however it was typed, in the reason and the changes, and keeps file digests", async () => {
    // An 18-digit run inside a SHA-256 digest is not an ID number.
    const digest = "abcdef123456789012345678abcdefababababababababababababababababab";
    await recordAuditNow(actor, {
      action: "break_glass_not_found",
      entityType: "person",
      reason: "火灾，身份证 5425 2219 8505 2298 55 的老人需要安置",
      changes: {
        q: "542522-19850522-9855",
        nested: [{ note: "号码 54252219850522985X" }],
        file: { sha256: digest },
      },
    });
    const [row] = await queryRows<{ reason: string; changes: unknown }>(
      db,
      sql`select reason, changes from audit_log order by id desc limit 1`,
    );
    const { file: _file, ...typed } = row.changes as Record<string, unknown>;
    expect(JSON.stringify([row.reason, typed])).not.toMatch(/\d(?:[\s-]*\d){16}[\s-]*[\dXx]/);
    expect(row.reason).toBe("火灾，身份证 5425**********9855 的老人需要安置");
    expect(row.changes).toEqual({
      q: "5425**********9855",
      nested: [{ note: "号码 5425**********985X" }],
      file: { sha256: digest },
    });
  });
});
