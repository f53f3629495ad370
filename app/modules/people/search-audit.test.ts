import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { auditPeopleSearch, maskedSearchText } from "./search-audit.server";

useTestDatabase({ template: "empty" });

const actor = { actorUserId: null, ip: "127.0.0.1", requestId: "t" };

describe("auditing searches of people's files", () => {
  it("masks anything that could be an ID number in the stored search text", () => {
    expect(maskedSearchText("542523199001011234")).toBe("5425**********1234");
    expect(maskedSearchText("卓玛 54252319900101123X")).toBe("卓玛 5425**********123X");
    expect(maskedSearchText("123X")).toBe("123X");
    expect(maskedSearchText("卓玛")).toBe("卓玛");
  });

  it("records a search or a filtered list, but not the plain register", async () => {
    await auditPeopleSearch(actor, { status: "active" }, 40);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "search"))).toHaveLength(0);
    await auditPeopleSearch(actor, { status: "active", q: "542523199001011234" }, 1);
    await auditPeopleSearch(actor, { status: "active", category: "orphan" }, 3);
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "search"));
    expect(rows.map((r) => r.changes)).toEqual([
      { q: "5425**********1234", results: 1 },
      { category: "orphan", results: 3 },
    ]);
    expect(JSON.stringify(rows)).not.toContain("542523199001011234");
  });
});
