// The people export (issue 12): masked unless asked with a reason, and the audit entry says what left in full.
import { and, desc, eq, isNotNull, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, people, regions } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { exportPeople, unmaskableFields } from "./export.server";
import { decryptIdNumber } from "./id-number-crypto.server";
import { actorOf, sessionUserFor } from "./testing.server";

useTestDatabase({ template: "demo" });

async function baibaPersonWithPhone() {
  const [row] = await db
    .select({
      fullName: people.fullName,
      phone: people.phone,
      address: people.address,
      cipher: people.idNumberCipher,
    })
    .from(people)
    .innerJoin(regions, eq(regions.id, people.villageId))
    .where(and(like(regions.code, "540402101%"), isNotNull(people.phone), isNotNull(people.address)))
    .orderBy(people.id)
    .limit(1);
  expect(row).toBeTruthy();
  return row;
}

async function lastExportEntry() {
  const [entry] = await db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.action} like 'person.export%'`)
    .orderBy(desc(auditLog.id))
    .limit(1);
  return entry;
}

describe("exporting the register", () => {
  it("masks ID numbers, phones and addresses for every role when no reason is given, and audits it as masked", async () => {
    const person = await baibaPersonWithPhone();
    for (const email of ["planner.bayi@demo.local", "station.baiba@demo.local"]) {
      const user = await sessionUserFor(email);
      const { body } = await exportPeople({
        user,
        actor: actorOf(user),
        filters: { q: person.fullName, status: "active" },
        locale: "zh-CN",
      });
      const csv = JSON.stringify(body);
      expect(csv, email).toContain(person.fullName);
      expect(csv, email).not.toContain(person.phone!.replace(/\s/g, ""));
      expect(csv, email).not.toContain(person.address!);
      expect(csv, email).not.toContain(decryptIdNumber(person.cipher));
      const entry = await lastExportEntry();
      expect(entry.action).toBe("person.export");
      expect(entry.changes).toMatchObject({ masked: true, unmaskedFields: [] });
    }
  });

  it("gives in full, with a reason, only what the role may have, and the audit entry names those fields", async () => {
    const person = await baibaPersonWithPhone();
    const staff = await sessionUserFor("station.baiba@demo.local");
    expect(unmaskableFields(staff)).toEqual(["phone", "address"]);
    const { body } = await exportPeople({
      user: staff,
      actor: actorOf(staff),
      filters: { q: person.fullName, status: "active" },
      locale: "zh-CN",
      reason: "入户走访前核对联系方式",
    });
    const csv = JSON.stringify(body);
    expect(csv).toContain(person.address!);
    expect(csv).not.toContain(decryptIdNumber(person.cipher));
    const entry = await lastExportEntry();
    expect(entry).toMatchObject({
      action: "person.export_unmasked",
      reason: "入户走访前核对联系方式",
      changes: { masked: false, unmaskedFields: ["phone", "address"] },
    });
    const planner = await sessionUserFor("planner.bayi@demo.local");
    expect(unmaskableFields(planner)).toEqual(["idNumber", "phone", "address"]);
    for (const email of ["org.bayi-qihang@demo.local", "auditor@demo.local"])
      expect(unmaskableFields(await sessionUserFor(email)), email).toEqual([]);
  });
});
