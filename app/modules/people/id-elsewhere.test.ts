// The ID-number oracle (issue 12): registering or importing people tells a user neither where nor, unaudited and
// unlimited, whether a number is registered outside their scope.
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, people, regions, users } from "#db/schema";
import { importFileOf, importPeopleCsv, importTemplateRows } from "~/modules/imports/people.server";
import { messageKey } from "~/modules/kernel/messages";
import { toCsv } from "~/utils/csv.server";
import { db } from "~/utils/db.server";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { buildIdNumber } from "./id-number";
import { decryptIdNumber } from "./id-number-crypto.server";
import { registerPerson } from "./mutations.server";
import { actorOf, sessionUserFor } from "./testing.server";

useTestDatabase({ template: "demo" });

const header = importTemplateRows().header;

/** Adults registered in Ngari (outside Bayi), with their plain numbers and the names of their villages. */
async function ngariFiles(n: number, offset = 0) {
  const rows = await db
    .select({
      id: people.id,
      cipher: people.idNumberCipher,
      birthDate: people.birthDate,
      village: regions.name,
    })
    .from(people)
    .innerJoin(regions, eq(regions.id, people.villageId))
    .where(like(regions.code, "5425%"))
    .orderBy(people.id)
    .limit(n)
    .offset(offset);
  expect(rows).toHaveLength(n);
  return rows.map((r) => ({ ...r, idNumber: decryptIdNumber(r.cipher) }));
}

/** A Baiba village row for each number: valid in every other respect. */
function csvOf(files: { idNumber: string; birthDate: string }[]) {
  return toCsv(
    header,
    files.map((f, i) => [
      `示例·核验${i}`,
      "",
      f.birthDate,
      f.idNumber,
      "540402101202",
      "低保",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
    ]),
  );
}

async function entries(userId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, "person.id_elsewhere")))
    .orderBy(auditLog.id);
}

async function adminNotifications() {
  return db
    .select({ title: notifications.title, link: notifications.link })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(users.role, "admin"), like(notifications.link, "/audit?%")));
}

describe("ID numbers registered outside the user's scope", () => {
  it("answers an import of many such numbers without a place, audited once with the count and the file", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const elsewhere = await ngariFiles(12);
    const text = csvOf(elsewhere);
    const file = importFileOf({ name: "核验名单.csv", bytes: new TextEncoder().encode(text) });
    const report = await importPeopleCsv({
      user: staff,
      actor: actorOf(staff),
      csvText: text,
      file,
      limits: { perHour: 100, perDay: 100 },
    });
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.problems.map((p) => [p.field, p.message])).toEqual(
      Array(12).fill(["idNumber", "peopleRegister:errors.duplicateIdElsewhere"]),
    );
    const answer = JSON.stringify(report);
    for (const f of elsewhere) {
      expect(answer).not.toContain(f.village);
      expect(answer).not.toContain(`"id":${f.id}`);
    }
    const audited = await entries(staff.id);
    expect(audited).toHaveLength(1);
    expect(audited[0].changes).toEqual({ count: 12, checked: 12, source: "import", file });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers the registration form without a place and audits the check", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const [other] = await ngariFiles(1, 20);
    const result = await registerPerson({
      ...by(planner),
      input: {
        fullName: "示例·表单",
        sex: "male",
        birthDate: other.birthDate,
        idNumber: other.idNumber,
        villageId: (
          await db.select({ id: regions.id }).from(regions).where(eq(regions.code, "540402101202"))
        )[0].id,
        categories: ["dibao"],
      },
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { idNumber: ["peopleRegister:errors.duplicateIdElsewhere"] },
    });
    expect((await entries(planner.id)).map((e) => e.changes)).toEqual([
      { count: 1, checked: 1, source: "form" },
    ]);
  });

  it("throttles a user past the limit, refuses further checks before looking anything up, and alerts admins once", async () => {
    const planner = await sessionUserFor("planner.ngari@demo.local");
    const limits = { perHour: 5, perDay: 50 };
    const bayi = async (n: number, offset: number) =>
      (
        await db
          .select({ cipher: people.idNumberCipher, birthDate: people.birthDate })
          .from(people)
          .innerJoin(regions, eq(regions.id, people.villageId))
          .where(like(regions.code, "540402%"))
          .orderBy(people.id)
          .limit(n)
          .offset(offset)
      ).map((r) => ({ birthDate: r.birthDate, idNumber: decryptIdNumber(r.cipher) }));
    // Ngari's planner imports into a Ngari village: Bayi's numbers are registered elsewhere for them.
    const ngariCsv = (files: { idNumber: string; birthDate: string }[]) =>
      csvOf(files).replaceAll("540402101202", "542523100201");
    const alertsBefore = (await adminNotifications()).length;

    const first = await importPeopleCsv({
      user: planner,
      actor: actorOf(planner),
      csvText: ngariCsv(await bayi(3, 0)),
      limits,
    });
    expect(first.problems.map((p) => p.message)).toEqual(
      Array(3).fill("peopleRegister:errors.duplicateIdElsewhere"),
    );

    const second = await importPeopleCsv({
      user: planner,
      actor: actorOf(planner),
      csvText: ngariCsv(await bayi(4, 3)),
      limits,
    });
    expect(second.ok).toBe(false);
    expect(second.problems).toEqual([]);
    expect(messageKey(second.fileProblem!)).toBe("peopleRegister:errors.idCheckLimit");

    // A fresh number is not looked up at all now: the answer cannot tell registered from unregistered.
    const fresh = buildIdNumber({ region6: "542523", birthDate: "1966-06-06", sequence: 971 });
    const third = await importPeopleCsv({
      user: planner,
      actor: actorOf(planner),
      csvText: ngariCsv([{ idNumber: fresh, birthDate: "1966-06-06" }]),
      limits,
    });
    expect(messageKey(third.fileProblem!)).toBe("peopleRegister:errors.idCheckLimit");
    expect(await db.select().from(people).where(eq(people.fullName, "示例·核验0"))).toEqual([]);

    expect((await entries(planner.id)).map((e) => e.changes)).toEqual([
      { count: 3, checked: 3, source: "import" },
      { count: 4, checked: 4, refused: true, source: "import" },
      { count: 0, checked: 1, refused: true, source: "import" },
    ]);

    const alerts = await adminNotifications();
    const admins = await db.select().from(users).where(eq(users.role, "admin"));
    expect(alerts.length - alertsBefore).toBe(admins.length);
    expect(alerts.at(-1)!.title).toContain("planner.ngari@demo.local");
    expect(alerts.at(-1)!.link).toBe("/audit?actor=planner.ngari%40demo.local&action=person.id_elsewhere");
  });
});
