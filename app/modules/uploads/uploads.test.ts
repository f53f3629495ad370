// Resumable photo uploads (tus) through the real route: an upload cut off half-way resumes from the offset the server
// reports, the stored bytes equal the original, and a visit's record form that names the upload stores the photo with
// the same checks as one sent inside the form. Uploads belong to their creator.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { users, visitPhotos, visits } from "#db/schema";
import { cookieFor, postForm } from "~/modules/activities/testing.server";
import { action as uploadAction, loader as uploadLoader } from "~/routes/uploads.$";
import { action as visitAction } from "~/routes/visits.$id";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { useTestDatabase } from "../../../test/setup/database";

useTestDatabase({ template: "demo" });

const context = { requestId: "test", cspNonce: "" };
const tus = { "Tus-Resumable": "1.0.0" };
const b64 = (s: string) => Buffer.from(s).toString("base64");
let station: string;
let otherStation: string;
let photo: Buffer;

beforeAll(async () => {
  station = await cookieFor("station.baiba@demo.local");
  otherStation = await cookieFor("station.baiba.head@demo.local");
  // A photo of a few hundred KiB (noise does not compress), so half of it spans several of a phone's pieces.
  const { data, info } = await sharp({
    create: {
      width: 300,
      height: 200,
      channels: 3,
      background: "#777",
      noise: { type: "gaussian", mean: 128, sigma: 50 },
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  photo = await sharp(data, { raw: info })
    .resize(900, 600, { kernel: "nearest" })
    .jpeg({ quality: 92 })
    .toBuffer();
});

async function call(method: string, url: string, cookie: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`http://test.local${url}`, {
    ...init,
    method,
    headers: { Cookie: cookie, ...tus, ...(init.headers as Record<string, string>) },
    ...(init.body ? { duplex: "half" } : {}),
  } as RequestInit);
  const args = { request, params: { "*": url.replace(/^\/uploads\/?/, "") }, context };
  try {
    return method === "GET" || method === "HEAD" ? await uploadLoader(args) : await uploadAction(args);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function create(cookie: string, bytes: number): Promise<string> {
  const res = await call("POST", "/uploads/", cookie, {
    headers: {
      "Upload-Length": String(bytes),
      "Upload-Metadata": `filename ${b64("屋内.jpg")},filetype ${b64("image/jpeg")},owner ${b64("1")}`,
    },
  });
  expect(res.status).toBe(201);
  return res.headers.get("Location")!;
}

/** A PATCH whose connection drops after `upTo` bytes: the body stream fails there, as a cut link does. */
function droppingBody(bytes: Buffer, upTo: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= upTo) {
        // why: the bytes already handed over reach the disk before the link goes, as on a real socket.
        await new Promise((r) => setTimeout(r, 200));
        controller.error(new Error("connection reset"));
        return;
      }
      const piece = bytes.subarray(sent, Math.min(upTo, sent + 16 * 1024));
      sent += piece.length;
      controller.enqueue(new Uint8Array(piece));
    },
  });
}

async function offsetOf(location: string, cookie: string): Promise<number | null> {
  const res = await call("HEAD", location, cookie);
  return res.status === 200 ? Number(res.headers.get("Upload-Offset")) : null;
}

/** An open visit at the Baiba station (the station of station.baiba@demo.local). */
async function openVisit(skip = 0): Promise<number> {
  const [visit] = await db
    .select({ id: visits.id })
    .from(visits)
    .innerJoin(
      users,
      and(eq(users.facilityId, visits.stationId), eq(users.email, "station.baiba@demo.local")),
    )
    .where(eq(visits.status, "scheduled"))
    .orderBy(visits.id)
    .offset(skip)
    .limit(1);
  return visit.id;
}

/** Posts a visit's record form ("visited" today) that names an upload instead of carrying the photo. */
function recordNamingUpload(
  cookie: string,
  visitId: number,
  fields: { photoUpload: string; notes?: string },
) {
  return visitAction({
    request: postForm(
      `/visits/${visitId}`,
      cookie,
      { intent: "record", _key: randomUUID(), outcome: "visited", visitedOn: todayInShanghai(), ...fields },
      [],
      { multipart: false },
    ),
    params: { id: String(visitId) },
    context,
  }).catch((thrown: unknown) => thrown);
}

describe("resumable photo uploads", () => {
  it("resumes an upload cut off half-way from the bytes received, and the stored bytes equal the original", async () => {
    expect(photo.length).toBeGreaterThan(200_000);
    const location = await create(station, photo.length);
    const id = location.split("/").pop()!;
    const half = Math.floor(photo.length / 2);
    const cut = await call("PATCH", location, station, {
      headers: { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
      body: droppingBody(photo, half),
    }).catch(() => null);
    expect(cut?.status ?? 0).not.toBe(204);
    const received = await offsetOf(location, station);
    // The server kept what arrived before the link dropped; the phone goes on from there, not from zero.
    expect(received).toBe(half);
    const rest = await call("PATCH", location, station, {
      headers: { "Upload-Offset": String(received), "Content-Type": "application/offset+octet-stream" },
      body: new Uint8Array(photo.subarray(received!)),
    });
    expect(rest.status).toBe(204);
    expect(Number(rest.headers.get("Upload-Offset"))).toBe(photo.length);
    const stored = fs.readFileSync(path.join(env().dataDir, "uploads", id));
    expect(Buffer.compare(stored, photo)).toBe(0);

    // The visit's record form names the upload instead of carrying the photo.
    const visit = { id: await openVisit() };
    const outcome = await recordNamingUpload(station, visit.id, {
      notes: "照片先上传，表单随后",
      photoUpload: id,
    });
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).headers.get("Location")).toMatch(/recorded=1/);
    const photos = await db.select().from(visitPhotos).where(eq(visitPhotos.visitId, visit.id));
    expect(photos).toHaveLength(1);
    // The record of what was received is the original's hash (the stored copy is re-encoded without metadata).
    expect(photos[0].sha256).toBe(createHash("sha256").update(photo).digest("hex"));
  });

  it("keeps each upload to its creator, refuses one larger than a photo may be, and a form naming an unfinished one", async () => {
    const location = await create(station, 1000);
    expect(await offsetOf(location, otherStation)).toBeNull();
    const foreign = await call("PATCH", location, otherStation, {
      headers: { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
      body: new Uint8Array(10),
    });
    expect(foreign.status).toBe(404);
    expect(await offsetOf(location, station)).toBe(0);

    const tooLarge = await call("POST", "/uploads/", station, {
      headers: { "Upload-Length": String(9 * 1024 * 1024) },
    });
    expect(tooLarge.status).toBe(413);

    const anonymous = await call("POST", "/uploads/", "", { headers: { "Upload-Length": "10" } });
    expect(anonymous.status).toBe(401);

    const visit = { id: await openVisit(1) };
    const before = await db.select().from(visitPhotos);
    const unfinished = await recordNamingUpload(station, visit.id, {
      photoUpload: location.split("/").pop()!,
    });
    expect((unfinished as { init?: { status?: number } }).init?.status).toBe(422);
    expect(await db.select().from(visitPhotos)).toHaveLength(before.length);
  });
});
