// How many people in care a contract serves: the denominator of "home visits per person in care per year".
// One round trip for any number of contracts (a UNION ALL of one indexed count per contract).
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { careProjects, contracts, facilities, people, regions } from "#db/schema";
import type { CareProjectKind, FacilityKind, PersonCategory } from "#db/schema/enums";
import { isChildFile, regionIdsUnder } from "~/modules/access/scope.server";
import { codePrefix } from "~/modules/regions/codes";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { literalEq, literalValues } from "~/utils/sql-literals";

type Served = "everyone" | "children" | "elderly" | "disabled";

// Whom a contract's subject serves, by its kind. A station serves every person in care of its township.
const servedByFacility: Record<FacilityKind, Served> = {
  social_work_station: "everyone",
  day_care_centre: "elderly",
  happiness_home: "elderly",
  elderly_activity_centre: "elderly",
  support_centre: "everyone",
  children_care_centre: "children",
};
const servedByProject: Record<CareProjectKind, Served> = {
  children: "children",
  elderly: "elderly",
  disability: "disabled",
  other: "everyone",
};

const elderlyCategories = [
  "advanced_age_elderly",
  "disabled_elderly",
] as const satisfies readonly PersonCategory[];
const disabledCategories = [
  "disabled",
  "severely_disabled",
  "disabled_elderly",
] as const satisfies readonly PersonCategory[];

const servedFiles: Record<Served, SQL> = {
  everyone: sql`true`,
  children: isChildFile,
  // why: the Law on the Protection of the Rights and Interests of the Elderly counts from 60; the register's
  // elderly categories also mark the subsidised elderly whose birth date alone would not.
  elderly: sql`(${people.birthDate} <= (current_date - interval '60 years') or ${people.categories} && array[${literalValues(elderlyCategories)}]::text[])`,
  disabled: sql`${people.categories} && array[${literalValues(disabledCategories)}]::text[]`,
};

const township = alias(regions, "township");
const projectRegion = alias(regions, "project_region");

/**
 * People in care each contract serves on `day` (contract id → count). The choice, for "home visits per person in
 * care per year":
 * - where: people whose village lies in the contract's area — the station's or facility's township, or the care
 *   project's region. It is the same area the activity form lets the organization link people from, so every
 *   person counted here is one whose visits the organization can record;
 * - who: the people the subject serves by its kind (children's files for a children's project or centre, the
 *   elderly for a day-care centre or happiness home, disabled people for a disability project, everyone for a
 *   station);
 * - when: in care on `day` — active, or left care after it — so a completed contract keeps its denominator. The
 *   register keeps no date a person came into care, so a file opened after `day` counts as well.
 */
export async function peopleInCareServed(
  db: DbOrTx,
  wanted: { contractId: number; day: string }[],
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (wanted.length === 0) return result;
  const ids = wanted.map((w) => w.contractId);
  const subjects = await db
    .select({
      id: contracts.id,
      facilityKind: facilities.kind,
      townshipCode: township.code,
      projectKind: careProjects.kind,
      projectRegionCode: projectRegion.code,
    })
    .from(contracts)
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(township, eq(township.id, facilities.townshipId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .leftJoin(projectRegion, eq(projectRegion.id, careProjects.regionId))
    .where(inArray(contracts.id, ids));
  const counts = subjects.flatMap((s) => {
    const day = wanted.find((w) => w.contractId === s.id)!.day;
    const area = s.townshipCode
      ? codePrefix(s.townshipCode, "township")
      : s.projectRegionCode
        ? codePrefix(s.projectRegionCode)
        : null;
    if (area === null) return [];
    const served = s.facilityKind
      ? servedByFacility[s.facilityKind]
      : s.projectKind
        ? servedByProject[s.projectKind]
        : "everyone";
    return [
      sql`(select ${s.id}::int as contract_id, count(*)::int as people from ${people}
        where ${people.villageId} in ${regionIdsUnder(area)}
          and (${literalEq(people.status, "active")} or ${people.statusOn} > ${day}::date)
          and ${servedFiles[served]})`,
    ];
  });
  if (counts.length === 0) return result;
  const rows = await queryRows<{ contract_id: number; people: number }>(
    db,
    sql.join(counts, sql` union all `),
  );
  for (const r of rows) result.set(Number(r.contract_id), Number(r.people));
  return result;
}
