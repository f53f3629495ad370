// Reading uploads without trusting them: bodies are read as a stream and cut off as soon as they pass the limit
// (never buffered whole first), nothing is written to disk, and text files are decoded whatever Excel saved them as.
import {
  MaxPartSizeExceededError,
  type UploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

/** Thrown when a body or a part passes its limit; routes answer 413 with a message in the user's language. */
export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Upload larger than ${limit} bytes`);
    this.name = "UploadTooLargeError";
  }
}

/** Thrown when a multipart body cannot be parsed at all. */
export class UploadUnreadableError extends Error {
  constructor() {
    super("The upload could not be read");
    this.name = "UploadUnreadableError";
  }
}

/** Whether the declared Content-Length already says the body is too large (checked before reading a byte). */
function declaredTooLarge(request: Request, maxBytes: number): boolean {
  const declared = Number(request.headers.get("content-length") ?? 0);
  return Number.isFinite(declared) && declared > maxBytes;
}

/** Collects a stream of chunks, throwing UploadTooLargeError on the first chunk that passes `maxBytes`. */
async function collectLimited(data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      chunks.length = 0;
      throw new UploadTooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The raw body of a request (a script's `--data-binary @file.csv`), at most `maxBytes`. A body declared larger is
 * refused before it is read; a chunked body stops being read at the limit (the rest is discarded, never kept).
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (declaredTooLarge(request, maxBytes)) throw new UploadTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      chunks.length = 0;
      // why: not reader.cancel(): that destroys the socket before the 413 can be sent. Node's server discards the
      // rest of an unread body once the response is sent, so nothing more is kept.
      reader.releaseLock();
      throw new UploadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export type UploadForm = {
  /** Text fields (each at most `maxFieldBytes`, except those named in `largeFields`). */
  fields: Map<string, string>;
  /** The first file part with a name, if any. */
  file: { name: string; bytes: Uint8Array } | null;
};

/**
 * Reads a multipart form with one file field, in memory only: the file may have at most `maxFileBytes`, fields in
 * `largeFields` (e.g. the previewed text sent back for the commit) at most `maxFileBytes * 2` (GBK grows when it
 * becomes UTF-8), other fields 16 KB. Parsing stops at the first part over its limit (UploadTooLargeError).
 * An urlencoded form is read with the same limits.
 */
export async function readUploadForm(
  request: Request,
  {
    maxFileBytes,
    fileField = "file",
    largeFields = [],
  }: { maxFileBytes: number; fileField?: string; largeFields?: string[] },
): Promise<UploadForm> {
  const maxTotal = maxFileBytes * 2 + 64 * 1024;
  if (declaredTooLarge(request, maxTotal)) throw new UploadTooLargeError(maxFileBytes);
  const fields = new Map<string, string>();
  let file: UploadForm["file"] = null;
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    const bytes = await readBodyLimited(request, maxTotal);
    for (const [k, v] of new URLSearchParams(new TextDecoder().decode(bytes)))
      if (!fields.has(k)) fields.set(k, v);
    return { fields, file };
  }
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (++parts > 50) throw new UploadTooLargeError(maxFileBytes);
    if (filename !== undefined) {
      const bytes = await collectLimited(data, maxFileBytes);
      if (name === fileField && !file && bytes.byteLength > 0) file = { name: filename, bytes };
      return undefined;
    }
    const limit = largeFields.includes(name) ? maxFileBytes * 2 : 16 * 1024;
    const bytes = await collectLimited(data, limit);
    if (!fields.has(name)) fields.set(name, new TextDecoder().decode(bytes));
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw error;
    if (error instanceof MaxPartSizeExceededError) throw new UploadTooLargeError(maxFileBytes);
    throw new UploadUnreadableError();
  }
  return { fields, file };
}

/** What the user can fix about an upload that could not be read: the file is too large (413) or not a form (400). */
export type UploadRefusal = { refusal: "tooLarge"; status: 413 } | { refusal: "unreadable"; status: 400 };

/**
 * `readUploadForm` for an action that answers a refusal in its own words: the two errors a user can fix come back as
 * an `UploadRefusal` instead of an exception; anything else is thrown.
 */
export async function readUploadFormOrRefusal(
  request: Request,
  options: Parameters<typeof readUploadForm>[1],
): Promise<UploadForm | UploadRefusal> {
  try {
    return await readUploadForm(request, options);
  } catch (error) {
    if (error instanceof UploadTooLargeError) return { refusal: "tooLarge", status: 413 };
    if (error instanceof UploadUnreadableError) return { refusal: "unreadable", status: 400 };
    throw error;
  }
}

export type TextEncodingName = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

/**
 * Decodes an uploaded text file: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), and
 * otherwise GB18030 — a superset of GBK/GB2312, which Excel on Chinese Windows uses for "CSV". A file that is not
 * valid UTF-8 is taken as GB18030; the BOM is never part of the text.
 */
export function decodeUploadText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    // ignoreBOM false (the default) drops a leading UTF-8 BOM.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}
