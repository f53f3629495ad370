// Reading households: the list, one household with its members (masked where the reader may not open a file) and
// their visits, the household shown on a person's file, and who may still join.
import { and, asc, desc, eq, ilike, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { householdMembers, households, people, regions, visits } from "#db/schema";
import { shownContact } from "~/modules/access/contact";
import { userCan } from "~/modules/access/guard.server";
import { peopleInScope, visitsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type ShownPerson, shownPerson } from "~/modules/people/shown-person";
import { db } from "~/utils/db.server";
import type { HouseholdRelation } from "./relations";
import { householdsInScope } from "./scope.server";

const village = alias(regions, "village");
const township = alias(regions, "township");

/** Head first, then by relation as the register lists them, then by age. */
const memberOrder = [
  sql`array_position(array['head','spouse','parent','child','grandchild','sibling','other']::text[], ${householdMembers.relation})`,
  asc(people.birthDate),
  asc(people.id),
];

export const HOUSEHOLDS_PAGE = 50;

export async function listHouseholds({
  user,
  q,
  page = 1,
}: {
  user: SessionUser;
  q?: string;
  page?: number;
}) {
  const conditions: SQL[] = [householdsInScope(user)];
  if (q) conditions.push(ilike(households.number, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const head = alias(people, "head");
  const headMember = alias(householdMembers, "head_member");
  const rows = await db
    .select({
      id: households.id,
      number: households.number,
      villageName: village.name,
      townshipName: township.name,
      headId: head.id,
      headName: head.fullName,
      headVisible: sql<boolean>`coalesce(${sql`(select ${peopleInScope(user)} from ${people} where ${people.id} = ${head.id})`}, false)`,
      members: sql<number>`(select count(*)::int from ${householdMembers} where ${householdMembers.householdId} = ${households.id})`,
    })
    .from(households)
    .innerJoin(village, eq(village.id, households.villageId))
    .leftJoin(township, eq(township.id, village.parentId))
    .leftJoin(headMember, and(eq(headMember.householdId, households.id), eq(headMember.relation, "head")))
    .leftJoin(head, eq(head.id, headMember.personId))
    .where(and(...conditions))
    .orderBy(asc(village.code), asc(households.number), asc(households.id))
    .limit(HOUSEHOLDS_PAGE + 1)
    .offset((page - 1) * HOUSEHOLDS_PAGE);
  return {
    more: rows.length > HOUSEHOLDS_PAGE,
    rows: rows.slice(0, HOUSEHOLDS_PAGE).map(({ headId, headName, headVisible, ...r }) => ({
      ...r,
      head:
        headId !== null && headName !== null
          ? shownPerson({
              id: headId,
              fullName: headName,
              villageName: null,
              idNumberMasked: null,
              visible: headVisible,
            })
          : null,
    })),
  };
}

export type HouseholdMember = {
  person: ShownPerson;
  relation: HouseholdRelation;
  /** Hidden (null) for a member whose file the reader may not open. */
  categories: string[] | null;
  status: string;
  visits: MemberVisit[] | null;
};

export type MemberVisit = {
  id: number;
  kind: string;
  status: string;
  dueOn: string;
  outcome: string | null;
  completedOn: string | null;
};

/** Visits shown per member: the open one and the latest recorded. */
const VISITS_PER_MEMBER = 4;

export async function getHousehold({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await db
    .select({
      id: households.id,
      number: households.number,
      address: households.address,
      villageId: households.villageId,
      villageName: village.name,
      townshipName: township.name,
    })
    .from(households)
    .innerJoin(village, eq(village.id, households.villageId))
    .leftJoin(township, eq(township.id, village.parentId))
    .where(and(eq(households.id, id), householdsInScope(user)));
  if (!row) return null;
  const memberRows = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      idNumberMasked: people.idNumberMasked,
      villageName: village.name,
      categories: people.categories,
      status: people.status,
      relation: householdMembers.relation,
      visible: sql<boolean>`${peopleInScope(user)}`,
    })
    .from(householdMembers)
    .innerJoin(people, eq(people.id, householdMembers.personId))
    .innerJoin(village, eq(village.id, people.villageId))
    .where(eq(householdMembers.householdId, id))
    .orderBy(...memberOrder);
  const visibleIds = memberRows.filter((m) => m.visible).map((m) => m.id);
  const seesVisits = userCan(user, "read:visit");
  const visitRows =
    seesVisits && visibleIds.length
      ? await db
          .select({
            id: visits.id,
            personId: visits.personId,
            kind: visits.kind,
            status: visits.status,
            dueOn: visits.dueOn,
            outcome: visits.outcome,
            completedOn: sql<
              string | null
            >`((${visits.completedAt} at time zone 'Asia/Shanghai')::date)::text`,
          })
          .from(visits)
          .where(and(inArray(visits.personId, visibleIds), visitsInScope(user)))
          .orderBy(
            sql`case when ${visits.status} = 'scheduled' then 0 else 1 end`,
            desc(sql`coalesce(${visits.completedAt}, ${visits.dueOn}::timestamptz)`),
            desc(visits.id),
          )
      : [];
  const members: HouseholdMember[] = memberRows.map((m) => ({
    person: shownPerson(m),
    relation: m.relation,
    categories: m.visible ? m.categories : null,
    status: m.status,
    visits:
      m.visible && seesVisits
        ? visitRows
            .filter((v) => v.personId === m.id && v.status !== "cancelled")
            .slice(0, VISITS_PER_MEMBER)
            .map(({ personId: _p, ...v }) => v)
        : null,
  }));
  return {
    ...row,
    address: shownContact(user, { address: row.address }).address,
    members,
  };
}

export type HouseholdPage = NonNullable<Awaited<ReturnType<typeof getHousehold>>>;

/** The household on a person's file: its number, the person's relation and the head's name (masked as needed). */
export async function householdOfPerson({ user, personId }: { user: SessionUser; personId: number }) {
  const [row] = await db
    .select({
      id: households.id,
      number: households.number,
      relation: householdMembers.relation,
      // The inner household_members is the subquery's own (it shadows the outer one).
      members: sql<number>`(select count(*)::int from ${householdMembers} where ${householdMembers.householdId} = ${households.id})`,
    })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(and(eq(householdMembers.personId, personId), householdsInScope(user)));
  return row ?? null;
}

/**
 * People who may join a household: files the user may open in its village, active, in no household yet. A
 * household is a village's; a member who lives elsewhere is added from the import or after moving their file.
 */
export async function joinCandidates({ user, villageId }: { user: SessionUser; villageId: number }) {
  return db
    .select({ id: people.id, fullName: people.fullName, birthDate: people.birthDate })
    .from(people)
    .leftJoin(householdMembers, eq(householdMembers.personId, people.id))
    .where(
      and(
        eq(people.villageId, villageId),
        eq(people.status, "active"),
        isNull(householdMembers.personId),
        peopleInScope(user),
      ),
    )
    .orderBy(asc(people.fullName), asc(people.id))
    .limit(200);
}

/** The person a new household is founded with: a file the user may open, with its village and address. */
export async function foundingPerson({ user, personId }: { user: SessionUser; personId: number }) {
  const [row] = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      villageName: village.name,
      address: people.address,
      householdId: householdMembers.householdId,
    })
    .from(people)
    .innerJoin(village, eq(village.id, people.villageId))
    .leftJoin(householdMembers, eq(householdMembers.personId, people.id))
    .where(and(eq(people.id, personId), peopleInScope(user)));
  return row ?? null;
}

/**
 * The household visit's form: each member whose file the user may open, with the visit the form records (their
 * open visit due first, in the user's visit scope) and its version (ADR 014).
 */
export async function householdVisitMembers({
  user,
  householdId,
}: {
  user: SessionUser;
  householdId: number;
}) {
  const rows = await db
    .select({
      personId: people.id,
      fullName: people.fullName,
      relation: householdMembers.relation,
      status: people.status,
      visitId: visits.id,
      dueOn: visits.dueOn,
      kind: visits.kind,
      version: visits.version,
    })
    .from(householdMembers)
    .innerJoin(people, eq(people.id, householdMembers.personId))
    .leftJoin(
      visits,
      and(eq(visits.personId, people.id), eq(visits.status, "scheduled"), visitsInScope(user)),
    )
    .where(and(eq(householdMembers.householdId, householdId), peopleInScope(user)))
    .orderBy(...memberOrder, asc(visits.dueOn), asc(visits.id));
  // One visit per member: the one due first.
  const seen = new Set<number>();
  return rows.filter((r) => {
    if (seen.has(r.personId)) return false;
    seen.add(r.personId);
    return true;
  });
}
