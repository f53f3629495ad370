// Between the password and the second factor: a signed, five-minute cookie naming the user. No session exists yet.
import { createCookie } from "@remix-run/node";
import { sessionSecret } from "~/utils/secrets.server";
import type { SessionPending } from "./session.server";
import { cookiesAreSecure } from "./session.server";

export type MfaChallenge = {
  userId: number;
  email: string;
  redirectTo: string;
  pending: SessionPending[];
  locale: string;
  expires: number;
};

const TTL_SECONDS = 300;

function challengeCookie() {
  return createCookie(cookiesAreSecure() ? "__Host-snc_mfa" : "snc_mfa", {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    path: "/",
    maxAge: TTL_SECONDS,
    secrets: [sessionSecret()],
  });
}

export async function startMfaChallenge(challenge: Omit<MfaChallenge, "expires">): Promise<string> {
  return challengeCookie().serialize({ ...challenge, expires: Date.now() + TTL_SECONDS * 1000 });
}

export async function readMfaChallenge(request: Request): Promise<MfaChallenge | null> {
  const value = (await challengeCookie().parse(request.headers.get("Cookie"))) as MfaChallenge | null;
  if (!value || typeof value.userId !== "number" || value.expires < Date.now()) return null;
  return value;
}

export async function clearMfaChallenge(): Promise<string> {
  return challengeCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
