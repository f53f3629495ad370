// Reading visits: the due-soon and overdue list, the week calendar, one visit with its person, colleagues to assign.
// Every query is limited to the user's stations and, for person details, to the people they may see.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, not, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, people, regions, users, visitPhotos, visits } from "#db/schema";
import { peopleInScope, visitsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { addDaysToDate, todayInShanghai, weekInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { isDbIdText } from "~/utils/ids";
import { literal } from "~/utils/sql-literals";
import { overdueVisit } from "./overdue.server";
import { daysOverdue } from "./schedule";

const village = alias(regions, "village");
const assignee = alias(users, "assignee");
const completer = alias(users, "completer");

export type VisitListFilter = {
  due: "overdue" | "soon" | "week" | "open";
  mine: boolean;
  kind?: "routine" | "follow_up" | "event";
  stationId?: number;
};

export function visitFilterFrom(search: URLSearchParams, user: SessionUser): VisitListFilter {
  const due = search.get("due") ?? search.get("status");
  const kind = search.get("kind");
  const station = search.get("station");
  return {
    due: due === "overdue" || due === "week" || due === "open" ? due : "soon",
    // Station staff see their own visits first; "all" shows the whole station.
    mine: user.scope.kind === "station" ? search.get("who") !== "all" : search.get("who") === "mine",
    kind: kind === "routine" || kind === "follow_up" || kind === "event" ? kind : undefined,
    stationId: isDbIdText(station) ? Number(station) : undefined,
  };
}

/** "Soon" means due within this many days; overdue visits are always on top of the list. */
const SOON_DAYS = 7;

const listColumns = {
  id: visits.id,
  kind: visits.kind,
  dueOn: visits.dueOn,
  scheduledAt: visits.scheduledAt,
  status: visits.status,
  notes: visits.notes,
  followUpOfId: visits.followUpOfId,
  personId: people.id,
  personName: people.fullName,
  riskTier: people.riskTier,
  villageName: village.name,
  stationName: facilities.name,
  assignedUserId: visits.assignedUserId,
  assignedName: assignee.name,
};

function scoped(user: SessionUser): SQL {
  return and(visitsInScope(user), peopleInScope(user))!;
}

/**
 * "Due this week": from today to Sunday of this week in Asia/Shanghai, less what is already overdue (earlier days,
 * and an event visit past its deadline today), which is its own list; the home page counts the same.
 */
export function dueThisWeek(now: Date = new Date()): { from: string; to: string } {
  return { from: todayInShanghai(now), to: weekInShanghai(now).end };
}

export async function listOpenVisits({
  user,
  filter,
  now = new Date(),
  page = 1,
  pageSize = 50,
}: {
  user: SessionUser;
  filter: VisitListFilter;
  now?: Date;
  page?: number;
  pageSize?: number;
}) {
  const today = todayInShanghai(now);
  const week = dueThisWeek(now);
  const overdue = overdueVisit({ now });
  const range =
    filter.due === "overdue"
      ? overdue
      : filter.due === "soon"
        ? lte(visits.dueOn, addDaysToDate(today, SOON_DAYS))
        : filter.due === "week"
          ? and(gte(visits.dueOn, week.from), lte(visits.dueOn, week.to), not(overdue))
          : undefined;
  const where = and(
    eq(visits.status, "scheduled"),
    scoped(user),
    range,
    filter.mine ? eq(visits.assignedUserId, user.id) : undefined,
    filter.kind ? eq(visits.kind, filter.kind) : undefined,
    filter.stationId ? eq(visits.stationId, filter.stationId) : undefined,
  );
  const base = () =>
    db
      .select(listColumns)
      .from(visits)
      .innerJoin(people, eq(people.id, visits.personId))
      .innerJoin(village, eq(village.id, people.villageId))
      .innerJoin(facilities, eq(facilities.id, visits.stationId))
      .leftJoin(assignee, eq(assignee.id, visits.assignedUserId));
  const [rows, [{ total }], [counts]] = await Promise.all([
    base()
      .where(where)
      .orderBy(
        // Overdue on top, an event visit past its deadline today among them.
        sql`${overdue} desc`,
        asc(visits.dueOn),
        sql`case ${people.riskTier} when ${literal(people.riskTier, "high")} then 0 when ${literal(people.riskTier, "key")} then 1 else 2 end`,
        asc(visits.id),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(visits).innerJoin(people, eq(people.id, visits.personId)).where(where),
    db
      .select({
        overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
        today: sql<number>`count(*) filter (where ${visits.dueOn} = ${today} and not ${overdue})`.mapWith(
          Number,
        ),
        soon: sql<number>`count(*) filter (where ${visits.dueOn} > ${today} and ${visits.dueOn} <= ${addDaysToDate(today, SOON_DAYS)} and not ${overdue})`.mapWith(
          Number,
        ),
      })
      .from(visits)
      .innerJoin(people, eq(people.id, visits.personId))
      .where(
        and(
          eq(visits.status, "scheduled"),
          scoped(user),
          filter.mine ? eq(visits.assignedUserId, user.id) : undefined,
        ),
      ),
  ]);
  return { rows: rows.map((v) => ({ ...v, overdueDays: daysOverdue(v, now) })), total, counts, today };
}

/** Monday-to-Sunday of visits (open and done), for the week calendar. */
export async function weekOfVisits({
  user,
  weekStart,
  mine,
  now = new Date(),
}: {
  user: SessionUser;
  weekStart: string;
  mine: boolean;
  now?: Date;
}) {
  const weekEnd = addDaysToDate(weekStart, 6);
  const rows = await db
    .select({
      ...listColumns,
      completedOn: sql<string | null>`(${visits.completedAt} at time zone 'Asia/Shanghai')::date::text`,
    })
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .innerJoin(village, eq(village.id, people.villageId))
    .innerJoin(facilities, eq(facilities.id, visits.stationId))
    .leftJoin(assignee, eq(assignee.id, visits.assignedUserId))
    .where(
      and(
        scoped(user),
        inArray(visits.status, ["scheduled", "completed", "missed"]),
        gte(visits.dueOn, weekStart),
        lte(visits.dueOn, weekEnd),
        mine ? eq(visits.assignedUserId, user.id) : undefined,
      ),
    )
    .orderBy(asc(visits.dueOn), asc(village.name), asc(visits.id))
    .limit(1000);
  const days = Array.from({ length: 7 }, (_, i) => addDaysToDate(weekStart, i));
  return { days, visits: rows.map((v) => ({ ...v, overdueDays: daysOverdue(v, now) })) };
}

/** One visit with what the form needs; null outside the user's scope. */
export async function getVisit({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await db
    .select({
      visit: visits,
      personName: people.fullName,
      personStatus: people.status,
      personNextDueOn: people.nextDueOn,
      riskTier: people.riskTier,
      categories: people.categories,
      villageName: village.name,
      stationName: facilities.name,
      assignedName: assignee.name,
      completedByName: completer.name,
    })
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .innerJoin(village, eq(village.id, people.villageId))
    .innerJoin(facilities, eq(facilities.id, visits.stationId))
    .leftJoin(assignee, eq(assignee.id, visits.assignedUserId))
    .leftJoin(completer, eq(completer.id, visits.completedBy))
    .where(and(eq(visits.id, id), scoped(user)))
    .limit(1);
  if (!row) return null;
  const [origin, followUps] = await Promise.all([
    row.visit.followUpOfId
      ? db
          .select({
            id: visits.id,
            dueOn: visits.dueOn,
            outcomeReason: visits.outcomeReason,
            completedAt: visits.completedAt,
          })
          .from(visits)
          .where(eq(visits.id, row.visit.followUpOfId))
      : Promise.resolve([]),
    db
      .select({ id: visits.id, dueOn: visits.dueOn, status: visits.status })
      .from(visits)
      .where(eq(visits.followUpOfId, id))
      .orderBy(desc(visits.dueOn)),
  ]);
  return { ...row, origin: origin[0] ?? null, followUps };
}

/** Station staff who can take a visit at this station. */
export async function colleaguesAt(stationId: number) {
  return db
    .select({ id: users.id, name: users.name, isStationHead: users.isStationHead })
    .from(users)
    .where(and(eq(users.facilityId, stationId), eq(users.role, "station_staff"), isNull(users.disabledAt)))
    .orderBy(desc(users.isStationHead), asc(users.name));
}

/** Colleagues for the bulk form: station staff see their station's; planners every station's in scope. */
export async function assignableStaff(user: SessionUser) {
  if (user.scope.kind === "station") return colleaguesAt(user.scope.facilityId);
  return [];
}

/** The photos taken on these visits, oldest first (the caller checked the reader may see the visits). */
export async function photosOfVisits(visitIds: number[]) {
  if (visitIds.length === 0) return [];
  return db
    .select({
      id: visitPhotos.id,
      visitId: visitPhotos.visitId,
      width: visitPhotos.width,
      height: visitPhotos.height,
    })
    .from(visitPhotos)
    .where(inArray(visitPhotos.visitId, visitIds))
    .orderBy(asc(visitPhotos.id));
}

export type VisitPhoto = Awaited<ReturnType<typeof photosOfVisits>>[number];

/** One photo of a visit, only when the reader may open that visit (its station and its person in their scope). */
export async function findVisitPhoto({
  user,
  visitId,
  photoId,
}: {
  user: SessionUser;
  visitId: number;
  photoId: number;
}) {
  const [row] = await db
    .select({
      path: visitPhotos.path,
      thumbPath: visitPhotos.thumbPath,
      mimeType: visitPhotos.mimeType,
      sha256: visitPhotos.sha256,
    })
    .from(visitPhotos)
    .innerJoin(visits, eq(visits.id, visitPhotos.visitId))
    .innerJoin(people, eq(people.id, visits.personId))
    .where(and(eq(visitPhotos.id, photoId), eq(visitPhotos.visitId, visitId), scoped(user)));
  return row ?? null;
}
