// A private iCalendar feed of a staff member's scheduled visits, so they show in a phone calendar.
// The token is random, shown once, stored only as a SHA-256 hash, and revocable. The feed carries nothing personal
// beyond the person's masked name and village: no ID number, no phone, no address.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gte, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import ical from "ical-generator";
import { people, regions, users, visits } from "#db/schema";
import { resourcesFor } from "~/locales/resources.server";
import { loadSessionUser } from "~/modules/access/guard.server";
import { peopleInScope, visitsInScope } from "~/modules/access/scope.server";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { maskPersonName } from "~/modules/kernel/masking";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db as defaultDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** The site's address as the user's browser and calendar app reach it (through the reverse proxy). */
/**
 * Where a calendar app reaches this site: APP_URL when configured, else the request's own origin (the server entry
 * removed forwarded host and protocol headers unless a trusted proxy sent them).
 */
export function siteAddress(request: Request): string {
  return env().APP_URL ? new URL(env().APP_URL!).origin : new URL(request.url).origin;
}

/** The calendar's name as a phone's calendar list shows it. */
const calendarNames: Record<string, string> = {
  "zh-CN": "走访日程",
  en: "Home visits",
  bo: "བཅར་འདྲིའི་ལས་རིམ།",
};

function hashCalendarToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// why: turning the feed on answers a secret shown once, so its form carries no form key: a replayed answer would
// have to keep the token. Posting again gives a new token, which is what "replace" means.

/** Turns the feed on (or replaces its token): the returned token is shown once and never stored. */
export async function enableCalendarFeed({ userId, actor }: { userId: number; actor: AuditActor }) {
  const token = randomBytes(32).toString("base64url");
  await defaultDb.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ calendarTokenHash: hashCalendarToken(token) })
      .where(eq(users.id, userId));
    await recordAudit(tx, actor, { action: "calendar_feed.enable", entityType: "user", entityId: userId });
  });
  return token;
}

export async function revokeCalendarFeed({ userId, actor }: { userId: number; actor: AuditActor }) {
  await defaultDb.transaction(async (tx) => {
    await tx.update(users).set({ calendarTokenHash: null }).where(eq(users.id, userId));
    await recordAudit(tx, actor, { action: "calendar_feed.revoke", entityType: "user", entityId: userId });
  });
}

export async function calendarFeedEnabled(userId: number): Promise<boolean> {
  const [row] = await defaultDb
    .select({ on: sql<boolean>`${users.calendarTokenHash} is not null` })
    .from(users)
    .where(eq(users.id, userId));
  return row?.on ?? false;
}

const village = alias(regions, "village");

/** How far back and ahead the feed reaches. */
const FEED_PAST_DAYS = 30;
const FEED_AHEAD_DAYS = 180;

/** The feed for a token, or null when the token is unknown, revoked or its user disabled. */
export async function calendarFeedFor({
  token,
  baseUrl,
  now = new Date(),
}: {
  token: string;
  baseUrl: string;
  now?: Date;
}): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [owner] = await defaultDb
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.calendarTokenHash, hashCalendarToken(token)), isNull(users.disabledAt)));
  if (!owner) return null;
  const user = await loadSessionUser(owner.id, "calendar-feed");
  if (!user) return null;
  const today = todayInShanghai(now);
  const rows = await defaultDb
    .select({
      id: visits.id,
      kind: visits.kind,
      dueOn: visits.dueOn,
      personName: people.fullName,
      villageName: village.name,
    })
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .innerJoin(village, eq(village.id, people.villageId))
    .where(
      and(
        eq(visits.assignedUserId, user.id),
        eq(visits.status, "scheduled"),
        gte(visits.dueOn, addDaysToDate(today, -FEED_PAST_DAYS)),
        lte(visits.dueOn, addDaysToDate(today, FEED_AHEAD_DAYS)),
        visitsInScope(user),
        peopleInScope(user),
      ),
    )
    .orderBy(asc(visits.dueOn), asc(visits.id))
    .limit(2000);
  const labels = resourcesFor(user.locale).common;
  const chinese = user.locale !== "en" && user.locale !== "bo";
  const calendar = ical({
    name: calendarNames[user.locale] ?? calendarNames["zh-CN"],
    prodId: {
      company: "station-network",
      product: "visits",
      language: user.locale === "zh-CN" ? "ZH" : user.locale.toUpperCase(),
    },
    timezone: "Asia/Shanghai",
    ttl: 60 * 60,
  });
  for (const v of rows) {
    const kind = labels.enum.visitKind[v.kind];
    calendar.createEvent({
      id: `visit-${v.id}@station-network`,
      start: v.dueOn,
      allDay: true,
      summary: chinese
        ? `${kind}：${maskPersonName(v.personName)}（${v.villageName}）`
        : `${kind}: ${maskPersonName(v.personName)} (${v.villageName})`,
      url: new URL(`/visits/${v.id}`, baseUrl).toString(),
    });
  }
  return calendar.toString();
}
