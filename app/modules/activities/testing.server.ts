// Test helpers for the activities and reports modules: real sessions and real multipart requests, no mocks.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { users } from "#db/schema";
import { startSession } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";

/** A session cookie ("name=value") for a demo account. */
export async function cookieFor(email: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`No user ${email}`);
  const setCookie = await startSession(new Request("http://test.local/"), user.id);
  return setCookie.split(";")[0];
}

export type UploadFile = { data: Uint8Array; name: string; type: string };

export function postForm(
  path: string,
  cookie: string,
  fields: Record<string, string | string[]>,
  files: UploadFile[] = [],
  { multipart = true }: { multipart?: boolean } = {},
): Request {
  const url = `http://test.local${path}`;
  if (!multipart) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
    return new Request(url, { method: "POST", body, headers: { Cookie: cookie } });
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) form.append(k, item);
  for (const f of files) form.append("photo", new File([new Uint8Array(f.data)], f.name, { type: f.type }));
  return new Request(url, { method: "POST", body: form, headers: { Cookie: cookie } });
}

/** A small real JPEG (a gradient), with EXIF so tests can see it is stripped. */
export async function sampleJpeg(width = 64, height = 48): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 3] = (i * 7) % 256;
    pixels[i * 3 + 1] = 120;
    pixels[i * 3 + 2] = (i * 3) % 256;
  }
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: "secret-location-test" } } })
    .toBuffer();
  return new Uint8Array(jpeg);
}
