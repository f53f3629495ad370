// Resumable photo uploads (issue 13): the tus protocol (@tus/server with its file store) under /uploads/, so a photo
// sent over a link that drops resumes from the bytes the server already holds (HEAD answers the offset) instead of
// starting again. Each upload belongs to the user who created it; a form then names it by its id (`photoUpload`)
// in place of the file, and its action reads it through `uploadedPhotos` into the same checks (size, count, type by
// content) as a photo sent inside the form. Unfinished or unused uploads are removed after UPLOAD_TTL_MS.
import fs from "node:fs/promises";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { Server } from "@tus/server";
import { env } from "~/utils/env.server";
import { MAX_PHOTO_BYTES, type PhotoProblem } from "./photo-limits";
import { UPLOAD_PATH } from "./protocol";

const UPLOAD_TTL_MS = 3 * 86_400_000;
const CLEANUP_EVERY_MS = 3_600_000;
const ID = /^[0-9a-f]{32}$/;

let tus: { server: Server; store: FileStore; directory: string } | undefined;
let lastCleanup = 0;

function uploads() {
  if (!tus) {
    const directory = path.join(env().dataDir, "uploads");
    const store = new FileStore({ directory, expirationPeriodInMilliseconds: UPLOAD_TTL_MS });
    // why: the library's checks (offset, length, Tus-Resumable) answer before any byte is written; maxSize refuses
    // a declared length above a photo's limit at creation, as the form's own check would.
    const server = new Server({
      path: UPLOAD_PATH,
      datastore: store,
      maxSize: MAX_PHOTO_BYTES,
      relativeLocation: true,
    });
    tus = { server, store, directory };
  }
  return tus;
}

/** tus metadata: "key base64,key base64". */
function parseMetadata(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (header ?? "").split(",")) {
    const [key, value = ""] = pair.trim().split(" ");
    if (key) out.set(key, value);
  }
  return out;
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** The upload's id in a request path under /uploads/, or null for the creation endpoint itself. */
export function uploadIdOf(pathname: string): string | null {
  const id =
    pathname
      .replace(/\.data$/, "")
      .split("/")
      .filter(Boolean)[1] ?? null;
  return id && ID.test(id) ? id : id === null ? null : "invalid";
}

async function ownerOf(id: string): Promise<string | null> {
  try {
    const upload = await uploads().store.getUpload(id);
    return upload.metadata?.owner ?? null;
  } catch {
    return null;
  }
}

/**
 * Answers one tus request for a signed-in user: creating an upload (its owner set here, whatever the client sent),
 * or reading the offset of, appending to or deleting one of their own. Someone else's upload is a 404.
 */
export async function handleUpload(request: Request, userId: number): Promise<Response> {
  const { server } = uploads();
  const id = uploadIdOf(new URL(request.url).pathname);
  if (id === "invalid") return new Response("Not found", { status: 404 });
  if (request.method === "POST" && id === null) {
    if (Date.now() - lastCleanup > CLEANUP_EVERY_MS) {
      lastCleanup = Date.now();
      void server.cleanUpExpiredUploads().catch(() => 0);
    }
    const metadata = parseMetadata(request.headers.get("Upload-Metadata"));
    metadata.set("owner", b64(String(userId)));
    const headers = new Headers(request.headers);
    headers.set("Upload-Metadata", [...metadata].map(([k, v]) => `${k} ${v}`).join(","));
    return server.handleWeb(new Request(request.url, { method: "POST", headers }));
  }
  if (id === null || (await ownerOf(id)) !== String(userId))
    return new Response("Not found", { status: 404 });
  return server.handleWeb(request);
}

/**
 * The finished uploads a form names, as files for `preparePhotos` (which checks the content), each only if it is the
 * user's own and complete; what is missing, unfinished or too large is a problem reported like a photo in the form.
 */
export async function uploadedPhotos(
  userId: number,
  ids: string[],
): Promise<{ files: File[]; problems: PhotoProblem[] }> {
  const { store, directory } = uploads();
  const files: File[] = [];
  const problems: PhotoProblem[] = [];
  for (const id of ids) {
    const upload = ID.test(id) ? await store.getUpload(id).catch(() => null) : null;
    const filename = upload?.metadata?.filename ?? "photo";
    if (
      !upload ||
      upload.metadata?.owner !== String(userId) ||
      upload.size === undefined ||
      upload.offset !== upload.size
    ) {
      problems.push({ filename, problem: "notImage" });
      continue;
    }
    if (upload.size > MAX_PHOTO_BYTES) {
      problems.push({ filename, problem: "tooLarge" });
      continue;
    }
    const data = await fs.readFile(path.join(directory, id));
    files.push(new File([data], filename, { type: upload.metadata?.filetype ?? "application/octet-stream" }));
  }
  return { files, problems };
}
