// The monthly sign-off through its real writes: the organization submits, the planner returns or approves, an
// approved month locks the contract's activities and expenditures dated in it until a planner reopens it; the
// months waiting on someone are what the list, the home pages and the reminders count.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  auditLog,
  careProjects,
  contractMonths,
  contracts,
  expenditures,
  regions,
} from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { logActivity } from "~/modules/activities/log.server";
import { deleteActivity, editActivity } from "~/modules/activities/review.server";
import { recordExpenditure, reverseExpenditure } from "~/modules/funding/expenditures.server";
import { signoffFindings } from "~/modules/reminders/signoff-findings.server";
import { testReminderSettings } from "~/modules/reminders/testing.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { shiftMonth } from "~/utils/months";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { decideMonth, submitMonth } from "./mutations.server";
import { contractMonthsPage, listWaitingMonths, monthSignoff } from "./queries.server";
import type { SignoffInput } from "./schemas";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();
const current = today.slice(0, 7);
const month = shiftMonth(current, -2);
const otherMonth = shiftMonth(current, -1);

describe("the monthly sign-off", () => {
  let org: SessionUser;
  let planner: SessionUser;
  let plannerBayi: SessionUser;
  let contractId: number;
  let activityId: number;
  let expenditureId: number;

  const submit = (user: SessionUser, m = month, id = contractId) =>
    submitMonth({
      user,
      actor: testActor(user),
      key: randomUUID(),
      contractId: id,
      input: { intent: "submit", month: m, note: "本月按计划开展" },
    });
  const decide = (user: SessionUser, input: Exclude<SignoffInput, { intent: "submit" }>) =>
    decideMonth({ user, actor: testActor(user), key: randomUUID(), contractId, input });
  const stateOf = async (m = month) => (await monthSignoff(contractId, m)).state;

  beforeAll(async () => {
    [org, planner, plannerBayi] = await Promise.all([
      sessionUserFor("org.gar@demo.local"),
      sessionUserFor("planner.ngari@demo.local"),
      sessionUserFor("planner.bayi@demo.local"),
    ]);
    const organizationId = org.scope.kind === "organization" ? org.scope.organizationId : 0;
    // A contract of the test's own (a new project in Gar County), four months old, with one activity and one
    // expenditure in the month under test.
    const [gar] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, "542523000000"));
    const [project] = await db
      .insert(careProjects)
      .values({
        code: "SIGNOFF-TEST",
        name: "报送测试项目",
        kind: "elderly",
        regionId: gar.id,
        startsOn: `${shiftMonth(current, -4)}-01`,
        endsOn: `${shiftMonth(current, 6)}-28`,
      })
      .returning({ id: careProjects.id });
    const [contract] = await db
      .insert(contracts)
      .values({
        code: "SIGNOFF-TEST-01",
        title: "报送测试合同",
        organizationId,
        careProjectId: project.id,
        startsOn: `${shiftMonth(current, -3)}-01`,
        endsOn: `${shiftMonth(current, 6)}-28`,
        amountFen: 10_000_000,
        procurementMethod: "single_source",
        deliverables: { activitiesPerMonth: 2 },
        status: "active",
        activatedAt: new Date(),
      })
      .returning({ id: contracts.id });
    contractId = contract.id;
    const [activity] = await db
      .insert(activities)
      .values({
        contractId,
        organizationId,
        careProjectId: project.id,
        occurredOn: `${month}-10`,
        kind: "group_activity",
        participants: 12,
        personTimes: 20,
        summary: "重阳节敬老活动",
      })
      .returning({ id: activities.id });
    activityId = activity.id;
    const [expenditure] = await db
      .insert(expenditures)
      .values({
        contractId,
        spentOn: `${month}-12`,
        category: "activities",
        amountFen: 150_000,
        description: "活动物资",
      })
      .returning({ id: expenditures.id });
    expenditureId = expenditure.id;
  });

  it("lists an ended month never submitted as owed, and the current month not yet", async () => {
    const owed = await listWaitingMonths({ user: org, filter: "todo", pageSize: 1000 });
    const mine = owed.rows.filter((r) => r.contractId === contractId).map((r) => r.month);
    expect(mine).toEqual([shiftMonth(current, -3), month, otherMonth]);
    expect(owed.total).toBe(owed.rows.length);
    expect(mine).not.toContain(current);
  });

  it("keeps the month's figures as the organization submitted them, and audits the submission", async () => {
    const result = await submit(org);
    expect(result).toMatchObject({ ok: true, value: { contractId, month, status: "submitted" } });
    const [row] = await db
      .select()
      .from(contractMonths)
      .where(and(eq(contractMonths.contractId, contractId), eq(contractMonths.month, month)));
    expect(row.summary).toEqual({
      activities: 1,
      personTimes: 20,
      participants: 12,
      homeVisits: 0,
      peopleServed: 0,
      spentFen: 150_000,
    });
    expect(row.note).toBe("本月按计划开展");
    const [entry] = await db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "contract"), eq(auditLog.entityId, String(contractId))))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry.action).toBe("signoff.submit");
    expect(entry.changes).toMatchObject({ month, status: { from: "unsubmitted", to: "submitted" } });
    // Now it waits on the planner, not on the organization.
    const waiting = await listWaitingMonths({ user: planner, filter: "submitted", pageSize: 1000 });
    expect(waiting.rows.some((r) => r.contractId === contractId && r.month === month)).toBe(true);
  });

  it("refuses a second submission while the month waits, a month outside the period and the current month's successor", async () => {
    expect(await submit(org)).toEqual({ ok: false, formErrors: ["signoff:errors.state.submitted"] });
    expect(await submit(org, shiftMonth(current, -5))).toEqual({
      ok: false,
      fieldErrors: { month: ["signoff:errors.monthOutside"] },
    });
    expect(await submit(org, shiftMonth(current, 1))).toEqual({
      ok: false,
      fieldErrors: { month: ["signoff:errors.monthOutside"] },
    });
  });

  it("lets only the contract's planners decide: another region's gets nothing, the organization is refused", async () => {
    expect(await decide(plannerBayi, { intent: "approve", month })).toBeNull();
    expect(await decide(org, { intent: "approve", month })).toEqual({
      ok: false,
      formErrors: ["errors.forbidden"],
    });
    // Nor may a planner submit for the organization.
    expect(await submit(planner)).toEqual({ ok: false, formErrors: ["errors.forbidden"] });
    expect(await stateOf()).toBe("submitted");
  });

  it("returns a month with the planner's comment; it is owed again until the organization resubmits", async () => {
    const returned = await decide(planner, { intent: "return", month, comment: "请补充活动签到表" });
    expect(returned).toMatchObject({ ok: true, value: { status: "returned" } });
    const signoff = await monthSignoff(contractId, month);
    expect(signoff).toMatchObject({ state: "returned", comment: "请补充活动签到表" });
    const owed = await listWaitingMonths({ user: org, filter: "todo", pageSize: 1000 });
    expect(owed.rows.find((r) => r.contractId === contractId && r.month === month)?.state).toBe("returned");
    // A month not submitted cannot be approved or returned.
    expect(await decide(planner, { intent: "approve", month })).toEqual({
      ok: false,
      formErrors: ["signoff:errors.state.returned"],
    });
    expect(await submit(org)).toMatchObject({ ok: true, value: { status: "submitted" } });
  });

  it("approves a resubmitted month, which locks it: activities and expenditures dated in it are refused", async () => {
    expect(await decide(planner, { intent: "approve", month })).toMatchObject({
      ok: true,
      value: { status: "approved" },
    });
    expect(await decide(planner, { intent: "approve", month })).toEqual({
      ok: false,
      formErrors: ["signoff:errors.state.approved"],
    });
    const locked = { key: "activities:errors.monthLocked", values: { month } };
    const logged = await logActivity({
      ...by(org),
      photos: [],
      input: {
        contractId,
        occurredOn: `${month}-20`,
        kind: "group_activity",
        participants: 5,
        personTimes: 5,
        hours: 2,
        summary: "补录活动",
        personId: [],
      },
    });
    expect(logged).toEqual({ ok: false, fieldErrors: { occurredOn: [locked] } });
    const edit = (occurredOn: string) =>
      editActivity({
        ...by(org),
        id: activityId,
        input: {
          occurredOn,
          kind: "group_activity",
          participants: 12,
          personTimes: 24,
          hours: 2,
          summary: "重阳节敬老活动",
        },
      });
    expect(await edit(`${month}-10`)).toEqual({ ok: false, formErrors: [locked] });
    // Moving it out of the locked month is a change to the locked month too.
    expect(await edit(`${otherMonth}-02`)).toEqual({ ok: false, formErrors: [locked] });
    expect(
      await deleteActivity({ user: planner, actor: testActor(planner), id: activityId, reason: "重复登记" }),
    ).toEqual({ ok: false, formErrors: [locked] });
    const moneyLocked = { key: "funding:errors.monthLocked", values: { month } };
    expect(
      await recordExpenditure({
        ...by(org),
        contractId,
        input: { spentOn: `${month}-25`, category: "activities", amount: 10_000, description: "补录发票" },
      }),
    ).toEqual({ ok: false, fieldErrors: { spentOn: [moneyLocked] } });
    expect(
      await reverseExpenditure({
        ...by(org),
        contractId,
        input: { expenditureId, reason: "录错" },
      }),
    ).toEqual({ ok: false, formErrors: [moneyLocked] });
    const [a] = await db.select().from(activities).where(eq(activities.id, activityId));
    expect({ personTimes: a.personTimes, deletedAt: a.deletedAt }).toEqual({
      personTimes: 20,
      deletedAt: null,
    });
    // Another month of the same contract is not locked.
    expect(
      await recordExpenditure({
        ...by(org),
        contractId,
        input: {
          spentOn: `${otherMonth}-05`,
          category: "activities",
          amount: 10_000,
          description: "下月物资",
        },
      }),
    ).toMatchObject({ ok: true });
    const page = await contractMonthsPage({ user: org, contractId, month });
    expect(page?.detail).toMatchObject({ month, state: "approved" });
    // Approved months wait on nobody.
    const owed = await listWaitingMonths({ user: org, filter: "todo", pageSize: 1000 });
    expect(owed.rows.some((r) => r.contractId === contractId && r.month === month)).toBe(false);
  });

  it("reopens an approved month only with a reason, audited; the lock lifts and the organization submits again", async () => {
    expect(await decide(planner, { intent: "reopen", month, comment: "补录一次漏报的活动" })).toMatchObject({
      ok: true,
      value: { status: "reopened" },
    });
    const [entry] = await db
      .select({ action: auditLog.action, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "contract"), eq(auditLog.entityId, String(contractId))))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry).toEqual({ action: "signoff.reopen", reason: "补录一次漏报的活动" });
    const edited = await editActivity({
      ...by(org),
      id: activityId,
      input: {
        occurredOn: `${month}-10`,
        kind: "group_activity",
        participants: 12,
        personTimes: 24,
        hours: 2,
        summary: "重阳节敬老活动",
      },
    });
    expect(edited).toMatchObject({ ok: true, value: { outcome: "applied" } });
    expect(await stateOf()).toBe("reopened");
    const owed = await listWaitingMonths({ user: org, filter: "todo", pageSize: 1000 });
    expect(owed.rows.find((r) => r.contractId === contractId && r.month === month)?.state).toBe("reopened");
    const resubmitted = await submit(org);
    expect(resubmitted).toMatchObject({ ok: true });
    const [row] = await db
      .select({ summary: contractMonths.summary })
      .from(contractMonths)
      .where(and(eq(contractMonths.contractId, contractId), eq(contractMonths.month, month)));
    expect(row.summary.personTimes).toBe(24);
  });

  it("reminds of owed months from the 5th of the next month, and of a returned month at once, to the organization", async () => {
    await submit(org, otherMonth);
    await decide(planner, { intent: "return", month: otherMonth, comment: "支出凭证不全" });
    const { findings } = await signoffFindings({ db, now: new Date(), settings: testReminderSettings() });
    const ours = findings.filter((f) => f.subjectId === contractId);
    expect(ours.map((f) => [f.kind, f.payload.month]).sort()).toEqual([
      ["signoff_due", shiftMonth(current, -3)],
      ["signoff_returned", otherMonth],
    ]);
    const returned = ours.find((f) => f.kind === "signoff_returned")!;
    expect(returned.recipients.every((r) => r.kind !== "user" || r.role === "org_staff")).toBe(true);
    expect(returned.payload.link).toBe(`/contracts/${contractId}/months?month=${otherMonth}`);
  });
});
