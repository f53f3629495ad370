// Photos are shrunk on the phone before they are queued: longest side at most 1,600 px, JPEG. A 0.9 MB camera photo
// becomes ~200 KB, which is what a 20 KiB/s uplink can carry in seconds instead of a minute.
export const MAX_PHOTO_SIDE = 1600;
const QUALITY = 0.82;

function jpegName(name: string): string {
  return `${name.replace(/\.[^.]+$/, "") || "photo"}.jpg`;
}

/** The photo as a JPEG no larger than MAX_PHOTO_SIDE; a file the browser cannot decode is kept as it is. */
export async function shrinkPhoto(file: File): Promise<File> {
  if (!file.type.startsWith("image/")) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.type === "image/jpeg") {
    bitmap.close();
    return file;
  }
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) return file;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", QUALITY));
  return blob ? new File([blob], jpegName(file.name), { type: "image/jpeg" }) : file;
}

/** The form with every image file in it shrunk. */
export async function shrinkPhotosIn(formData: FormData): Promise<FormData> {
  const out = new FormData();
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string") out.append(name, value);
    else if (value.size > 0) out.append(name, await shrinkPhoto(value));
  }
  return out;
}
