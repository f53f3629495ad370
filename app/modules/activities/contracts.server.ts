// The contracts an organization logs against, and the people in care inside a contract's area (for linking).
// Only minimal facts are shown: name, village, masked ID number; a file the user may not open (a child's, for
// organization staff) only by a masked name, found only by its exact full name, and every search is audited.
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { careProjects, contracts, facilities, people, regions } from "#db/schema";
import { loggableContracts } from "~/modules/access/activity-scope.server";
import { peopleInScope, regionIdsUnder } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import type { AuditActor } from "~/modules/audit/audit.server";
import { nameCondition, nameQueryOf } from "~/modules/people/names/search.server";
import { auditContractPeopleSearch } from "~/modules/people/search-audit.server";
import { type ShownPerson, shownPerson } from "~/modules/people/shown-person";
import { codePrefix } from "~/modules/regions/codes";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";

const township = alias(regions, "township");
const projectRegion = alias(regions, "project_region");
const village = alias(regions, "village");

export type LoggableContract = {
  id: number;
  code: string;
  title: string;
  startsOn: string;
  endsOn: string;
  organizationId: number;
  facilityId: number | null;
  careProjectId: number | null;
  subjectName: string;
  /** Code prefix of the area whose people the contract serves: the station's township, or the project's region. */
  areaPrefix: string;
};

function selectLoggable(db: DbOrTx) {
  return db
    .select({
      id: contracts.id,
      code: contracts.code,
      title: contracts.title,
      startsOn: contracts.startsOn,
      endsOn: contracts.endsOn,
      organizationId: contracts.organizationId,
      facilityId: contracts.facilityId,
      careProjectId: contracts.careProjectId,
      facilityName: facilities.name,
      projectName: careProjects.name,
      townshipCode: township.code,
      projectRegionCode: projectRegion.code,
    })
    .from(contracts)
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(township, eq(township.id, facilities.townshipId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .leftJoin(projectRegion, eq(projectRegion.id, careProjects.regionId));
}

type Raw = Awaited<ReturnType<ReturnType<typeof selectLoggable>["where"]>>[number];

function toLoggable(r: Raw): LoggableContract {
  const areaPrefix = r.townshipCode
    ? codePrefix(r.townshipCode, "township")
    : codePrefix(r.projectRegionCode!);
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    organizationId: r.organizationId,
    facilityId: r.facilityId,
    careProjectId: r.careProjectId,
    subjectName: r.facilityName ?? r.projectName ?? "",
    areaPrefix,
  };
}

export async function listLoggableContracts(user: SessionUser, db: DbOrTx = defaultDb) {
  const rows = await selectLoggable(db).where(loggableContracts(user)).orderBy(asc(contracts.code));
  return rows.map(toLoggable);
}

/** The contract, if the user may log against it now; null otherwise (another organization's, not active). */
export async function findLoggableContract(
  db: DbOrTx,
  user: SessionUser,
  contractId: number,
): Promise<LoggableContract | null> {
  const [row] = await selectLoggable(db).where(and(eq(contracts.id, contractId), loggableContracts(user)));
  return row ? toLoggable(row) : null;
}

function inArea(areaPrefix: string) {
  return sql`${people.villageId} in ${regionIdsUnder(areaPrefix)}`;
}

export type PersonMatch = ShownPerson;

function selectMatches(db: DbOrTx, user: SessionUser) {
  return db
    .select({
      id: people.id,
      fullName: people.fullName,
      villageName: village.name,
      idNumberMasked: people.idNumberMasked,
      visible: sql<boolean>`${peopleInScope(user)}`,
    })
    .from(people)
    .innerJoin(village, eq(village.id, people.villageId));
}

/**
 * People in care in the contract's area whose name contains `q`; minimal facts only, audited. A file the user may not
 * open matches only its exact full name, so a child cannot be found by a fragment of a name.
 */
export async function searchPeopleForContract({
  user,
  actor,
  contractId,
  q,
  limit = 20,
}: {
  user: SessionUser;
  actor: AuditActor;
  contractId: number;
  q: string;
  limit?: number;
}): Promise<PersonMatch[]> {
  const contract = await findLoggableContract(defaultDb, user, contractId);
  const text = q.trim().slice(0, 30);
  if (!contract || text === "") return [];
  const rows = await selectMatches(defaultDb, user)
    .where(
      and(
        inArea(contract.areaPrefix),
        eq(people.status, "active"),
        // Every spelling of a Tibetan name, pinyin and initials, as the register's search.
        nameCondition(nameQueryOf(text)),
        or(peopleInScope(user), eq(people.fullName, text)),
      ),
    )
    .orderBy(asc(people.fullName), asc(people.id))
    .limit(limit);
  const found = rows.map(shownPerson);
  await auditContractPeopleSearch(actor, {
    contractId,
    q: text,
    results: found.length,
    masked: found.filter((p) => p.masked).length,
  });
  return found;
}

/** The same minimal facts for chosen ids, limited to the contract's area (re-rendering a form after an error). */
export async function peopleInContractArea(
  db: DbOrTx,
  user: SessionUser,
  areaPrefix: string,
  personIds: number[],
): Promise<PersonMatch[]> {
  if (personIds.length === 0) return [];
  const rows = await selectMatches(db, user).where(
    and(inArray(people.id, personIds), inArea(areaPrefix), eq(people.status, "active")),
  );
  return rows.map(shownPerson);
}

/** The chosen people in the area of a contract the user may log against (none without one): the form shows them again. */
export async function chosenPeopleForContract(
  user: SessionUser,
  contractId: number | null,
  personIds: number[],
): Promise<PersonMatch[]> {
  const contract = contractId === null ? null : await findLoggableContract(defaultDb, user, contractId);
  return contract ? peopleInContractArea(defaultDb, user, contract.areaPrefix, personIds) : [];
}
