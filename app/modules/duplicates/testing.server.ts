// For tests of name search and duplicates: files written straight into the register (with their name columns, as
// every write path stores them), in a village and station of the demo network.
import { sql } from "drizzle-orm";
import { facilities, people, regions } from "#db/schema";
import { buildIdNumber } from "~/modules/people/id-number";
import { protectIdNumber } from "~/modules/people/id-number-crypto.server";
import { nameColumns } from "~/modules/people/names/keys";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";

export type TestFile = {
  fullName: string;
  sex: "male" | "female";
  birthDate: string;
  villageId: number;
  stationId: number | null;
  guardianName?: string | null;
  nameBo?: string | null;
  categories?: string[];
};

const used = new Set<string>();
let sequence = 0;

/** A well-formed ID number no other test file has ("549999": no real county, so none of the demo's either). */
function freshIdNumber(birthDate: string, sex: "male" | "female"): string {
  for (;;) {
    sequence += 1;
    const id = buildIdNumber({
      region6: "549999",
      birthDate,
      sequence: ((sequence * 2) % 998) + (sex === "male" ? 1 : 0),
    });
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

export async function insertFiles(db: DbOrTx, files: TestFile[]): Promise<number[]> {
  const ids: number[] = [];
  for (const f of files) {
    const [row] = await db
      .insert(people)
      .values({
        fullName: f.fullName,
        ...nameColumns(f.fullName, f.nameBo),
        nameBo: f.nameBo ?? null,
        sex: f.sex,
        birthDate: f.birthDate,
        ...protectIdNumber(freshIdNumber(f.birthDate, f.sex)),
        villageId: f.villageId,
        stationId: f.stationId,
        guardianName: f.guardianName ?? null,
        categories: (f.categories ?? ["dibao"]) as (typeof people.$inferInsert)["categories"],
      })
      .returning({ id: people.id });
    ids.push(row.id);
  }
  return ids;
}

/** Villages of a station's township (in code order) and the station, from the demo network. */
export async function villagesOfStation(db: DbOrTx, stationId: number) {
  const rows = await queryRows<{ id: number; township_id: number }>(
    db,
    sql`select ${regions.id}, ${regions.parentId} as township_id
        from ${regions} join ${facilities} on ${facilities.townshipId} = ${regions.parentId}
        where ${facilities.id} = ${stationId} and ${literalEq(regions.level, "village")} order by ${regions.code}`,
  );
  return rows.map((r) => r.id);
}
