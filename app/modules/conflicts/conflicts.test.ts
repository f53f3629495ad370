// ADR 014 through the real writes on a database cloned from the demo: a write based on an older version is kept as a
// conflict (once per form key), nothing is applied, the right people see it, and each way of settling it works.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, auditLog, conflicts, people, visits } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { editableValues } from "~/modules/activities/edit-window";
import { editActivity } from "~/modules/activities/review.server";
import { cookieFor, postForm } from "~/modules/activities/testing.server";
import { type Conflicted, isConflicted } from "~/modules/kernel/conflicts";
import { newFormKey } from "~/modules/kernel/form-key";
import type { WriteResult } from "~/modules/kernel/write-result";
import { editPerson } from "~/modules/people/mutations.server";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { rescheduleVisit } from "~/modules/visits/mutations.server";
import { recordVisitOutcome } from "~/modules/visits/outcome.server";
import { action as editActivityAction } from "~/routes/activities.$id_.edit";
import { action as editPersonAction } from "~/routes/people_.$id.edit";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { personInputOf } from "../../../test/factories/people";
import { useTestDatabase } from "../../../test/setup/database";
import { getConflict, listConflicts } from "./queries.server";
import { resolveConflict } from "./resolve.server";

useTestDatabase({ template: "demo" });

function value<T extends object>(result: WriteResult<T> | null): T {
  if (!result?.ok) throw new Error(`not stored: ${JSON.stringify(result)}`);
  return result.value;
}

function conflictOf(result: WriteResult<object> | null): Conflicted["conflict"] {
  const v = value(result);
  if (!isConflicted(v)) throw new Error(`no conflict: ${JSON.stringify(v)}`);
  return v.conflict;
}

async function openBaibaVisit() {
  const [row] = await queryRows<{ id: number; version: number; person_id: number }>(
    db,
    sql`select v.id, v.version, v.person_id from visits v join facilities f on f.id = v.station_id
         join people p on p.id = v.person_id
        where f.code = '540402101000-SW01' and v.status = 'scheduled' and v.kind = 'routine' and p.status = 'active'
          and p.birth_date < current_date - interval '18 years'
        order by v.id limit 1`,
  );
  return row;
}

const today = todayInShanghai();

/** The organization's most recently logged activity. */
async function latestActivityOf(org: SessionUser) {
  const [a] = await db
    .select()
    .from(activities)
    .where(eq(activities.organizationId, (org.scope as { organizationId: number }).organizationId))
    .orderBy(sql`${activities.createdAt} desc`, activities.id)
    .limit(1);
  return a;
}

/** Who writes, and a fresh form key: what every write below is sent with. */
const by = (user: SessionUser) => ({ user, actor: actorOf(user), key: newFormKey() });

describe("a visit outcome based on an old version", () => {
  it("is kept as a conflict once per form key, and the visit keeps the colleague's change", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const visit = await openBaibaVisit();
    value(
      await rescheduleVisit({
        ...by(staff),
        visitId: visit.id,
        input: { dueOn: addDaysToDate(today, 5), reason: "对象外出" },
      }),
    );
    const key = newFormKey();
    const send = () =>
      recordVisitOutcome({
        user: staff,
        actor: actorOf(staff),
        key,
        visitId: visit.id,
        input: { outcome: "visited", visitedOn: today, notes: "离线记录", baseVersion: visit.version },
      });
    const first = await send();
    const conflict = conflictOf(first);
    expect(conflict).toMatchObject({ kind: "visit", entityId: visit.id });
    const again = await send();
    expect(again).toMatchObject({ ok: true, replayed: true, value: { conflict } });
    const stored = await db.select().from(conflicts).where(eq(conflicts.entityId, visit.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: "open",
      baseVersion: visit.version,
      theirVersion: visit.version + 1,
    });
    expect(stored[0].yours).toMatchObject({ outcome: "visited", notes: "离线记录" });
    expect(stored[0].theirs).toMatchObject({ status: "scheduled", dueOn: addDaysToDate(today, 5) });
    const [row] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(row).toMatchObject({ status: "scheduled", outcome: null, dueOn: addDaysToDate(today, 5) });
  });

  it("is applied when the version is current, and old clients without a version are not checked", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const visit = await openBaibaVisit();
    const recorded = value(
      await recordVisitOutcome({
        ...by(staff),
        visitId: visit.id,
        input: { outcome: "visited", visitedOn: today, baseVersion: visit.version },
      }),
    );
    expect(isConflicted(recorded)).toBe(false);
    const [row] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(row.version).toBe(visit.version + 1);
    const next = await openBaibaVisit();
    expect(
      value(
        await recordVisitOutcome({
          ...by(staff),
          visitId: next.id,
          input: { outcome: "visited", visitedOn: today },
        }),
      ),
    ).toMatchObject({ id: next.id });
  });

  it("recorded meanwhile by a colleague: keeping mine replaces the outcome, merging keeps both notes", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const head = await sessionUserFor("station.baiba.head@demo.local");
    const visit = await openBaibaVisit();
    value(
      await recordVisitOutcome({
        ...by(head),
        visitId: visit.id,
        input: { outcome: "visited", visitedOn: today, notes: "站长记录" },
      }),
    );
    const conflict = conflictOf(
      await recordVisitOutcome({
        ...by(staff),
        visitId: visit.id,
        input: { outcome: "not_home", visitedOn: today, notes: "社工记录", baseVersion: visit.version },
      }),
    );
    value(
      await resolveConflict({
        ...by(staff),
        conflictId: conflict.id,
        resolution: "merge_notes",
      }),
    );
    const [merged] = await db.select().from(visits).where(eq(visits.id, visit.id));
    expect(merged).toMatchObject({ outcome: "visited", notes: "站长记录\n社工记录" });
    const [settled] = await db.select().from(conflicts).where(eq(conflicts.id, conflict.id));
    expect(settled).toMatchObject({ status: "resolved", resolution: "merged", resolvedBy: staff.id });
    expect(
      await resolveConflict({
        ...by(staff),
        conflictId: conflict.id,
        resolution: "keep_mine",
      }),
    ).toMatchObject({ ok: false, formErrors: ["conflicts:errors.resolved"] });
  });
});

describe("two people editing one person's file", () => {
  it("the second save becomes a conflict, the first stays, and keeping mine applies it with an audit entry", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const head = await sessionUserFor("station.baiba.head@demo.local");
    const visit = await openBaibaVisit();
    const [before] = await db.select().from(people).where(eq(people.id, visit.person_id));
    value(
      await editPerson({
        ...by(head),
        personId: before.id,
        input: { ...personInputOf(before), notes: "站长：独居，腿脚不便", baseVersion: before.version },
      }),
    );
    const conflict = conflictOf(
      await editPerson({
        ...by(staff),
        personId: before.id,
        input: {
          ...personInputOf(before),
          phone: "13900000001",
          idNumber: "540402194001010011",
          baseVersion: before.version,
        },
      }),
    );
    const [kept] = await db.select().from(people).where(eq(people.id, before.id));
    expect(kept.notes).toBe("站长：独居，腿脚不便");
    expect(kept.phone).toBe(before.phone);
    const [row] = await db.select().from(conflicts).where(eq(conflicts.id, conflict.id));
    expect(row.yours).not.toHaveProperty("idNumber");
    // The worker who sent it and the station head see it; another station's staff do not.
    expect((await listConflicts({ user: staff, status: "open" })).map((c) => c.id)).toContain(conflict.id);
    expect((await listConflicts({ user: head, status: "open" })).map((c) => c.id)).toContain(conflict.id);
    const gar = await sessionUserFor("staff.542523100000-sw01@demo.local");
    expect(await getConflict({ user: gar, id: conflict.id })).toBeNull();
    expect(await getConflict({ user: staff, id: conflict.id })).toMatchObject({
      kind: "person",
      mayResolve: true,
    });
    expect(
      await resolveConflict({
        ...by(staff),
        conflictId: conflict.id,
        resolution: "merge_notes",
      }),
    ).toMatchObject({ ok: false, formErrors: ["conflicts:errors.noMerge"] });
    value(
      await resolveConflict({
        ...by(staff),
        conflictId: conflict.id,
        resolution: "keep_mine",
      }),
    );
    const [after] = await db.select().from(people).where(eq(people.id, before.id));
    expect(after.phone).toBe("13900000001");
    const audit = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "person"), eq(auditLog.entityId, String(before.id))));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["conflict.create", "conflict.keep_mine"]),
    );
  });
});

describe("two people editing one activity", () => {
  it("the second save becomes a conflict; keeping theirs drops it, merging appends the summary", async () => {
    const org = await sessionUserFor("org.bayi-qihang@demo.local");
    const a = await latestActivityOf(org);
    const form = editableValues(a);
    value(
      await editActivity({
        ...by(org),
        id: a.id,
        input: { ...form, summary: "第一位：补充了签到表", baseVersion: a.version },
      }),
    );
    const first = conflictOf(
      await editActivity({
        ...by(org),
        id: a.id,
        input: {
          ...form,
          participants: a.participants + 1,
          summary: "第二位：人数更正",
          baseVersion: a.version,
        },
      }),
    );
    value(
      await resolveConflict({
        ...by(org),
        conflictId: first.id,
        resolution: "merge_notes",
      }),
    );
    const [merged] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(merged.summary).toBe("第一位：补充了签到表\n第二位：人数更正");
    expect(merged.participants).toBe(a.participants);
    const second = conflictOf(
      await editActivity({
        ...by(org),
        id: a.id,
        input: { ...form, summary: "过时的修改", baseVersion: a.version },
      }),
    );
    value(
      await resolveConflict({
        ...by(org),
        conflictId: second.id,
        resolution: "keep_theirs",
      }),
    );
    const [kept] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(kept.summary).toBe(merged.summary);
  });
});

/** What a route's `data(…, { status })` answers when its action is called directly. */
type Answered = {
  data: { conflict?: unknown; error?: Record<string, unknown> };
  init: { status: number } | null;
};

describe("through the real edit actions", () => {
  const context = { requestId: "test", cspNonce: "" };

  it("the second save of one activity answers 409 with the conflict and the form's message", async () => {
    const cookie = await cookieFor("org.bayi-qihang@demo.local");
    const org = await sessionUserFor("org.bayi-qihang@demo.local");
    const a = await latestActivityOf(org);
    const fields = (summary: string) => ({
      occurredOn: a.occurredOn,
      kind: a.kind,
      participants: String(a.participants),
      personTimes: String(a.personTimes),
      hours: String(Number(a.hours)),
      summary,
      baseVersion: String(a.version),
      _key: newFormKey(),
    });
    const post = (summary: string) =>
      editActivityAction({
        request: postForm(`/activities/${a.id}/edit`, cookie, fields(summary), [], { multipart: false }),
        params: { id: String(a.id) },
        context,
      });
    const first = await post("第一位社工的修改");
    expect(first).toBeInstanceOf(Response);
    const second = (await post("第二位社工的修改")) as unknown as Answered;
    expect(second.init?.status).toBe(409);
    expect(second.data.conflict).toMatchObject({ kind: "activity", entityId: a.id });
    expect(second.data.error?.[""]).toEqual(["common:conflict.stored"]);
    const [kept] = await db.select().from(activities).where(eq(activities.id, a.id));
    expect(kept.summary).toBe("第一位社工的修改");
  });

  it("the second save of one person's file answers 409, and the first stays", async () => {
    const cookie = await cookieFor("station.baiba@demo.local");
    const visit = await openBaibaVisit();
    const [p] = await db.select().from(people).where(eq(people.id, visit.person_id));
    const fields = (notes: string) => ({
      fullName: p.fullName,
      sex: p.sex,
      birthDate: p.birthDate,
      villageId: String(p.villageId),
      address: p.address ?? "",
      phone: p.phone ?? "",
      guardianName: p.guardianName ?? "",
      guardianPhone: p.guardianPhone ?? "",
      categories: p.categories,
      notes,
      baseVersion: String(p.version),
      _key: newFormKey(),
    });
    const post = (notes: string) =>
      editPersonAction({
        request: postForm(`/people/${p.id}/edit`, cookie, fields(notes), [], { multipart: false }),
        params: { id: String(p.id) },
        context,
      });
    expect(await post("第一次保存")).toBeInstanceOf(Response);
    const second = (await post("第二次保存")) as unknown as Answered;
    expect(second.init?.status).toBe(409);
    expect(second.data.conflict).toMatchObject({ kind: "person", entityId: p.id });
    const [kept] = await db.select().from(people).where(eq(people.id, p.id));
    expect(kept.notes).toBe("第一次保存");
  });
});
