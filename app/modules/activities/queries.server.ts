// Reading activities: the review feed, one activity with its photos, people, flags and edit requests, filter options.
import { and, asc, count, desc, eq, gte, ilike, isNull, lte, type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import {
  activities,
  activityEditRequests,
  activityFlags,
  activityPeople,
  activityPhotos,
  careProjects,
  contracts,
  facilities,
  organizations,
  people,
  regions,
  users,
} from "#db/schema";
import type { FacilityKind } from "#db/schema/enums";
import { activitiesInScope, liveActivitiesInScope } from "~/modules/access/activity-scope.server";
import { roleHas } from "~/modules/access/permissions";
import {
  careProjectsInScope,
  contractsInScope,
  facilitiesInScope,
  idIn,
  organizationsInScope,
  peopleInScope,
} from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { shownPerson } from "~/modules/people/shown-person";
import { prefixPattern } from "~/modules/regions/codes";
import { db } from "~/utils/db.server";
import { literalEq, literalNe } from "~/utils/sql-literals";
import type { ActivityFilters } from "./filters";

/** Conditions for the filters, on top of the scope. */
function filterConditions(filters: ActivityFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.organization) where.push(eq(activities.organizationId, filters.organization));
  if (filters.facility) where.push(eq(activities.facilityId, filters.facility));
  if (filters.project) where.push(eq(activities.careProjectId, filters.project));
  if (filters.contract) where.push(eq(activities.contractId, filters.contract));
  if (filters.kind) where.push(eq(activities.kind, filters.kind));
  if (filters.from) where.push(gte(activities.occurredOn, filters.from));
  if (filters.to) where.push(lte(activities.occurredOn, filters.to));
  if (filters.facilityKind)
    where.push(
      sql`${activities.facilityId} in (select ${facilities.id} from ${facilities} where ${facilities.kind} = ${filters.facilityKind})`,
    );
  if (filters.projectKind)
    where.push(
      sql`${activities.careProjectId} in (select ${careProjects.id} from ${careProjects} where ${careProjects.kind} = ${filters.projectKind})`,
    );
  if (filters.region) {
    const prefix = prefixPattern(filters.region);
    where.push(
      sql`(${idIn(activities.facilityId, sql`(select ${facilities.id} from ${facilities} join ${regions} on ${regions.id} = ${facilities.townshipId} where ${regions.code} like ${prefix})`)}
      or ${idIn(activities.careProjectId, sql`(select ${careProjects.id} from ${careProjects} join ${regions} on ${regions.id} = ${careProjects.regionId} where ${regions.code} like ${prefix})`)})`,
    );
  }
  if (filters.flagged === "open")
    where.push(
      sql`exists (select 1 from ${activityFlags} where ${activityFlags.activityId} = ${activities.id} and ${literalNe(activityFlags.status, "resolved")})`,
    );
  if (filters.flagged === "any")
    where.push(
      sql`exists (select 1 from ${activityFlags} where ${activityFlags.activityId} = ${activities.id})`,
    );
  if (filters.q) where.push(ilike(activities.summary, `%${filters.q.replace(/[\\%_]/g, "\\$&")}%`));
  return where;
}

/** Planners, auditors and admins review deletions; organizations and stations no longer see deleted activities. */
function seesDeletedActivities(user: SessionUser): boolean {
  return roleHas(user.role, "read:deleted_activity");
}

const subjectName = sql<string>`coalesce(${facilities.name}, ${careProjects.name})`.as("subject_name");

/** What the feed and the export both show of an activity. */
const shownColumns = {
  id: activities.id,
  occurredOn: activities.occurredOn,
  kind: activities.kind,
  participants: activities.participants,
  personTimes: activities.personTimes,
  hours: activities.hours,
  summary: activities.summary,
};
const photoCount = sql<number>`(select count(*) from ${activityPhotos} where ${activityPhotos.activityId} = ${activities.id})::int`;
const peopleCount = sql<number>`(select count(*) from ${activityPeople} where ${activityPeople.activityId} = ${activities.id})::int`;

export async function listActivities({
  user,
  filters,
  page = 1,
  pageSize = 25,
}: {
  user: SessionUser;
  filters: ActivityFilters;
  page?: number;
  pageSize?: number;
}) {
  const where = and(liveActivitiesInScope(user), ...filterConditions(filters));
  // The page's ids first, sorted on the activities alone; the joins and per-row counts then run for 25 rows, not for
  // every activity in scope (a prefecture's 17,700: 46 ms against a few).
  const pageIds = db
    .select({ id: activities.id })
    .from(activities)
    .where(where)
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .as("page_ids");
  const [rows, [{ total, personTimes }]] = await Promise.all([
    db
      .select({
        ...shownColumns,
        contractId: activities.contractId,
        contractCode: contracts.code,
        organizationId: activities.organizationId,
        organizationName: organizations.name,
        facilityId: activities.facilityId,
        careProjectId: activities.careProjectId,
        subjectName,
        createdAt: activities.createdAt,
        photos: photoCount,
        people: peopleCount,
        openFlags: sql<number>`(select count(*) from ${activityFlags} where ${activityFlags.activityId} = ${activities.id} and ${literalEq(activityFlags.status, "open")})::int`,
        answeredFlags: sql<number>`(select count(*) from ${activityFlags} where ${activityFlags.activityId} = ${activities.id} and ${literalEq(activityFlags.status, "answered")})::int`,
        pendingEdits: sql<number>`(select count(*) from ${activityEditRequests} where ${activityEditRequests.activityId} = ${activities.id} and ${literalEq(activityEditRequests.status, "pending")})::int`,
        thumbId: sql<
          number | null
        >`(select min(${activityPhotos.id}) from ${activityPhotos} where ${activityPhotos.activityId} = ${activities.id})`,
      })
      .from(activities)
      .innerJoin(pageIds, eq(pageIds.id, activities.id))
      .innerJoin(contracts, eq(contracts.id, activities.contractId))
      .innerJoin(organizations, eq(organizations.id, activities.organizationId))
      .leftJoin(facilities, eq(facilities.id, activities.facilityId))
      .leftJoin(careProjects, eq(careProjects.id, activities.careProjectId))
      .orderBy(desc(activities.occurredOn), desc(activities.id)),
    db
      .select({
        total: count(),
        personTimes: sql<number>`coalesce(sum(${activities.personTimes}), 0)::int`,
      })
      .from(activities)
      .where(where),
  ]);
  return { rows, total, personTimes };
}

/** Every matching activity (no paging) for the CSV export and the calendar; bounded by the caller's date range. */
export async function activitiesForExport({
  user,
  filters,
  limit = 20_000,
}: {
  user: SessionUser;
  filters: ActivityFilters;
  limit?: number;
}) {
  return db
    .select({
      ...shownColumns,
      contractCode: contracts.code,
      organizationName: organizations.name,
      subjectName,
      people: peopleCount,
      photos: photoCount,
    })
    .from(activities)
    .innerJoin(contracts, eq(contracts.id, activities.contractId))
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .leftJoin(facilities, eq(facilities.id, activities.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, activities.careProjectId))
    .where(and(liveActivitiesInScope(user), ...filterConditions(filters)))
    .orderBy(asc(activities.occurredOn), asc(activities.id))
    .limit(limit);
}

/** Whether the owner (an organization, facility or project id) has any activity under `column`. */
const hasActivities = (column: AnyPgColumn, ownerId: AnyPgColumn) =>
  sql`exists (select 1 from ${activities} where ${column} = ${ownerId})`;

/**
 * Organizations, facilities and projects the user may filter by (only those with activities in scope), in one
 * statement: three were three round trips on every load of the feed.
 */
export async function feedFilterOptions(user: SessionUser) {
  const none = sql<FacilityKind | null>`null`;
  // why: facilities first, so the union's "kind" takes the facility kind's type (an untyped null first would make it
  // text, and kinds would sort by their names instead of the enum's order).
  const rows = await db
    .select({
      part: sql<number>`2`.as("part"),
      id: facilities.id,
      name: facilities.name,
      kind: sql<FacilityKind | null>`${facilities.kind}`.as("kind"),
    })
    .from(facilities)
    .where(and(facilitiesInScope(user), hasActivities(activities.facilityId, facilities.id)))
    .unionAll(
      db
        .select({
          part: sql<number>`1`.as("part"),
          id: organizations.id,
          name: organizations.name,
          kind: none,
        })
        .from(organizations)
        .where(and(organizationsInScope(user), hasActivities(activities.organizationId, organizations.id))),
    )
    .unionAll(
      db
        .select({ part: sql<number>`3`.as("part"), id: careProjects.id, name: careProjects.name, kind: none })
        .from(careProjects)
        .where(and(careProjectsInScope(user), hasActivities(activities.careProjectId, careProjects.id))),
    )
    .orderBy(sql`"part"`, sql`"kind"`, sql`"name"`);
  const part = (n: number) => rows.filter((r) => r.part === n);
  return {
    organizations: part(1).map(({ id, name }) => ({ id, name })),
    facilities: part(2).map(({ id, name, kind }) => ({ id, name, kind: kind! })),
    projects: part(3).map(({ id, name }) => ({ id, name })),
  };
}

const flagger = alias(users, "flagger");
const responder = alias(users, "responder");
const requester = alias(users, "requester");
const decider = alias(users, "decider");
const village = alias(regions, "village");

/**
 * One activity in the user's scope, or null (→ 404). Deleted activities stay readable only to those who review
 * (planners, auditors, admins), with the deletion shown.
 */
export async function getActivity({ user, id }: { user: SessionUser; id: number }) {
  const seesDeleted = seesDeletedActivities(user);
  const [row] = await db
    .select({
      activity: activities,
      contract: {
        id: contracts.id,
        code: contracts.code,
        title: contracts.title,
        startsOn: contracts.startsOn,
        endsOn: contracts.endsOn,
        status: contracts.status,
      },
      organizationName: organizations.name,
      facility: { id: facilities.id, name: facilities.name, kind: facilities.kind },
      project: { id: careProjects.id, name: careProjects.name },
      createdByName: users.name,
    })
    .from(activities)
    .innerJoin(contracts, eq(contracts.id, activities.contractId))
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .leftJoin(facilities, eq(facilities.id, activities.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, activities.careProjectId))
    .leftJoin(users, eq(users.id, activities.createdBy))
    .where(
      and(
        eq(activities.id, id),
        activitiesInScope(user),
        seesDeleted ? undefined : isNull(activities.deletedAt),
      ),
    );
  if (!row) return null;
  const [photos, linked, flags, editRequests] = await Promise.all([
    db
      .select({
        id: activityPhotos.id,
        width: activityPhotos.width,
        height: activityPhotos.height,
        bytes: activityPhotos.bytes,
        mimeType: activityPhotos.mimeType,
      })
      .from(activityPhotos)
      .where(eq(activityPhotos.activityId, id))
      .orderBy(asc(activityPhotos.id)),
    // A linked file the reader may not open (a child's, for organization staff and the auditor) shows masked.
    db
      .select({
        id: people.id,
        fullName: people.fullName,
        idNumberMasked: people.idNumberMasked,
        villageName: village.name,
        visible: sql<boolean>`${peopleInScope(user)}`,
      })
      .from(activityPeople)
      .innerJoin(people, eq(people.id, activityPeople.personId))
      .innerJoin(village, eq(village.id, people.villageId))
      .where(eq(activityPeople.activityId, id))
      .orderBy(asc(people.fullName))
      .then((rows) => rows.map(shownPerson)),
    db
      .select({
        id: activityFlags.id,
        comment: activityFlags.comment,
        status: activityFlags.status,
        response: activityFlags.response,
        createdAt: activityFlags.createdAt,
        respondedAt: activityFlags.respondedAt,
        resolvedAt: activityFlags.resolvedAt,
        flaggedByName: flagger.name,
        respondedByName: responder.name,
      })
      .from(activityFlags)
      .leftJoin(flagger, eq(flagger.id, activityFlags.flaggedBy))
      .leftJoin(responder, eq(responder.id, activityFlags.respondedBy))
      .where(eq(activityFlags.activityId, id))
      .orderBy(asc(activityFlags.createdAt)),
    db
      .select({
        id: activityEditRequests.id,
        changes: activityEditRequests.changes,
        reason: activityEditRequests.reason,
        status: activityEditRequests.status,
        createdAt: activityEditRequests.createdAt,
        decidedAt: activityEditRequests.decidedAt,
        requestedByName: requester.name,
        decidedByName: decider.name,
      })
      .from(activityEditRequests)
      .leftJoin(requester, eq(requester.id, activityEditRequests.requestedBy))
      .leftJoin(decider, eq(decider.id, activityEditRequests.decidedBy))
      .where(eq(activityEditRequests.activityId, id))
      .orderBy(desc(activityEditRequests.createdAt)),
  ]);
  return { ...row, photos, people: linked, flags, editRequests };
}

/** A photo's stored files, if its activity is in the user's scope and not deleted. */
export async function findPhoto({
  user,
  activityId,
  photoId,
}: {
  user: SessionUser;
  activityId: number;
  photoId: number;
}) {
  const [row] = await db
    .select({
      path: activityPhotos.path,
      thumbPath: activityPhotos.thumbPath,
      mimeType: activityPhotos.mimeType,
      sha256: activityPhotos.sha256,
    })
    .from(activityPhotos)
    .innerJoin(activities, eq(activities.id, activityPhotos.activityId))
    .where(
      and(
        eq(activityPhotos.id, photoId),
        eq(activityPhotos.activityId, activityId),
        activitiesInScope(user),
        // Reviewers still see the evidence of a deleted activity; everyone else loses it with the activity.
        seesDeletedActivities(user) ? undefined : isNull(activities.deletedAt),
      ),
    );
  return row ?? null;
}

/** Open flags on the user's organization's activities: what the organization must answer. */
export async function openFlagCount(user: SessionUser): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(activityFlags)
    .innerJoin(activities, eq(activities.id, activityFlags.activityId))
    .where(and(eq(activityFlags.status, "open"), liveActivitiesInScope(user)));
  return row?.n ?? 0;
}

/** Edit requests waiting for a planner in the user's scope. */
export async function pendingEditRequests(user: SessionUser) {
  return db
    .select({
      id: activityEditRequests.id,
      activityId: activityEditRequests.activityId,
      createdAt: activityEditRequests.createdAt,
      organizationName: organizations.name,
      occurredOn: activities.occurredOn,
    })
    .from(activityEditRequests)
    .innerJoin(activities, eq(activities.id, activityEditRequests.activityId))
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(and(eq(activityEditRequests.status, "pending"), liveActivitiesInScope(user)))
    .orderBy(asc(activityEditRequests.createdAt))
    .limit(50);
}

export type CalendarSubject = { kind: "facility" | "organization" | "contract"; id: number; name: string };

/** The station / organization / contract a calendar is for, if the user may see it; null → 404. */
export async function findCalendarSubject({
  user,
  kind,
  id,
}: {
  user: SessionUser;
  kind: CalendarSubject["kind"];
  id: number;
}): Promise<CalendarSubject | null> {
  if (kind === "facility") {
    const [row] = await db
      .select({ name: facilities.name })
      .from(facilities)
      .where(and(eq(facilities.id, id), facilitiesInScope(user)));
    return row ? { kind, id, name: row.name } : null;
  }
  if (kind === "organization") {
    const [row] = await db
      .select({ name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.id, id), organizationsInScope(user)));
    return row ? { kind, id, name: row.name } : null;
  }
  const [row] = await db
    .select({ code: contracts.code, title: contracts.title })
    .from(contracts)
    .where(and(eq(contracts.id, id), contractsInScope(user)));
  return row ? { kind, id, name: `${row.title} (${row.code})` } : null;
}
