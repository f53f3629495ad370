// Photos travel as resumable uploads (tus, through tus-js-client, to /uploads/) in pieces the server acknowledges:
// after a dropped link the upload goes on at the offset the server reports instead of from its first byte. Two ways
// in: a queued form's photos go ahead of it (their addresses kept on the outbox item, so a closed tab or a restart
// resumes too), and a photo picked while online starts up at once, the form then naming it (`photoUpload`).
import { UPLOAD_CHUNK_BYTES, UPLOAD_FIELD, UPLOAD_PATH } from "~/modules/uploads/protocol";
import { updateOutboxItem } from "./store.client";
import { type OutboxItem, PROGRESS_EVENT, type Progress, type StoredEntry } from "./types";

type Outcome = { url: string } | "network" | "refused";

/** One file up, resuming `resumeUrl` when given; `onUrl` hears the upload's address as soon as the server gives it. */
async function uploadBlob(
  blob: Blob,
  meta: { name: string; type: string },
  {
    resumeUrl,
    onUrl,
    onProgress,
  }: { resumeUrl?: string; onUrl?: (url: string) => void; onProgress: (sent: number) => void },
): Promise<Outcome> {
  const { Upload } = await import("tus-js-client");
  return new Promise<Outcome>((resolve) => {
    const upload = new Upload(blob, {
      endpoint: `${UPLOAD_PATH}/`,
      uploadUrl: resumeUrl ?? null,
      chunkSize: UPLOAD_CHUNK_BYTES,
      retryDelays: [0, 1_000, 3_000, 6_000],
      // why: an address lives on the outbox item (IndexedDB, wiped at sign-out), not in localStorage.
      storeFingerprintForResuming: false,
      metadata: { filename: meta.name, filetype: meta.type },
      onUploadUrlAvailable: () => {
        if (upload.url) onUrl?.(upload.url);
      },
      onProgress: (sent) => onProgress(sent),
      onSuccess: () => resolve(upload.url ? { url: upload.url } : "network"),
      onError: (error) => {
        const status = (
          error as { originalResponse?: { getStatus(): number } | null }
        ).originalResponse?.getStatus();
        // A refusal (too large, signed out, someone else's upload) is final; anything else is the link.
        resolve(
          status && status >= 400 && status < 500 && status !== 409 && status !== 423 ? "refused" : "network",
        );
      },
    });
    upload.start();
  });
}

const idOf = (url: string) => url.split("/").filter(Boolean).pop() ?? "";
const fileBytes = (entries: StoredEntry[]) =>
  entries.reduce((n, [, v]) => n + (typeof v === "string" ? 0 : v.blob.size), 0);

/**
 * Uploads the item's files in order, reporting bytes sent over all of them; answers the entries with each file
 * replaced by its upload's id, or why it stopped ("network": try again later, from the same offset).
 */
export async function uploadFilesOf(
  item: OutboxItem,
  onProgress: (loaded: number, total: number) => void,
): Promise<{ entries: StoredEntry[] } | "network" | "refused"> {
  const entries = [...item.entries];
  const uploads = { ...(item.uploads ?? {}) };
  const total = fileBytes(entries);
  let before = 0;
  for (const [index, [, value]] of entries.entries()) {
    if (typeof value === "string") continue;
    const outcome = await uploadBlob(value.blob, value, {
      resumeUrl: uploads[index],
      onUrl: (url) => {
        uploads[index] = url;
        if (item.id) void updateOutboxItem(item.id, { uploads: { ...uploads } });
      },
      onProgress: (sent) => onProgress(before + sent, total),
    });
    if (typeof outcome === "string") {
      // why: an address the server refused (expired, not this user's) must not be resumed next time.
      if (outcome === "refused" && item.id) {
        delete uploads[index];
        await updateOutboxItem(item.id, { uploads });
      }
      return outcome;
    }
    before += value.blob.size;
    entries[index] = [UPLOAD_FIELD, idOf(outcome.url)];
  }
  return { entries };
}

const progress = (detail: Progress) =>
  window.dispatchEvent(new CustomEvent<Progress>(PROGRESS_EVENT, { detail }));

/**
 * A photo picked on a form while online starts up at once (while the worker types the rest), with its progress in the
 * status strip. Once up, the form names it in a hidden `photoUpload` field and the file input leaves the post, so
 * the post itself is a few hundred bytes. If the form is sent first, or the link goes, the photo stays in the input
 * and travels with the form (or into the outbox) as before.
 */
export async function uploadPicked(input: HTMLInputElement): Promise<void> {
  const form = input.form;
  const files = [...(input.files ?? [])];
  if (!form || files.length === 0 || !navigator.onLine) return;
  for (const old of form.querySelectorAll(`input[type="hidden"][data-for="${input.name}"]`)) old.remove();
  const picked = input.files;
  const total = files.reduce((n, f) => n + f.size, 0);
  const ids: string[] = [];
  let before = 0;
  input.dataset.uploading = "1";
  try {
    for (const file of files) {
      const outcome = await uploadBlob(file, file, {
        onProgress: (sent) => progress({ id: 0, loaded: before + sent, total }),
      });
      if (typeof outcome === "string") return;
      ids.push(idOf(outcome.url));
      before += file.size;
    }
  } finally {
    delete input.dataset.uploading;
    progress(null);
  }
  // why: a new pick (or a sent form) since the upload started wins; this one is dropped (it expires on the server).
  if (input.files !== picked || !input.isConnected) return;
  for (const id of ids) {
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = UPLOAD_FIELD;
    hidden.value = id;
    hidden.dataset.for = input.name;
    form.append(hidden);
  }
  // why: the chosen photo stays on screen, but out of the post (a field without a name is not sent); picking again
  // gives the input its name back (register.client.ts).
  input.dataset.name = input.name;
  input.removeAttribute("name");
}
