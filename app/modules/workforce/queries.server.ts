// Read models of the workforce register: the filtered list, one worker, the form's choices, the trainings. Scope is
// in the WHERE clause (scope.server.ts); numbers a reader does not keep come back masked.
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import {
  contracts,
  facilities,
  organizations,
  regions,
  trainingParticipants,
  trainings,
  users,
  workerCertificates,
  workers,
} from "#db/schema";
import type { CertificateKind, SocialWorkLevel, WorkerRole } from "#db/schema/workforce-enums";
import { managedRegion } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { maskPhone } from "~/modules/kernel/masking";
import { containsPattern } from "~/modules/kernel/search-params";
import { prefixPattern } from "~/modules/regions/codes";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { employedOn } from "./figures.server";
import { maskCertificateNo } from "./masking";
import { facilitiesStaffedBy, trainingsInScope, workersInScope, workersManagedBy } from "./scope.server";

export type WorkerFilters = {
  q?: string;
  facility?: number;
  region?: string;
  role?: WorkerRole;
  qualification?: "certified" | "uncertified" | SocialWorkLevel;
  status?: "active" | "ended";
};

const township = sql`(select ${regions.code} from ${regions} where ${regions.id} = ${facilities.townshipId})`;

function filterConditions(filters: WorkerFilters, today: string): SQL[] {
  const parts: SQL[] = [];
  if (filters.q) parts.push(sql`${workers.fullName} ilike ${containsPattern(filters.q)}`);
  if (filters.facility) parts.push(eq(workers.facilityId, filters.facility));
  if (filters.region) parts.push(sql`${township} like ${prefixPattern(filters.region)}`);
  if (filters.role) parts.push(eq(workers.role, filters.role));
  const certified = sql`(${workers.socialWorkLevel} is not null or exists (select 1 from ${workerCertificates} where ${workerCertificates.workerId} = ${workers.id}))`;
  if (filters.qualification === "certified") parts.push(certified);
  else if (filters.qualification === "uncertified") parts.push(sql`not ${certified}`);
  else if (filters.qualification) parts.push(eq(workers.socialWorkLevel, filters.qualification));
  if (filters.status === "active") parts.push(employedOn(today));
  if (filters.status === "ended")
    parts.push(sql`(${workers.endsOn} is not null and ${workers.endsOn} < ${today})`);
  return parts;
}

type Certificate = { kind: CertificateKind; name: string | null; number: string | null; year: number | null };

async function certificatesOf(workerIds: number[]): Promise<Map<number, Certificate[]>> {
  const out = new Map<number, Certificate[]>();
  if (!workerIds.length) return out;
  const rows = await db
    .select({
      workerId: workerCertificates.workerId,
      kind: workerCertificates.kind,
      name: workerCertificates.name,
      number: workerCertificates.number,
      year: workerCertificates.year,
    })
    .from(workerCertificates)
    .where(inArray(workerCertificates.workerId, workerIds))
    .orderBy(asc(workerCertificates.id));
  for (const { workerId, ...c } of rows) out.set(workerId, [...(out.get(workerId) ?? []), c]);
  return out;
}

const workerColumns = (user: SessionUser) => ({
  id: workers.id,
  fullName: workers.fullName,
  facilityId: workers.facilityId,
  facilityName: facilities.name,
  employerOrganizationId: workers.employerOrganizationId,
  employerName: organizations.name,
  role: workers.role,
  phone: workers.phone,
  socialWorkLevel: workers.socialWorkLevel,
  socialWorkCertificateNo: workers.socialWorkCertificateNo,
  socialWorkYear: workers.socialWorkYear,
  startsOn: workers.startsOn,
  endsOn: workers.endsOn,
  endReason: workers.endReason,
  userId: workers.userId,
  accountEmail: users.email,
  canManage: sql<boolean>`${workersManagedBy(user)}`,
});

/** Phone and certificate numbers in full only for a reader who keeps the record. */
function shown<
  R extends { canManage: boolean; phone: string | null; socialWorkCertificateNo: string | null },
>(row: R, certificates: Certificate[]) {
  if (row.canManage) return { ...row, certificates };
  return {
    ...row,
    phone: maskPhone(row.phone),
    socialWorkCertificateNo: maskCertificateNo(row.socialWorkCertificateNo),
    certificates: certificates.map((c) => ({ ...c, number: maskCertificateNo(c.number) })),
  };
}

export async function listWorkers({
  user,
  filters,
  page = 1,
  pageSize = 50,
  now = new Date(),
}: {
  user: SessionUser;
  filters: WorkerFilters;
  page?: number;
  pageSize?: number;
  now?: Date;
}) {
  const where = and(workersInScope(user), ...filterConditions(filters, todayInShanghai(now)));
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(workerColumns(user))
      .from(workers)
      .innerJoin(facilities, eq(facilities.id, workers.facilityId))
      .leftJoin(organizations, eq(organizations.id, workers.employerOrganizationId))
      .leftJoin(users, eq(users.id, workers.userId))
      .where(where)
      .orderBy(asc(facilities.code), asc(workers.role), asc(workers.fullName), asc(workers.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(workers)
      .innerJoin(facilities, eq(facilities.id, workers.facilityId))
      .where(where),
  ]);
  const certificates = await certificatesOf(rows.map((r) => r.id));
  return { rows: rows.map((r) => shown(r, certificates.get(r.id) ?? [])), total: n };
}

/** One worker in the user's scope, with training hours; null outside it. */
export async function getWorker({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await db
    .select(workerColumns(user))
    .from(workers)
    .innerJoin(facilities, eq(facilities.id, workers.facilityId))
    .leftJoin(organizations, eq(organizations.id, workers.employerOrganizationId))
    .leftJoin(users, eq(users.id, workers.userId))
    .where(and(eq(workers.id, id), workersInScope(user)));
  if (!row) return null;
  const [certificates, attended] = await Promise.all([
    certificatesOf([row.id]),
    db
      .select({
        id: trainings.id,
        heldOn: trainings.heldOn,
        topic: trainings.topic,
        organizer: trainings.organizer,
        hours: trainings.hours,
      })
      .from(trainingParticipants)
      .innerJoin(trainings, eq(trainings.id, trainingParticipants.trainingId))
      .where(eq(trainingParticipants.workerId, row.id))
      .orderBy(sql`${trainings.heldOn} desc`),
  ]);
  return { ...shown(row, certificates.get(row.id) ?? []), trainings: attended };
}
export type WorkerDetail = NonNullable<Awaited<ReturnType<typeof getWorker>>>;

/** What the worker form offers: facilities the user may staff, and the organizations under contract at each. */
export async function workerFormOptions(user: SessionUser) {
  const [facilityRows, employerRows] = await Promise.all([
    db
      .select({ id: facilities.id, name: facilities.name, code: facilities.code })
      .from(facilities)
      .where(and(facilitiesStaffedBy(user), sql`${facilities.status} <> 'closed'`))
      .orderBy(asc(facilities.code)),
    db
      .selectDistinct({ id: organizations.id, name: organizations.name })
      .from(contracts)
      .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
      .innerJoin(facilities, eq(facilities.id, contracts.facilityId))
      .where(
        and(
          sql`${contracts.status} <> 'draft'`,
          facilitiesStaffedBy(user),
          user.scope.kind === "organization" ? eq(organizations.id, user.scope.organizationId) : undefined,
        ),
      )
      .orderBy(asc(organizations.name)),
  ]);
  return { facilities: facilityRows, employers: employerRows };
}

/** Trainings the user may see, newest first, with their participants counted. */
export async function listTrainings({ user, year }: { user: SessionUser; year?: number }) {
  return db
    .select({
      id: trainings.id,
      /** Whether the user keeps it (edits and deletes it): held in a region they manage. */
      canEdit: sql<boolean>`${managedRegion(user, trainings.regionId)}`,
      heldOn: trainings.heldOn,
      organizer: trainings.organizer,
      topic: trainings.topic,
      hours: trainings.hours,
      regionName: regions.name,
      outsideParticipants: trainings.outsideParticipants,
      workers: sql<number>`(select count(*)::int from ${trainingParticipants} where ${trainingParticipants.trainingId} = ${trainings.id})`,
    })
    .from(trainings)
    .innerJoin(regions, eq(regions.id, trainings.regionId))
    .where(
      and(
        trainingsInScope(user),
        year ? sql`extract(year from ${trainings.heldOn})::int = ${year}` : undefined,
      ),
    )
    .orderBy(sql`${trainings.heldOn} desc`, sql`${trainings.id} desc`)
    .limit(200);
}

/**
 * Workers a training form offers as participants: those the user sees, employed on the day, by facility; with
 * `current`, a recorded training's participants too, though they have left since.
 */
export async function participantChoices(user: SessionUser, now = new Date(), current: number[] = []) {
  const onTheDay = employedOn(todayInShanghai(now));
  return db
    .select({ id: workers.id, fullName: workers.fullName, facilityName: facilities.name, role: workers.role })
    .from(workers)
    .innerJoin(facilities, eq(facilities.id, workers.facilityId))
    .where(
      and(
        workersInScope(user),
        current.length ? sql`(${onTheDay} or ${inArray(workers.id, current)})` : onTheDay,
      ),
    )
    .orderBy(asc(facilities.code), asc(workers.fullName))
    .limit(1000);
}

/** Facilities in the user's scope that have or had workers, for the list's filter. */
export async function facilitiesWithWorkers(user: SessionUser) {
  return db
    .selectDistinct({ id: facilities.id, name: facilities.name, code: facilities.code })
    .from(workers)
    .innerJoin(facilities, eq(facilities.id, workers.facilityId))
    .where(workersInScope(user))
    .orderBy(asc(facilities.code));
}

/** Whether the worker is in the user's scope (a page's action checks it before reading the form). */
export async function workerInScope(user: SessionUser, id: number): Promise<boolean> {
  const [row] = await db
    .select({ id: workers.id })
    .from(workers)
    .where(and(eq(workers.id, id), workersInScope(user)));
  return Boolean(row);
}

/** A training as its edit form shows it, when the user keeps it (a region they manage); null otherwise. */
export async function trainingForEdit({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await db
    .select()
    .from(trainings)
    .where(and(eq(trainings.id, id), managedRegion(user, trainings.regionId)));
  if (!row) return null;
  const participants = await db
    .select({ workerId: trainingParticipants.workerId })
    .from(trainingParticipants)
    .where(eq(trainingParticipants.trainingId, id));
  return { ...row, workerIds: participants.map((p) => p.workerId) };
}
