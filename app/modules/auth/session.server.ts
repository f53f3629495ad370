// Server-side sessions: the signed cookie holds a random id; the database holds its SHA-256, the user and the expiry.
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, eq, ne, type Placeholder, sql } from "drizzle-orm";
import { sessions } from "#db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { clientIp } from "~/utils/http.server";
import { sessionSecret } from "~/utils/secrets.server";

/** Idle timeout and absolute lifetime; see README "Sessions". */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export function cookiesAreSecure(): boolean {
  const e = env();
  return e.NODE_ENV === "production" && e.INSECURE_COOKIES !== "1";
}

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const secure = cookiesAreSecure();
  cookie ??= createCookie(secure ? "__Host-snc_session" : "snc_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: [sessionSecret()],
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  return cookie;
}

export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** What a session still has to do before it may use the app (set by sign-in, cleared by the account pages). */
export type SessionPending = "enroll_totp" | "change_password";
/** Emergency ("break the glass") access to one person's file outside the user's scope, until a time (ms). */
type GlassGrant = { personId: number; until: number };
export type SessionData = {
  pending?: SessionPending[];
  totpSetupSecret?: string;
  glass?: GlassGrant[];
  /** The assignment an account with several roles works as (assignmentKey); absent: its primary role. */
  actingAs?: string;
};

/** Creates a fresh session row and returns the Set-Cookie header; the caller has already removed any old one. */
export async function startSession(
  request: Request,
  userId: number,
  data: SessionData = {},
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db.insert(sessions).values({
    id: hashSessionId(id),
    userId,
    data,
    expiresAt: new Date(now + SESSION_ABSOLUTE_MS),
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
  });
  return sessionCookie().serialize(id);
}

export async function endSession(request: Request): Promise<string> {
  const id = await readSessionId(request);
  if (id) await db.delete(sessions).where(eq(sessions.id, hashSessionId(id)));
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export async function endAllSessionsOf(userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** The session's user id and data when the session is alive; slides the idle window. */
export async function liveSession(sessionId: string): Promise<{ userId: number; data: SessionData } | null> {
  const hashed = hashSessionId(sessionId);
  const now = new Date();
  const [row] = await db
    .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, data: sessions.data })
    .from(sessions)
    .where(sessionIsUnexpired(hashed, now))
    .limit(1);
  return keepSessionAlive(hashed, row, now);
}

/** The WHERE condition of a live session row (by the hash of its id), for callers that join it to more. */
export function sessionIsUnexpired(hashedId: string | Placeholder, now: Date | Placeholder) {
  // why: raw, so a placeholder's value (an ISO string, in the prepared per-request query) is not passed through the
  // column's Date encoder; a Date is written as the encoder would (drizzle's postgres.js client sends dates as text).
  return and(
    eq(sessions.id, hashedId),
    sql`${sessions.expiresAt} > ${now instanceof Date ? now.toISOString() : now}`,
  )!;
}

/** Applies the idle timeout to a session row read with sessionIsUnexpired (ending it when idle), slides the window. */
export async function keepSessionAlive(
  hashedId: string,
  row: { userId: number | null; lastSeenAt: Date; data: unknown } | undefined,
  now: Date,
): Promise<{ userId: number; data: SessionData } | null> {
  if (!row?.userId) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await db.delete(sessions).where(eq(sessions.id, hashedId));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, hashedId));
  }
  return { userId: row.userId, data: (row.data ?? {}) as SessionData };
}

export async function updateSessionData(
  sessionId: string,
  update: (data: SessionData) => SessionData,
): Promise<void> {
  const hashed = hashSessionId(sessionId);
  const [row] = await db.select({ data: sessions.data }).from(sessions).where(eq(sessions.id, hashed));
  if (!row) return;
  await db
    .update(sessions)
    .set({ data: update((row.data ?? {}) as SessionData) })
    .where(eq(sessions.id, hashed));
}

/** Ends every session of the user except the one given (after a password change). */
export async function endOtherSessionsOf(userId: number, keepSessionId: string): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, hashSessionId(keepSessionId))));
}
