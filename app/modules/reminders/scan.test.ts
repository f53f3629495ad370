// The scan on the demo data: who hears of a visit, level by level; what nobody can receive; event visits at their
// deadline; contracts ending and deliverables behind. The clock is pinned to 10:00 today in Shanghai (the demo's
// dates are relative to today).
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contracts, facilities, organizations, reminders, users, visits } from "#db/schema";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import { useTestDatabase } from "../../../test/setup/database";
import { contractFindings } from "./contract-findings.server";
import type { Finding } from "./findings";
import { renderReminder } from "./messages.server";
import { insertReminders, planVisitReminders, rowsForFinding, scanForReminders } from "./scan.server";
import { testReminderSettings } from "./testing.server";
import { visitFindings } from "./visit-findings.server";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();
const now = shanghaiInstant(today, "10:00");
const settings = testReminderSettings();

async function userIdOf(email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u.id;
}

async function stationByCode(code: string) {
  const [f] = await db
    .select({ id: facilities.id, townshipId: facilities.townshipId, name: facilities.name })
    .from(facilities)
    .where(eq(facilities.code, code));
  return f;
}

/** An open routine visit of an active person at the station, moved to the given due date. */
async function openVisitAt(stationId: number, dueOn: string, assignedUserId: number | null = null, skip = 0) {
  const [v] = await queryRows<{ id: number; person_id: number }>(
    db,
    sql`select v.id, v.person_id from visits v join people p on p.id = v.person_id and p.status = 'active'
         where v.station_id = ${stationId} and v.status = 'scheduled' and v.kind = 'routine'
         order by v.id offset ${skip} limit 1`,
  );
  await db.update(visits).set({ dueOn, assignedUserId }).where(eq(visits.id, v.id));
  return v;
}

const who = (f: Finding | undefined) =>
  (f?.recipients ?? []).map((r) => (r.kind === "user" ? r.userId : r.email));
const find = (list: Finding[], kind: Finding["kind"], subjectId: number) =>
  list.find((f) => f.kind === kind && f.subjectId === subjectId);

describe("who hears of a visit", () => {
  it("tells the assignee and the station head when a visit is overdue, and escalates only to the planners of the smallest region above the station", async () => {
    const baiba = await stationByCode("540402101000-SW01");
    const staff = await userIdOf("station.baiba@demo.local");
    const head = await userIdOf("station.baiba.head@demo.local");
    const [township] = await db
      .insert(users)
      .values({
        email: "planner.baiba-town@demo.local",
        name: "百巴镇规划员",
        passwordHash: "x",
        role: "planner",
        regionId: baiba.townshipId,
      })
      .returning({ id: users.id });
    try {
      const visit = await openVisitAt(baiba.id, addDaysToDate(today, -10), staff);
      const { findings, gaps } = await visitFindings({ db, now, settings }, [visit.id]);
      expect(gaps).toEqual([]);
      expect(who(find(findings, "visit_overdue", visit.id))).toEqual([staff, head]);
      // The township's planner, not the county's (planner.bayi) nor the operating organization.
      expect(who(find(findings, "visit_escalation", visit.id))).toEqual([township.id]);
      const roles = findings.flatMap((f) =>
        f.recipients.map((r) => (r.kind === "user" ? r.role : "address")),
      );
      expect(new Set(roles)).toEqual(new Set(["station_staff", "planner"]));
      // Overdue for days: both go out now, not in the past.
      expect(find(findings, "visit_overdue", visit.id)?.sendAt).toEqual(now);
    } finally {
      await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, township.id));
    }
  });

  it("sends a station's reminders to its planners when it has no active staff account, says why, and reports the escalation it cannot make", async () => {
    const bayi = await stationByCode("540402102000-SW01");
    const county = await userIdOf("planner.bayi@demo.local");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.facilityId, bayi.id));
    const overdue = await openVisitAt(bayi.id, addDaysToDate(today, -10));
    const soon = await openVisitAt(bayi.id, addDaysToDate(today, 2), null, 1);
    const { findings, gaps } = await visitFindings({ db, now, settings }, [overdue.id, soon.id]);
    expect(who(find(findings, "visit_due", soon.id))).toEqual([county]);
    const late = find(findings, "visit_overdue", overdue.id);
    expect(who(late)).toEqual([county]);
    expect(late?.payload.viaPlanners).toBe(true);
    expect(renderReminder("visit_overdue", late!.payload, "en", now).body).toContain(
      `No staff account at ${bayi.name} can open this visit`,
    );
    // No planner above the county for Bayi: the escalation has nowhere to go, and says so.
    expect(find(findings, "visit_escalation", overdue.id)).toBeUndefined();
    expect(gaps).toEqual([
      expect.objectContaining({
        kind: "visit_escalation",
        subjectId: overdue.id,
        reason: "no_higher_level",
        link: `/visits/${overdue.id}`,
      }),
    ]);
  });

  it("writes no outbox row for a reminder nobody can receive, reports it on every scan, and sends it once somebody can", async () => {
    const purang = await stationByCode("542521100000-SW01");
    const prefecture = await userIdOf("planner.ngari@demo.local");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.facilityId, purang.id));
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, prefecture));
    try {
      const visit = await openVisitAt(purang.id, addDaysToDate(today, -10));
      const gapsOf = (list: { subjectId: number; subjectType: string; kind: string; reason: string }[]) =>
        list
          .filter((g) => g.subjectType === "visit" && g.subjectId === visit.id)
          .map((g) => `${g.kind}:${g.reason}`)
          .sort();
      const rowsOf = () =>
        db
          .select({ kind: reminders.kind, userId: reminders.recipientUserId, sendAt: reminders.sendAt })
          .from(reminders)
          .where(and(eq(reminders.subjectType, "visit"), eq(reminders.subjectId, visit.id)));
      for (let scan = 0; scan < 2; scan++) {
        const result = await scanForReminders({ db, now, settings });
        expect(gapsOf(result.gaps)).toEqual(["visit_escalation:no_recipient", "visit_overdue:no_recipient"]);
        expect(await rowsOf()).toEqual([]);
      }
      // Staff are back: the next scan plans the overdue reminder at once, and the gap is gone.
      await db.update(users).set({ disabledAt: null }).where(eq(users.facilityId, purang.id));
      const later = new Date(now.getTime() + 5 * 60_000);
      const result = await scanForReminders({ db, now: later, settings });
      expect(gapsOf(result.gaps)).toEqual(["visit_escalation:no_higher_level"]);
      const rows = await rowsOf();
      expect(rows.filter((r) => r.kind === "visit_overdue").length).toBeGreaterThan(0);
      expect(rows.every((r) => r.sendAt.getTime() === later.getTime())).toBe(true);
    } finally {
      await db.update(users).set({ disabledAt: null }).where(eq(users.id, prefecture));
    }
  });

  it("never sends a link its recipient cannot open", () => {
    const orgStaff = {
      kind: "user" as const,
      userId: 8,
      email: null,
      locale: "zh-CN",
      role: "org_staff" as const,
      facilityId: null,
    };
    const planner = {
      kind: "user" as const,
      userId: 2,
      email: null,
      locale: "zh-CN",
      role: "planner" as const,
      facilityId: null,
    };
    const contact = { kind: "address" as const, email: "contact@example.org" };
    const rows = rowsForFinding(
      {
        kind: "visit_overdue",
        subjectType: "visit",
        subjectId: 1,
        occurrence: today,
        sendAt: now,
        recipients: [orgStaff, planner],
        payload: { link: "/visits/1" },
        linkPermission: "read:visit",
      },
      settings,
    );
    const linkOf = (userId: number) => rows.find((r) => r.recipientUserId === userId)?.payload?.link;
    expect(linkOf(orgStaff.userId)).toBeNull();
    expect(linkOf(planner.userId)).toBe("/visits/1");
    const mail = rowsForFinding(
      {
        kind: "contract_ending",
        subjectType: "contract",
        subjectId: 1,
        occurrence: today,
        sendAt: now,
        recipients: [contact, orgStaff],
        payload: { link: "/contracts/1" },
        linkPermission: "read:contract",
      },
      { ...settings, smtpUrl: "smtp://127.0.0.1:9" },
    );
    expect(mail.find((r) => r.recipientAddress === contact.email)?.payload?.link).toBeNull();
    expect(mail.find((r) => r.recipientUserId === orgStaff.userId)?.payload?.link).toBe("/contracts/1");
  });
});

describe("event visits", () => {
  it("are overdue at their deadline: in-app then, email after the quiet hours, escalation the set days after the deadline", async () => {
    const baiba = await stationByCode("540402101000-SW01");
    const staff = await userIdOf("station.baiba@demo.local");
    const county = await userIdOf("planner.bayi@demo.local");
    const { person_id } = await openVisitAt(baiba.id, addDaysToDate(today, 30), staff, 3);
    const deadline = shanghaiInstant(today, "23:50");
    const [event] = await db
      .insert(visits)
      .values({
        personId: person_id,
        stationId: baiba.id,
        assignedUserId: staff,
        kind: "event",
        dueOn: today,
        scheduledAt: deadline,
        outcomeReason: "fire",
      })
      .returning({ id: visits.id });
    const withMail = testReminderSettings({ smtpUrl: "smtp://127.0.0.1:9", escalateAfterDays: 1 });
    await planVisitReminders({ db, now, settings: withMail }, [event.id]);
    const planned = await db
      .select()
      .from(reminders)
      .where(and(eq(reminders.subjectType, "visit"), eq(reminders.subjectId, event.id)));
    const sendAt = (kind: string, channel: string) => [
      ...new Set(
        planned.filter((r) => r.kind === kind && r.channel === channel).map((r) => r.sendAt.toISOString()),
      ),
    ];
    // 23:50 is inside the quiet hours: the bell rings at the deadline, the email waits for 08:00.
    expect(sendAt("visit_overdue", "in_app")).toEqual([deadline.toISOString()]);
    expect(sendAt("visit_overdue", "email")).toEqual([
      shanghaiInstant(addDaysToDate(today, 1), "08:00").toISOString(),
    ]);
    expect(sendAt("visit_escalation", "in_app")).toEqual([
      new Date(deadline.getTime() + 86_400_000).toISOString(),
    ]);
    expect(
      planned
        .filter((r) => r.kind === "visit_escalation" && r.channel === "in_app")
        .map((r) => r.recipientUserId),
    ).toEqual([county]);
    const overdue = planned.find((r) => r.kind === "visit_overdue" && r.channel === "in_app")!;
    const message = renderReminder("visit_overdue", overdue.payload, "en", deadline);
    expect(message.title).toMatch(/^Event visit overdue/);
    expect(message.body).toContain("23:50");
  });
});

describe("contract reminders", () => {
  const setContract = (id: number, values: Partial<typeof contracts.$inferInsert>) =>
    db.update(contracts).set(values).where(eq(contracts.id, id));
  const contractId = async (code: string) =>
    (await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.code, code)))[0].id;

  it("reminds the covering planners and the organization once per end date when a contract ends within the set days", async () => {
    const id = await contractId("BYQ-2026-SW-04");
    const far = await contractId("BYQ-2026-SW-03");
    await setContract(id, { startsOn: addDaysToDate(today, -100), endsOn: addDaysToDate(today, 10) });
    await setContract(far, { startsOn: addDaysToDate(today, -100), endsOn: addDaysToDate(today, 60) });
    const planner = await userIdOf("planner.bayi@demo.local");
    const orgStaff = await userIdOf("org.bayi-qihang@demo.local");

    const first = await contractFindings({ db, now, settings });
    const ending = find(first.findings, "contract_ending", id);
    expect(ending).toMatchObject({ occurrence: addDaysToDate(today, 10), sendAt: now });
    expect(who(ending)).toEqual(expect.arrayContaining([planner, orgStaff, "bayi-qihang@demo.local"]));
    // Only planners whose region covers the station (Ngari's and Gar's do not).
    expect(who(ending)).not.toContain(await userIdOf("planner.ngari@demo.local"));
    expect(find(first.findings, "contract_ending", far)).toBeUndefined();

    await insertReminders(db, rowsForFinding(ending!, settings));
    expect(
      find((await contractFindings({ db, now, settings })).findings, "contract_ending", id),
    ).toBeUndefined();
    // The end date moved: that is a new reminder.
    await setContract(id, { endsOn: addDaysToDate(today, 12) });
    const moved = find((await contractFindings({ db, now, settings })).findings, "contract_ending", id);
    expect(moved?.occurrence).toBe(addDaysToDate(today, 12));
  });

  it("reports deliverables behind schedule at most once a month, and not for a contract without targets", async () => {
    const id = await contractId("BYQ-2026-SW-05");
    const untargeted = await contractId("BYQ-2026-SW-01");
    await setContract(id, {
      startsOn: addDaysToDate(today, -100),
      endsOn: addDaysToDate(today, 200),
      deliverables: { activitiesPerMonth: 500 },
    });
    await setContract(untargeted, { startsOn: addDaysToDate(today, -100), deliverables: {} });
    // An earlier full scan in this file may have reported it already this month; start from none.
    await db.delete(reminders).where(and(eq(reminders.subjectType, "contract"), eq(reminders.subjectId, id)));
    const first = await contractFindings({ db, now, settings });
    const behind = find(first.findings, "deliverable_behind", id);
    expect(behind).toMatchObject({ occurrence: today.slice(0, 7), sendAt: now });
    expect(Number(behind?.payload.activitiesExpected)).toBeGreaterThan(
      Number(behind?.payload.activitiesDone),
    );
    expect(find(first.findings, "deliverable_behind", untargeted)).toBeUndefined();

    await insertReminders(db, rowsForFinding(behind!, settings));
    expect(
      find((await contractFindings({ db, now, settings })).findings, "deliverable_behind", id),
    ).toBeUndefined();
    const [y, m] = today.split("-").map(Number);
    const nextMonth = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, "0")}-02`;
    const later = shanghaiInstant(nextMonth, "10:00");
    const again = find(
      (await contractFindings({ db, now: later, settings })).findings,
      "deliverable_behind",
      id,
    );
    expect(again?.occurrence).toBe(nextMonth.slice(0, 7));
  });

  it("reports an organization it cannot reach — no staff account, a contact with only a phone — and still tells the planners", async () => {
    const id = await contractId("BYQ-2026-SW-06");
    const [contract] = await db.select().from(contracts).where(eq(contracts.id, id));
    await setContract(id, { startsOn: addDaysToDate(today, -100), endsOn: addDaysToDate(today, 10) });
    await db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(and(eq(users.organizationId, contract.organizationId), eq(users.role, "org_staff")));
    const [org] = await db
      .select({ email: organizations.contactEmail })
      .from(organizations)
      .where(eq(organizations.id, contract.organizationId));
    await db
      .update(organizations)
      .set({ contactEmail: null, contactPhone: "13800000002" })
      .where(eq(organizations.id, contract.organizationId));
    const reasonsFor = (gaps: { subjectId: number; subjectType: string; reason: string }[]) =>
      gaps.filter((g) => g.subjectType === "contract" && g.subjectId === id).map((g) => g.reason);

    const phoneOnly = await contractFindings({ db, now, settings });
    expect(who(find(phoneOnly.findings, "contract_ending", id))).toEqual([
      await userIdOf("planner.bayi@demo.local"),
    ]);
    expect(reasonsFor(phoneOnly.gaps)).toContain("organization_phone_only");

    // An email address reaches the organization only when email is configured.
    await db
      .update(organizations)
      .set({ contactEmail: org.email })
      .where(eq(organizations.id, contract.organizationId));
    expect(reasonsFor((await contractFindings({ db, now, settings })).gaps)).toContain(
      "organization_unreachable",
    );
    // Planned for the planners already: no second reminder, but the organization is still reported on every scan.
    await insertReminders(db, rowsForFinding(find(phoneOnly.findings, "contract_ending", id)!, settings));
    const after = await contractFindings({ db, now, settings });
    expect(find(after.findings, "contract_ending", id)).toBeUndefined();
    expect(reasonsFor(after.gaps)).toContain("organization_unreachable");
    const withMail = { ...settings, smtpUrl: "smtp://127.0.0.1:9" };
    expect(reasonsFor((await contractFindings({ db, now, settings: withMail })).gaps)).toEqual([]);
  });
});
