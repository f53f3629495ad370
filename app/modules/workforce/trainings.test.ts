// A training edited and deleted through the real page action on a database cloned from the demo: the list and the
// year in review follow, a save from an older version is kept as a conflict (ADR 014), bad input changes nothing,
// deletion needs its confirmation, and a planner of another county reaches nothing.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, conflicts, regions, trainings } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { cookieFor, postForm } from "~/modules/activities/testing.server";
import { getConflict } from "~/modules/conflicts/queries.server";
import { resolveConflict } from "~/modules/conflicts/resolve.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { loader as reviewLoader } from "~/routes/reports.year-in-review";
import { loader as listLoader } from "~/routes/workforce.trainings._index";
import { action, loader } from "~/routes/workforce.trainings.$id_.edit";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { sessionUserFor } from "../../../test/factories/contract-users";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { participantChoices } from "./queries.server";
import { recordTraining } from "./trainings.server";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();
const year = today.slice(0, 4);
const context = { requestId: "test", cspNonce: "" };
const PLANNER = "planner.bayi@demo.local";

/** What a route's `data(…, { status })` answers when its action is called directly. */
type Answered = {
  data: { conflict?: { id: number }; error?: Record<string, unknown> };
  init: { status: number };
};

let planner: SessionUser;
let cookie: string;
let region: number;
let bayiWorkers: number[];

beforeAll(async () => {
  planner = await sessionUserFor(PLANNER);
  cookie = await cookieFor(PLANNER);
  [{ id: region }] = await db
    .select({ id: regions.id })
    .from(regions)
    .where(eq(regions.code, "540402000000"));
  // Workers the planner may name: those the training form offers.
  const choices = (await participantChoices(planner)).slice(0, 3);
  bayiWorkers = choices.map((c) => c.id);
});

async function newTraining(topic: string, workerIds: number[] = []) {
  const outcome = await recordTraining({
    ...by(planner),
    input: {
      regionId: region,
      heldOn: today,
      organizer: "巴宜区民政局",
      topic,
      hours: 4,
      outsideParticipants: 10,
      workerIds,
      notes: undefined,
    },
  });
  if (!outcome?.ok) throw new Error(JSON.stringify(outcome));
  return outcome.value.id;
}

const loaderFor = (id: number, who = cookie) =>
  loader({
    request: new Request(`http://test.local/workforce/trainings/${id}/edit`, { headers: { Cookie: who } }),
    params: { id: String(id) },
    context,
  });

const post = (id: number, fields: Record<string, string | string[]>, who = cookie) =>
  action({
    request: postForm(`/workforce/trainings/${id}/edit`, who, { _key: newFormKey(), ...fields }, [], {
      multipart: false,
    }),
    params: { id: String(id) },
    context,
  });

const list = async () =>
  (
    await listLoader({
      request: new Request(`http://test.local/workforce/trainings?year=${year}`, {
        headers: { Cookie: cookie },
      }),
      params: {},
      context,
    })
  ).rows;

const review = () =>
  reviewLoader({
    request: new Request(`http://test.local/reports/year-in-review?year=${year}&region=540402`, {
      headers: { Cookie: cookie },
    }),
    params: {},
    context,
  });

function edit(version: number, fields: Record<string, string | string[]> = {}) {
  return {
    intent: "update",
    baseVersion: String(version),
    regionId: String(region),
    heldOn: today,
    organizer: "巴宜区民政局",
    topic: "修改后的培训",
    hours: "6.5",
    outsideParticipants: "12",
    workerIds: bayiWorkers.slice(0, 2).map(String),
    notes: "",
    ...fields,
  };
}

describe("editing a training", () => {
  it("saves the prefilled form; the list and the year in review show the change", async () => {
    const id = await newTraining("待修改的培训", bayiWorkers.slice(0, 1));
    const page = await loaderFor(id);
    expect(page.training).toMatchObject({ topic: "待修改的培训", hours: 4, version: 1 });
    expect(page.training.workerIds).toEqual(bayiWorkers.slice(0, 1));
    const before = (await review()).trainings;

    const answer = await post(id, edit(page.training.version));
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).headers.get("Location")).toBe(`/workforce/trainings?year=${year}&edited=1`);

    const row = (await list()).find((r) => r.id === id);
    expect(row).toMatchObject({ topic: "修改后的培训", hours: 6.5, workers: 2, outsideParticipants: 12 });
    const after = (await review()).trainings;
    expect(after.trainings).toBe(before.trainings);
    expect(after.list.find((t) => t.id === id)).toMatchObject({ hours: 6.5, participants: 14 });
    expect(after.participants).toBe(before.participants + 3);
    const [stored] = await db.select().from(trainings).where(eq(trainings.id, id));
    expect(stored.version).toBe(2);
    const [audit] = await db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.action, "training.update"), eq(auditLog.entityId, String(id))));
    expect(audit.changes).toMatchObject({
      topic: { from: "待修改的培训", to: "修改后的培训" },
      workers: { from: 1, to: 2 },
    });
  });

  it("raises the version when only the participants change", async () => {
    const id = await newTraining("只改参训人员", bayiWorkers.slice(0, 1));
    const answer = await post(
      id,
      edit(1, {
        topic: "只改参训人员",
        hours: "4",
        outsideParticipants: "10",
        workerIds: bayiWorkers.map(String),
      }),
    );
    expect(answer).toBeInstanceOf(Response);
    const [stored] = await db.select().from(trainings).where(eq(trainings.id, id));
    expect(stored.version).toBe(2);
  });

  it("keeps a save from an older version as a conflict with both versions, and applies it when kept", async () => {
    const id = await newTraining("两人同时修改");
    expect(await post(id, edit(1, { topic: "第一位的修改" }))).toBeInstanceOf(Response);
    const second = (await post(id, edit(1, { topic: "第二位的修改", hours: "8" }))) as unknown as Answered;
    expect(second.init.status).toBe(409);
    expect(second.data.error?.[""]).toEqual(["common:conflict.stored"]);
    const conflictId = second.data.conflict!.id;
    const [kept] = await db.select().from(trainings).where(eq(trainings.id, id));
    expect(kept).toMatchObject({ topic: "第一位的修改", version: 2 });
    const [stored] = await db.select().from(conflicts).where(eq(conflicts.id, conflictId));
    expect(stored).toMatchObject({
      kind: "training",
      entityId: id,
      trainingId: id,
      baseVersion: 1,
      theirVersion: 2,
    });
    expect(stored.theirs).toMatchObject({ topic: "第一位的修改", regionName: expect.any(String) });
    expect(stored.yours).toMatchObject({ topic: "第二位的修改", hours: 8 });
    // The planner sees it in review, and keeping theirs' save applies it through the same step.
    const shown = await getConflict({ user: planner, id: conflictId });
    expect(shown).toMatchObject({ kind: "training", trainingTopic: "第一位的修改", mayResolve: true });
    const resolved = await resolveConflict({
      ...by(planner),
      conflictId,
      resolution: "keep_mine",
    });
    expect(resolved).toMatchObject({ ok: true });
    const [applied] = await db.select().from(trainings).where(eq(trainings.id, id));
    expect(applied).toMatchObject({ topic: "第二位的修改", hours: 8, version: 3 });
  });

  it("shows bad input beside its field and changes nothing", async () => {
    const id = await newTraining("错误输入");
    const refused = (await post(id, edit(1, { hours: "0", topic: "" }))) as unknown as {
      error?: Record<string, unknown>;
    };
    expect(refused.error).toMatchObject({
      hours: [{ key: "validation.min", values: { min: 0.5 } }],
      topic: ["validation.required"],
    });
    const [row] = await db.select().from(trainings).where(eq(trainings.id, id));
    expect(row).toMatchObject({ topic: "错误输入", hours: 4, version: 1 });
  });
});

describe("deleting a training", () => {
  it("needs the confirmation, then removes it from the list and the year in review, audited", async () => {
    const id = await newTraining("待删除的培训", bayiWorkers.slice(0, 2));
    const before = (await review()).trainings;
    const unconfirmed = (await post(id, { intent: "delete" })) as unknown as {
      error?: Record<string, unknown>;
    };
    expect(unconfirmed.error).toMatchObject({ confirm: ["workforce:trainings.deleteConfirmRequired"] });
    expect((await list()).some((r) => r.id === id)).toBe(true);

    const answer = await post(id, { intent: "delete", confirm: "1" });
    expect((answer as Response).headers.get("Location")).toBe(`/workforce/trainings?year=${year}&deleted=1`);
    expect((await list()).some((r) => r.id === id)).toBe(false);
    const after = (await review()).trainings;
    expect(after.trainings).toBe(before.trainings - 1);
    expect(after.participants).toBe(before.participants - 12);
    const [audit] = await db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(eq(auditLog.action, "training.delete"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit.changes).toMatchObject({ topic: "待删除的培训", workers: 2, outsideParticipants: 10 });
  });

  it("is out of reach of a planner of another county: the page and both intents answer 404", async () => {
    const id = await newTraining("巴宜区的培训");
    const ngari = await cookieFor("planner.ngari@demo.local");
    const status = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return 200;
      } catch (thrown) {
        return (thrown as Response).status;
      }
    };
    expect(await status(() => loaderFor(id, ngari))).toBe(404);
    expect(await status(() => post(id, edit(1), ngari))).toBe(404);
    expect(await status(() => post(id, { intent: "delete", confirm: "1" }, ngari))).toBe(404);
    expect((await list()).some((r) => r.id === id && r.canEdit)).toBe(true);
  });
});
