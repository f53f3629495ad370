// Logging an activity through the real route action: every field is checked server-side with a clear message,
// and a rejected submission stores nothing — no row, no photo file, no used form key.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, count, eq, like } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  activityPeople,
  activityPhotos,
  auditLog,
  contracts,
  formSubmissions,
  people,
  regions,
  visits,
} from "#db/schema";
import { type Message, messageKey } from "~/modules/kernel/messages";
import { action } from "~/routes/activities.new";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { useTestDatabase } from "../../../test/setup/database";
import { cookieFor, postForm, sampleJpeg, type UploadFile } from "./testing.server";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();
let cookie: string;
let garStation: { id: number; startsOn: string };
let purangStation: { id: number };
let jpeg: Uint8Array;

beforeAll(async () => {
  cookie = await cookieFor("org.gar@demo.local");
  [garStation] = await db
    .select({ id: contracts.id, startsOn: contracts.startsOn })
    .from(contracts)
    .where(and(like(contracts.code, "ALI-%-SW-03"), eq(contracts.status, "active")));
  [purangStation] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(like(contracts.code, "ALI-%-SW-01"), eq(contracts.status, "active")));
  jpeg = await sampleJpeg();
});

function valid(overrides: Record<string, string | string[]> = {}) {
  return {
    _key: randomUUID(),
    contractId: String(garStation.id),
    occurredOn: today,
    kind: "group_activity",
    participants: "12",
    personTimes: "20",
    hours: "2.5",
    summary: "狮泉河镇社区老人健康讲座",
    ...overrides,
  };
}

type Result = {
  result: { status?: string; error?: Record<string, Message[] | null> };
  photoErrors: Message[];
};

async function submit(fields: Record<string, string | string[]>, files: UploadFile[] = []) {
  const response = await action({
    request: postForm("/activities/new", cookie, fields, files),
    params: {},
    context: { requestId: "test", cspNonce: "" },
  });
  return response as Response | Result;
}

function photoFiles(): string[] {
  const root = path.join(env().dataDir, "photos");
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

async function snapshot() {
  const [[a], [p], [l], [f]] = await Promise.all([
    db.select({ n: count() }).from(activities),
    db.select({ n: count() }).from(activityPhotos),
    db.select({ n: count() }).from(activityPeople),
    db.select({ n: count() }).from(formSubmissions),
  ]);
  return { activities: a.n, photos: p.n, links: l.n, keys: f.n, files: photoFiles().length };
}

async function expectRejected(
  fields: Record<string, string | string[]>,
  files: UploadFile[],
  where: string,
  message: string,
) {
  const before = await snapshot();
  const submitted = await submit(fields, files);
  expect(submitted).not.toBeInstanceOf(Response);
  // A refused photo comes back as `data(…, { status })`: the form's errors with a 4xx status.
  const wrapped = submitted as unknown as { type?: string; data?: Result; init?: { status?: number } };
  const outcome = wrapped.type === "DataWithResponseInit" ? (wrapped.data as Result) : (submitted as Result);
  if (where === "photo") expect(wrapped.init?.status).toBe(message.endsWith("tooLarge") ? 413 : 422);
  const { result, photoErrors } = outcome;
  const messages = where === "photo" ? photoErrors : (result.error?.[where] ?? []);
  expect(messages.map(messageKey).join(" ")).toContain(message);
  expect(await snapshot()).toEqual(before);
}

describe("logging an activity", () => {
  it("stores the activity with its photo, re-encoded without metadata, a thumbnail and an audit entry", async () => {
    const fields = valid();
    const outcome = await submit(fields, [{ data: jpeg, name: "讲座.jpg", type: "image/jpeg" }]);
    expect(outcome).toBeInstanceOf(Response);
    const location = (outcome as Response).headers.get("Location")!;
    const id = Number(/\/activities\/(\d+)/.exec(location)![1]);
    const [row] = await db.select().from(activities).where(eq(activities.id, id));
    expect(row).toMatchObject({ contractId: garStation.id, participants: 12, personTimes: 20, hours: "2.5" });
    expect(row.idempotencyKey).toBe(fields._key);
    const [photo] = await db.select().from(activityPhotos).where(eq(activityPhotos.activityId, id));
    expect(photo.mimeType).toBe("image/jpeg");
    const stored = fs.readFileSync(path.join(env().dataDir, photo.path));
    const thumb = fs.readFileSync(path.join(env().dataDir, photo.thumbPath));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect((await sharp(thumb).metadata()).format).toBe("jpeg");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "activity"), eq(auditLog.entityId, String(id))));
    expect(audit.action).toBe("activity.log");
  });

  it("refuses a date in the future", async () => {
    const tomorrow = new Date(Date.parse(`${today}T12:00:00+08:00`) + 86400000).toISOString().slice(0, 10);
    await expectRejected(valid({ occurredOn: tomorrow }), [], "occurredOn", "validation.futureDate");
  });

  it("refuses a date outside the contract period", async () => {
    const before = `${Number(garStation.startsOn.slice(0, 4)) - 1}-12-20`;
    await expectRejected(
      valid({ occurredOn: before }),
      [],
      "occurredOn",
      "activities:errors.outsideContract",
    );
  });

  it("refuses negative counts and hours", async () => {
    await expectRejected(valid({ participants: "-3" }), [], "participants", "validation.min");
    await expectRejected(valid({ hours: "-1" }), [], "hours", "validation.min");
  });

  it("refuses fewer person-times than participants", async () => {
    await expectRejected(
      valid({ participants: "30", personTimes: "10" }),
      [],
      "personTimes",
      "activities:errors.personTimesBelowParticipants",
    );
  });

  it("refuses a missing summary and an unknown kind", async () => {
    await expectRejected(valid({ summary: "   " }), [], "summary", "validation.required");
    await expectRejected(valid({ kind: "party" }), [], "kind", "validation.choice");
  });

  it("refuses a missing contract", async () => {
    const { contractId: _contract, ...rest } = valid();
    await expectRejected(rest, [], "contractId", "activities:errors.contractRequired");
  });

  it("refuses hours with two decimals", async () => {
    await expectRejected(valid({ hours: "1.25" }), [], "hours", "activities:errors.hoursOneDecimal");
  });

  it("refuses a latitude, longitude or accuracy out of range with a message naming it", async () => {
    const point = { lat: "32.5", lng: "80.1", gpsAccuracy: "20" };
    await expectRejected(valid({ ...point, lat: "91" }), [], "lat", "activities:errors.gpsLat");
    await expectRejected(valid({ ...point, lng: "200" }), [], "lng", "activities:errors.gpsLng");
    await expectRejected(
      valid({ ...point, gpsAccuracy: "-5" }),
      [],
      "gpsAccuracy",
      "activities:errors.gpsAccuracy",
    );
    await expectRejected(valid({ ...point, lat: "north" }), [], "lat", "activities:errors.gpsLat");
  });

  it("refuses a latitude without a longitude", async () => {
    await expectRejected(valid({ lat: "32.5" }), [], "lat", "activities:errors.gpsIncomplete");
  });

  it("refuses a contract of another organization", async () => {
    await expectRejected(
      valid({ contractId: String(purangStation.id) }),
      [],
      "contractId",
      "activities:errors.contractNotYours",
    );
  });

  it("refuses a file that claims to be a JPEG but is not, and stores neither it nor the activity", async () => {
    const fake = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    await expectRejected(
      valid(),
      [{ data: fake, name: "photo.jpg", type: "image/jpeg" }],
      "photo",
      "common:photoErrors.notImage",
    );
  });

  it("refuses an oversized photo while reading it, with the rest of the form intact", async () => {
    const big = new Uint8Array(9 * 1024 * 1024);
    big.set(jpeg.slice(0, 64));
    await expectRejected(
      valid(),
      [{ data: big, name: "big.jpg", type: "image/jpeg" }],
      "photo",
      "common:photoErrors.tooLarge",
    );
  });

  it("refuses a person in care outside the contract's area", async () => {
    // Someone in Purang county, far from Gar's Shiquanhe station.
    const [outsider] = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(regions, eq(regions.id, people.villageId))
      .where(like(regions.code, "542521%"))
      .limit(1);
    await expectRejected(
      valid({ personId: [String(outsider.id)] }),
      [],
      "personId",
      "activities:errors.personOutsideArea",
    );
  });

  it("links people in the contract's area", async () => {
    const [local] = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(regions, eq(regions.id, people.villageId))
      .where(and(like(regions.code, "542523100%"), eq(people.status, "active")))
      .limit(1);
    const outcome = (await submit(
      valid({ kind: "home_visit", participants: "1", personTimes: "1", personId: [String(local.id)] }),
    )) as Response;
    const id = Number(/\/activities\/(\d+)/.exec(outcome.headers.get("Location")!)![1]);
    const links = await db.select().from(activityPeople).where(eq(activityPeople.activityId, id));
    expect(links.map((l) => l.personId)).toEqual([local.id]);
  });

  it("counts a linked home visit toward the person's visits: the open visit is completed and the next one scheduled", async () => {
    const [person] = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(regions, eq(regions.id, people.villageId))
      .innerJoin(
        visits,
        and(eq(visits.personId, people.id), eq(visits.status, "scheduled"), eq(visits.kind, "routine")),
      )
      .where(and(like(regions.code, "542523100%"), eq(people.status, "active")))
      .limit(1);
    // The person's open routine visit is due today, so the activity fulfils it.
    await db
      .update(visits)
      .set({ dueOn: today })
      .where(and(eq(visits.personId, person.id), eq(visits.status, "scheduled"), eq(visits.kind, "routine")));
    const outcome = (await submit(
      valid({
        kind: "home_visit",
        participants: "1",
        personTimes: "1",
        personId: [String(person.id)],
        summary: "入户探访并核实近况",
      }),
    )) as Response;
    const activityId = Number(/\/activities\/(\d+)/.exec(outcome.headers.get("Location")!)![1]);
    const theirs = await db.select().from(visits).where(eq(visits.personId, person.id));
    const completed = theirs.filter((v) => v.status === "completed" && v.dueOn === today);
    expect(completed).toHaveLength(1);
    expect(completed[0].notes ?? "").toContain(String(activityId));
    const open = theirs.filter((v) => v.status === "scheduled" && v.kind === "routine");
    expect(open).toHaveLength(1);
    expect(open[0].dueOn > today).toBe(true);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "activity"), eq(auditLog.entityId, String(activityId))));
    expect((entry.changes as { visitsCompleted: number[] }).visitsCompleted).toEqual([completed[0].id]);
  });

  it("stores one activity when the same form is submitted twice at once", async () => {
    const fields = valid({ summary: "双击提交测试" });
    const before = await snapshot();
    const [first, second] = await Promise.all([submit(fields), submit(fields)]);
    const third = await submit(fields);
    const ids = [first, second, third].map((r) => (r as Response).headers.get("Location"));
    expect(new Set(ids).size).toBe(1);
    const after = await snapshot();
    expect(after.activities).toBe(before.activities + 1);
    const rows = await db.select().from(activities).where(eq(activities.summary, "双击提交测试"));
    expect(rows).toHaveLength(1);
  });

  it("asks to reload a form that carries no key", async () => {
    const { _key, ...rest } = valid();
    const before = await snapshot();
    const outcome = (await submit(rest)) as Result;
    expect(outcome.result.error?.[""]).toContain("validation.formExpired");
    expect(await snapshot()).toEqual(before);
  });
});

describe("a failure after the photos were written", () => {
  it("removes the files again and stores no row", async () => {
    const { logActivity } = await import("./log.server");
    const { preparePhotos } = await import("~/modules/uploads/photos.server");
    const { sessionUserFor } = await import("../../../test/factories/users");
    const user = await sessionUserFor("org.gar@demo.local");
    const { prepared } = await preparePhotos([
      new File([new Uint8Array(jpeg)], "a.jpg", { type: "image/jpeg" }),
    ]);
    const before = await snapshot();
    // An actor id with no user breaks the audit row's foreign key: the transaction's last step fails for real.
    const actor = { actorUserId: 2_000_000_000, ip: null, requestId: "test" };
    const input = {
      contractId: garStation.id,
      occurredOn: today,
      kind: "training" as const,
      participants: 3,
      personTimes: 3,
      hours: 1,
      summary: "写入照片后失败",
      personId: [],
    };
    await expect(logActivity({ user, actor, input, photos: prepared, key: randomUUID() })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});
