// After logging: direct edits inside the 7-day window, edit requests a planner decides after it, soft deletes,
// and the flag conversation — each audited, each limited to the right people.
import { and, desc, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  activityEditRequests,
  activityFlags,
  auditLog,
  contracts,
  notifications,
} from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { by, sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { editableValues, editNeedsApproval } from "./edit-window";
import {
  answerFlag,
  decideEditRequest,
  deleteActivity,
  editActivity,
  flagActivity,
  resolveFlag,
} from "./review.server";
import type { EditActivityInput } from "./schemas";

useTestDatabase({ template: "demo" });

const actor = { actorUserId: null, ip: null, requestId: "test" };
let org: SessionUser;
let otherOrg: SessionUser;
let planner: SessionUser;
let contractId: number;

async function newActivity({ loggedDaysAgo }: { loggedDaysAgo: number }) {
  const today = todayInShanghai();
  const [row] = await db
    .insert(activities)
    .values({
      contractId,
      organizationId: (org.scope as { organizationId: number }).organizationId,
      facilityId: (await db.select().from(contracts).where(eq(contracts.id, contractId)))[0].facilityId,
      occurredOn: addDaysToDate(today, -loggedDaysAgo),
      kind: "group_activity",
      participants: 10,
      personTimes: 12,
      hours: "2.0",
      summary: "原始记录",
      createdBy: org.id,
      createdAt: new Date(Date.now() - loggedDaysAgo * 86400000),
    })
    .returning();
  return row;
}

const edit = (
  a: typeof activities.$inferSelect,
  changes: Partial<EditActivityInput> = {},
): EditActivityInput => ({ ...editableValues(a), ...changes });

/** Whoever submits the activity's edit form (its organization unless said), with these changes. */
const submitEdit = (
  a: typeof activities.$inferSelect,
  changes: Partial<EditActivityInput> = {},
  user = org,
) => editActivity({ ...by(user), id: a.id, input: edit(a, changes) });

/** The planner decides the activity's edit request. */
async function decidePending(
  a: typeof activities.$inferSelect,
  decision: "approved" | "rejected",
  note?: string,
) {
  const [request] = await db
    .select()
    .from(activityEditRequests)
    .where(eq(activityEditRequests.activityId, a.id));
  return decideEditRequest({ user: planner, actor, activityId: a.id, requestId: request.id, decision, note });
}

beforeAll(async () => {
  org = await sessionUserFor("org.gar@demo.local");
  otherOrg = await sessionUserFor("org.purang-shenshan@demo.local");
  planner = await sessionUserFor("planner.ngari@demo.local");
  [{ id: contractId }] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(like(contracts.code, "ALI-%-SW-03"), eq(contracts.status, "active")));
});

describe("the edit window", () => {
  it("lets an activity be changed directly for 7 Shanghai calendar days after logging", () => {
    const logged = new Date("2026-03-01T15:30:00Z"); // 23:30 on 1 March in Shanghai
    expect(editNeedsApproval(logged, new Date("2026-03-08T15:59:00Z"))).toBe(false); // 23:59 on 8 March
    expect(editNeedsApproval(logged, new Date("2026-03-08T16:00:00Z"))).toBe(true); // 00:00 on 9 March
  });
});

describe("editing an activity", () => {
  it("applies a change at once inside the window and audits what changed", async () => {
    const a = await newActivity({ loggedDaysAgo: 2 });
    const outcome = await submitEdit(a, { personTimes: 15, summary: "补充说明" });
    expect(outcome).toMatchObject({ ok: true, value: { outcome: "applied" } });
    const [after] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(after).toMatchObject({ personTimes: 15, summary: "补充说明" });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(a.id)))
      .orderBy(desc(auditLog.id));
    expect(entry.action).toBe("activity.edit");
    expect(entry.changes).toEqual({
      personTimes: { from: 12, to: 15 },
      summary: { from: "原始记录", to: "补充说明" },
    });
  });

  it("turns a later change into a request that needs a reason and changes nothing until a planner approves it", async () => {
    const a = await newActivity({ loggedDaysAgo: 20 });
    expect(await submitEdit(a, { participants: 11 })).toEqual({
      ok: false,
      fieldErrors: { reason: ["activities:errors.reasonRequired"] },
    });
    const outcome = await submitEdit(a, { participants: 11, personTimes: 14, reason: "漏记 1 人" });
    expect(outcome).toMatchObject({ ok: true, value: { outcome: "requested" } });
    const [unchanged] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(unchanged.participants).toBe(10);
    // A second request waits for the first.
    expect(await submitEdit(a, { hours: 3, reason: "再改" })).toMatchObject({
      ok: false,
      formErrors: ["activities:errors.editPending"],
    });
    await decidePending(a, "approved");
    const [approved] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(approved).toMatchObject({ participants: 11, personTimes: 14 });
    expect(await decidePending(a, "rejected")).toMatchObject({
      ok: false,
      formErrors: ["activities:errors.requestAlreadyDecided"],
    });
    const [note] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, org.id))
      .orderBy(desc(notifications.id));
    expect(note.link).toBe(`/activities/${a.id}`);
  });

  it("leaves the activity as it was when a planner rejects the request", async () => {
    const a = await newActivity({ loggedDaysAgo: 30 });
    await submitEdit(a, { kind: "training", reason: "类型选错" });
    await decidePending(a, "rejected", "照片显示为集体活动");
    const [after] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(after.kind).toBe("group_activity");
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(a.id)))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ action: "activity.edit_rejected", reason: "照片显示为集体活动" });
  });

  it("refuses another organization's activity as if it did not exist", async () => {
    const a = await newActivity({ loggedDaysAgo: 1 });
    expect(await submitEdit(a, {}, otherOrg)).toBeNull();
  });
});

describe("deleting an activity", () => {
  it("is soft, audited with the reason, and hides the activity from its organization", async () => {
    const a = await newActivity({ loggedDaysAgo: 1 });
    await deleteActivity({ user: org, actor, id: a.id, reason: "重复登记" });
    const [after] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(after.deletedAt).not.toBeNull();
    expect(after.deletedBy).toBe(org.id);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(a.id)))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ action: "activity.delete", reason: "重复登记" });
    expect(await submitEdit(a)).toBeNull();
  });

  it("is left to planners once the edit window has passed", async () => {
    const a = await newActivity({ loggedDaysAgo: 15 });
    expect(await deleteActivity({ user: org, actor, id: a.id, reason: "x" })).toMatchObject({
      ok: false,
      formErrors: ["activities:errors.deleteWindowPassed"],
    });
    await deleteActivity({ user: planner, actor, id: a.id, reason: "组织申请删除" });
    const [after] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(after.deletedBy).toBe(planner.id);
  });
});

describe("flags", () => {
  it("carries a planner's question to the organization and its answer back, until the planner closes it", async () => {
    const a = await newActivity({ loggedDaysAgo: 3 });
    const flagged = await flagActivity({ user: planner, actor, id: a.id, comment: "请补充签到表" });
    if (!flagged?.ok) throw new Error(JSON.stringify(flagged));
    const { flagId } = flagged.value;
    const orgNotes = await db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/activities/${a.id}`));
    expect(orgNotes.map((n) => n.userId)).toContain(org.id);
    expect(await answerFlag({ user: otherOrg, actor, activityId: a.id, flagId, response: "x" })).toBeNull();
    await answerFlag({ user: org, actor, activityId: a.id, flagId, response: "签到表已上传" });
    const [answered] = await db.select().from(activityFlags).where(eq(activityFlags.id, flagId));
    expect(answered).toMatchObject({ status: "answered", response: "签到表已上传", respondedBy: org.id });
    await resolveFlag({ user: planner, actor, activityId: a.id, flagId });
    const [resolved] = await db.select().from(activityFlags).where(eq(activityFlags.id, flagId));
    expect(resolved.status).toBe("resolved");
    expect(
      await answerFlag({ user: org, actor, activityId: a.id, flagId, response: "再补充" }),
    ).toMatchObject({
      ok: false,
      formErrors: ["activities:errors.flagClosed"],
    });
  });
});
