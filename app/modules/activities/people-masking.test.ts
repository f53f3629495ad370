// Children's data on the activity side (issue 12): organization staff — also through an elderly day-care contract —
// and the auditor see a child linked to an activity only as a masked name, find a child only by the full name, and
// every search is audited. The planner who may open children's files sees them in full.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "#db/schema";
import { isChildFile } from "~/modules/access/scope.server";
import { maskPersonName } from "~/modules/kernel/masking";
import { actorOf } from "~/modules/people/testing.server";
import { db, queryRows } from "~/utils/db.server";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { chosenPeopleForContract, listLoggableContracts, searchPeopleForContract } from "./contracts.server";
import { getActivity } from "./queries.server";

useTestDatabase({ template: "demo" });

type Child = { id: number; full_name: string; village: string; id_number_masked: string };

async function childIn(areaPrefix: string): Promise<Child> {
  const [child] = await queryRows<Child>(
    db,
    sql`select people.id, people.full_name, v.name as village, people.id_number_masked
        from people join regions v on v.id = people.village_id
        where v.code like ${`${areaPrefix}%`} and people.status = 'active' and ${isChildFile}
        order by people.id limit 1`,
  );
  expect(child, `a child's file in ${areaPrefix}`).toBeTruthy();
  return child;
}

describe("the activity form's people search", () => {
  it("shows organization staff on an elderly day-care contract a child only masked, by the full name only, audited", async () => {
    const org = await sessionUserFor("org.gar@demo.local");
    const contracts = await listLoggableContracts(org);
    const [dayCare] = await queryRows<{ id: number }>(
      db,
      sql`select c.id from contracts c join facilities f on f.id = c.facility_id
          where f.kind = 'day_care_centre' and c.id = any(${sql.param(contracts.map((c) => c.id))}::int[])
          order by c.id limit 1`,
    );
    expect(dayCare, "an elderly day-care contract org.gar may log against").toBeTruthy();
    const contract = contracts.find((c) => c.id === dayCare.id)!;
    const child = await childIn(contract.areaPrefix);

    const found = await searchPeopleForContract({
      user: org,
      actor: actorOf(org),
      contractId: contract.id,
      q: child.full_name,
    });
    const shown = found.find((p) => p.id === child.id);
    expect(shown).toEqual({
      id: child.id,
      fullName: maskPersonName(child.full_name),
      villageName: null,
      idNumberMasked: null,
      masked: true,
    });
    expect(JSON.stringify(found)).not.toContain(child.full_name);
    expect(JSON.stringify(found)).not.toContain(child.id_number_masked);

    // A fragment of the name does not list the child at all.
    const byFragment = await searchPeopleForContract({
      user: org,
      actor: actorOf(org),
      contractId: contract.id,
      q: [...child.full_name][0],
    });
    expect(byFragment.some((p) => p.id === child.id)).toBe(false);

    const searches = await db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.action, "search"), eq(auditLog.actorUserId, org.id)))
      .orderBy(auditLog.id);
    expect(searches.map((s) => s.changes)).toEqual([
      expect.objectContaining({ contractId: contract.id, masked: 1, results: found.length }),
      expect.objectContaining({ contractId: contract.id, results: byFragment.length }),
    ]);

    // The chosen people shown again on the form after an error: the same mask.
    const chosen = await chosenPeopleForContract(org, contract.id, [child.id]);
    expect(chosen).toEqual([shown]);
  });
});

describe("an activity's page", () => {
  it("shows organization staff and the auditor a linked child masked, and the planner in full", async () => {
    const org = await sessionUserFor("org.gar@demo.local");
    if (org.scope.kind !== "organization") throw new Error("org.gar is organization staff");
    const [linked] = await queryRows<{ activity_id: number; person_id: number; full_name: string }>(
      db,
      sql`select a.id as activity_id, people.id as person_id, people.full_name
          from activities a join activity_people ap on ap.activity_id = a.id join people on people.id = ap.person_id
          where a.organization_id = ${org.scope.organizationId} and a.deleted_at is null and ${isChildFile}
          order by a.id limit 1`,
    );
    expect(linked, "an activity of org.gar that linked a child").toBeTruthy();
    for (const email of ["org.gar@demo.local", "auditor@demo.local"]) {
      const detail = await getActivity({ user: await sessionUserFor(email), id: linked.activity_id });
      expect(detail, email).not.toBeNull();
      const person = detail!.people.find((p) => p.id === linked.person_id);
      expect(person, email).toMatchObject({
        fullName: maskPersonName(linked.full_name),
        villageName: null,
        idNumberMasked: null,
        masked: true,
      });
      expect(JSON.stringify(detail), email).not.toContain(linked.full_name);
    }
    const planner = await getActivity({
      user: await sessionUserFor("planner.ngari@demo.local"),
      id: linked.activity_id,
    });
    expect(planner!.people.find((p) => p.id === linked.person_id)).toMatchObject({
      fullName: linked.full_name,
      masked: false,
    });
  });
});
