import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
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
});
