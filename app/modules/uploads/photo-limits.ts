// Photo upload limits, shared by the form (to warn before uploading) and the server (to enforce them).
export const PHOTO_FIELD = "photo";
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 6;

/** Why a photo was not taken: too large, not an image, or one too many. */
export type PhotoProblem = { filename: string; problem: "tooLarge" | "notImage" | "tooMany" };
