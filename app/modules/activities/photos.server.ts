// Activity photos: size-limited multipart parsing, type checked by content (magic bytes, then a real decode),
// re-encoded without metadata (phone photos carry the GPS of people's homes), thumbnails, files under the data dir.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {
  type UploadHandler,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import phash from "sharp-phash";
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_FIELD, type PhotoProblem } from "~/modules/uploads/photo-limits";
import { UPLOAD_FIELD } from "~/modules/uploads/protocol";
import { uploadedPhotos } from "~/modules/uploads/tus.server";
import { env } from "~/utils/env.server";
import { isDbIdText } from "~/utils/ids";

/** Past this many bytes of oversize photos drained without keeping them, the request is refused outright. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;
const MAX_TEXT_PART_BYTES = 16 * 1024;
const MAX_PARTS = 400;
const LONGEST_SIDE = 2560;
const THUMB_SIDE = 480;

const photoMimeTypes = ["image/jpeg", "image/png", "image/webp"] as const;
type PhotoMimeType = (typeof photoMimeTypes)[number];
const extensionOf: Record<PhotoMimeType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};

export type PreparedPhoto = {
  filename: string;
  mimeType: PhotoMimeType;
  original: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  sha256: string;
  /** Perceptual hash: the same picture re-encoded or resized is found again (plausibility, ADR 014). */
  phash: string;
};

/**
 * Reads a multipart form: text parts into memory (small), photos into memory up to MAX_PHOTO_BYTES each.
 * An oversize photo is drained without being kept and reported, so the rest of the form still comes back
 * to the person with a message; no temporary file is ever written. Urlencoded posts (no photos) work too.
 * With the user's id, photos uploaded ahead (resumably) and named by `photoUpload` ids are read in as well.
 */
export async function readActivityForm(
  request: Request,
  userId?: number,
): Promise<{ formData: FormData; photos: File[]; problems: PhotoProblem[] }> {
  const read = await readPhotoForm(request);
  const ids = read.formData
    .getAll(UPLOAD_FIELD)
    .filter((v): v is string => typeof v === "string" && v !== "");
  if (userId === undefined || ids.length === 0) return read;
  // Photos sent ahead as resumable uploads (uploads/tus.server.ts): named by id, read here, checked as the rest.
  const uploaded = await uploadedPhotos(userId, ids);
  const room = Math.max(0, MAX_PHOTOS - read.photos.length);
  const tooMany = uploaded.files.slice(room).map((f) => ({ filename: f.name, problem: "tooMany" as const }));
  return {
    formData: read.formData,
    photos: [...read.photos, ...uploaded.files.slice(0, room)],
    problems: [...read.problems, ...uploaded.problems, ...tooMany],
  };
}

async function readPhotoForm(
  request: Request,
): Promise<{ formData: FormData; photos: File[]; problems: PhotoProblem[] }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    const formData = await request.formData();
    return { formData, photos: [], problems: [] };
  }
  const problems: PhotoProblem[] = [];
  let photoCount = 0;
  let discarded = 0;
  let parts = 0;
  const photoHandler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (++parts > MAX_PARTS) throw new Response("Too many form fields", { status: 413 });
    if (name !== PHOTO_FIELD || filename === undefined) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > MAX_PHOTO_BYTES) {
        tooLarge = true;
        discarded += chunk.byteLength;
        if (discarded > MAX_DISCARDED_BYTES) throw new Response("Upload too large", { status: 413 });
        continue;
      }
      chunks.push(chunk);
    }
    // An empty file input still sends a part with no name and no bytes.
    if (filename === "" && size === 0) return "";
    const label = filename || "photo";
    if (tooLarge) {
      chunks.length = 0;
      problems.push({ filename: label, problem: "tooLarge" });
      return "";
    }
    if (size === 0) {
      problems.push({ filename: label, problem: "notImage" });
      return "";
    }
    if (++photoCount > MAX_PHOTOS) {
      problems.push({ filename: label, problem: "tooMany" });
      return "";
    }
    return new File([Buffer.concat(chunks)], label, { type: contentType });
  };
  const formData = await unstable_parseMultipartFormData(
    request,
    unstable_composeUploadHandlers(
      photoHandler,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_PART_BYTES }),
    ),
  ).catch((error: unknown) => {
    if (error instanceof Response) throw error;
    if (error instanceof Error && error.name === "MaxPartSizeExceededError")
      throw new Response("Form field too large", { status: 413 });
    throw new Response("The form could not be read", { status: 400 });
  });
  const photos = formData.getAll(PHOTO_FIELD).filter((v): v is File => typeof v !== "string");
  return { formData, photos, problems };
}

/**
 * Checks each file by its content, not its name or declared type: the magic bytes must say JPEG, PNG or WebP
 * and the image must decode. Returns re-encoded originals (auto-rotated, metadata stripped, longest side capped)
 * and JPEG thumbnails, all still in memory.
 */
export async function preparePhotos(
  files: File[],
): Promise<{ prepared: PreparedPhoto[]; problems: PhotoProblem[] }> {
  const prepared: PreparedPhoto[] = [];
  const problems: PhotoProblem[] = [];
  for (const file of files) {
    const input = Buffer.from(await file.arrayBuffer());
    const detected = await fileTypeFromBuffer(input);
    const mimeType = detected?.mime as PhotoMimeType | undefined;
    if (!mimeType || !photoMimeTypes.includes(mimeType)) {
      problems.push({ filename: file.name, problem: "notImage" });
      continue;
    }
    try {
      const base = sharp(input, { failOn: "error", limitInputPixels: 80_000_000 })
        .rotate()
        .resize({ width: LONGEST_SIDE, height: LONGEST_SIDE, fit: "inside", withoutEnlargement: true });
      const encoded =
        mimeType === "image/jpeg"
          ? base.jpeg({ quality: 85, mozjpeg: true })
          : mimeType === "image/png"
            ? base.png({ compressionLevel: 9 })
            : base.webp({ quality: 85 });
      const { data: original, info } = await encoded.toBuffer({ resolveWithObject: true });
      const thumb = await sharp(original)
        .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: "inside", withoutEnlargement: true })
        .flatten({ background: "#ffffff" })
        .jpeg({ quality: 78 })
        .toBuffer();
      prepared.push({
        filename: file.name,
        mimeType,
        original,
        thumb,
        width: info.width,
        height: info.height,
        sha256: createHash("sha256").update(input).digest("hex"),
        phash: await phash(original),
      });
    } catch {
      problems.push({ filename: file.name, problem: "notImage" });
    }
  }
  return { prepared, problems };
}

function photosRoot(): string {
  return path.join(env().dataDir, "photos");
}

/** Where a prepared photo will live, relative to the data directory: photos/YYYY/MM/<uuid>.<ext>. */
function plannedPhotoPaths(photo: PreparedPhoto, now: Date = new Date()) {
  const month = now.toISOString().slice(0, 7).replace("-", "/");
  const id = randomUUID();
  return {
    path: `photos/${month}/${id}.${extensionOf[photo.mimeType]}`,
    thumbPath: `photos/${month}/${id}.thumb.jpg`,
  };
}

/** Absolute path of a stored file; refuses anything that would leave the photos directory. */
export function storedFilePath(relative: string): string {
  const root = photosRoot();
  const absolute = path.resolve(env().dataDir, relative);
  if (!absolute.startsWith(`${root}${path.sep}`)) throw new Error(`Photo path outside the photos directory`);
  return absolute;
}

/**
 * Prepared photos planned for storage: the columns of each photo's row (the owner's photo table adds its own key) and
 * the files to write once the rows are in.
 */
export function plannedPhotos(photos: PreparedPhoto[], now: Date) {
  const planned = photos.map((photo) => ({ photo, ...plannedPhotoPaths(photo, now) }));
  return {
    rows: planned.map(({ photo, path, thumbPath }) => ({
      path,
      thumbPath,
      mimeType: photo.mimeType,
      bytes: photo.original.byteLength,
      width: photo.width,
      height: photo.height,
      sha256: photo.sha256,
      phash: photo.phash,
    })),
    files: planned.flatMap(({ photo, path, thumbPath }) => [
      { relative: path, data: photo.original },
      { relative: thumbPath, data: photo.thumb },
    ]),
  };
}

/** Writes the files; returns what it wrote so a failed transaction can remove them again. */
export async function writePhotoFiles(
  files: { relative: string; data: Buffer }[],
  written: string[],
): Promise<void> {
  for (const file of files) {
    const absolute = storedFilePath(file.relative);
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    await fs.writeFile(absolute, file.data, { flag: "wx" });
    written.push(absolute);
  }
}

export async function removeFiles(absolutePaths: string[]): Promise<void> {
  await Promise.all(absolutePaths.map((p) => fs.rm(p, { force: true })));
}

/** A stored photo as the routes serving it need it (activity photos, visit photos). */
export type StoredPhoto = { path: string; thumbPath: string; mimeType: string; sha256: string };

/** `"12"` → the photo 12, `"12.thumb"` → its thumbnail; anything else null. */
export function photoRequestOf(param: string | undefined): { id: number; thumb: boolean } | null {
  const match = /^(\d{1,10})(\.thumb)?$/.exec(param ?? "");
  return match && isDbIdText(match[1]) ? { id: Number(match[1]), thumb: Boolean(match[2]) } : null;
}

/**
 * The answer with a photo's (or its thumbnail's) bytes, or null when the file is gone. The caller found the photo
 * through a query scoped to the reader.
 */
export async function photoResponse(
  request: Request,
  photo: StoredPhoto,
  thumb: boolean,
): Promise<Response | null> {
  const data = await fs.readFile(storedFilePath(thumb ? photo.thumbPath : photo.path)).catch(() => null);
  if (!data) return null;
  const etag = `"${photo.sha256.slice(0, 32)}${thumb ? "-t" : ""}"`;
  if (request.headers.get("If-None-Match") === etag)
    return new Response(null, { status: 304, headers: { ETag: etag } });
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": thumb ? "image/jpeg" : photo.mimeType,
      "Content-Length": String(data.byteLength),
      // why: photos may show people in care; like every signed-in answer they stay out of all caches.
      "Cache-Control": "private, no-store",
      ETag: etag,
      "Content-Disposition": "inline",
    },
  });
}
