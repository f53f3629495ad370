// Resumable uploads, what browser and server share (client-safe): where the tus endpoint is, the form field that names
// a finished upload in place of the photo, and the size of the pieces a phone sends.
export const UPLOAD_PATH = "/uploads";
export const UPLOAD_FIELD = "photoUpload";
/** Each PATCH carries at most this much, so a link that drops mid-photo loses at most one piece in flight. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
