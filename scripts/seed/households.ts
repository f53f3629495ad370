// Demo households. Bayi reproduces the 2023 article's 低保 figures — 141 households, 351 persons — by the one
// definition (app/modules/households/dibao.server.ts) as the register stood at the end of 2023: its people on 低保
// that day (some have left the register since) become heads (adults) or children of 141 households, and spouses,
// children and new heads (fake, 低保) are added until 351 persons are on 低保. Today's figures are those less the
// files that left since. A few Ngari households (Shiquanhe, Gar County) give the other side of the demo households too.
import { and, asc, eq, like, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { householdMembers, households, people, regions, visits } from "#db/schema";
import type { HouseholdRelation } from "#db/schema/households";
import { protectIdNumber } from "~/modules/people/id-number-crypto.server";
import { addDaysToDate } from "~/utils/dates";
import { birthDateFor, demoIdNumber, fakeName, insertDemoPerson } from "./people";
import { intBetween, randomFor } from "./random";

export const BAYI_DIBAO = { households: 141, persons: 351 } as const;
/** The day the article's figures describe: the end of its year. */
export const BAYI_DIBAO_DAY = "2023-12-31";

type Person = {
  id: number;
  villageId: number;
  villageCode: string;
  stationId: number | null;
  address: string | null;
  birthDate: string;
};

const childAge = 18;

export async function seedHouseholds(db: Db, { today }: { today: string }): Promise<Record<string, number>> {
  const rand = randomFor("households");
  const usedHashes = new Set(
    (await db.select({ hash: people.idNumberHash }).from(people)).map((r) => r.hash),
  );
  let serial = 100_000;
  /** Files on 低保 in the region that were active on the day (today's when no day is given). */
  const onDibao = (prefix: string, day?: string) =>
    db
      .select({
        id: people.id,
        villageId: people.villageId,
        villageCode: regions.code,
        stationId: people.stationId,
        address: people.address,
        birthDate: people.birthDate,
      })
      .from(people)
      .innerJoin(regions, eq(regions.id, people.villageId))
      .where(
        and(
          like(regions.code, `${prefix}%`),
          day
            ? sql`(${people.status} = 'active' or ${people.statusOn} > ${day})`
            : eq(people.status, "active"),
          sql`'dibao' = any(${people.categories})`,
        ),
      )
      .orderBy(asc(people.id));
  const isChild = (p: Pick<Person, "birthDate">) =>
    Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4)) < childAge;

  /** A new 低保 file beside a household's other members, with its open routine visit. */
  const newMember = async (at: Person, age: number): Promise<Person> => {
    const fullName = fakeName(rand);
    const sex = rand() < 0.5 ? "male" : "female";
    const birthDate = birthDateFor(today, age, rand);
    let ids = protectIdNumber(demoIdNumber(at.villageCode.slice(0, 6), birthDate, sex, serial++));
    while (usedHashes.has(ids.idNumberHash))
      ids = protectIdNumber(demoIdNumber(at.villageCode.slice(0, 6), birthDate, sex, serial++));
    usedHashes.add(ids.idNumberHash);
    const id = await insertDemoPerson(db, {
      fullName,
      sex,
      birthDate,
      ...ids,
      villageId: at.villageId,
      stationId: at.stationId,
      address: at.address,
      categories: ["dibao"],
      // Registered the day the rest of the demo was (scripts/seed/index.ts), so past years' history holds them.
      createdAt: new Date("2022-12-01T02:00:00Z"),
    });
    if (at.stationId)
      await db.insert(visits).values({
        personId: id,
        stationId: at.stationId,
        kind: "routine",
        dueOn: addDaysToDate(today, intBetween(rand, 10, 85)),
        status: "scheduled",
      });
    return { ...at, id, birthDate };
  };

  const numbers = new Map<number, number>();
  const found = async (head: Person) => {
    const n = (numbers.get(head.villageId) ?? 0) + 1;
    numbers.set(head.villageId, n);
    const [row] = await db
      .insert(households)
      .values({
        number: `${head.villageCode}-${String(n).padStart(3, "0")}`,
        villageId: head.villageId,
        address: head.address,
      })
      .returning({ id: households.id });
    await db.insert(householdMembers).values({ personId: head.id, householdId: row.id, relation: "head" });
    return { id: row.id, head, size: 1 };
  };
  const join = (householdId: number, personId: number, relation: HouseholdRelation) =>
    db.insert(householdMembers).values({ personId, householdId, relation });

  // Bayi: the adults on 低保 head households; the rest are founded with a new head in their villages.
  const bayi = await onDibao("540402", BAYI_DIBAO_DAY);
  const adults = bayi.filter((p) => !isChild(p));
  const children = bayi.filter(isChild);
  if (adults.length > BAYI_DIBAO.households || bayi.length > BAYI_DIBAO.persons)
    throw new Error("The Bayi demo has more 低保 files than the article's figures");
  const bayiHouseholds = [];
  for (const p of adults) bayiHouseholds.push(await found(p));
  for (let i = 0; bayiHouseholds.length < BAYI_DIBAO.households; i++)
    bayiHouseholds.push(await found(await newMember(bayi[i % bayi.length], intBetween(rand, 30, 75))));
  let persons = bayi.length + (BAYI_DIBAO.households - adults.length);
  // Children already on the register join households of their village where there is one (else the first).
  for (const child of children) {
    const home = bayiHouseholds.find((h) => h.head.villageId === child.villageId) ?? bayiHouseholds[0];
    await join(home.id, child.id, "child");
    home.size++;
  }
  // Spouses first, then children, round the households until the article's persons are reached.
  for (let round = 0; persons < BAYI_DIBAO.persons; round++) {
    for (const home of bayiHouseholds) {
      if (persons >= BAYI_DIBAO.persons) break;
      if (home.size > round + 1) continue;
      const spouse = round === 0;
      const member = await newMember(home.head, spouse ? intBetween(rand, 28, 72) : intBetween(rand, 4, 17));
      await join(home.id, member.id, spouse ? "spouse" : "child");
      home.size++;
      persons++;
    }
  }

  // Ngari: Shiquanhe's adults on 低保 each head a household of their own.
  const shiquanhe = (await onDibao("542523100")).filter((p) => !isChild(p));
  for (const p of shiquanhe) await found(p);

  return { households: bayiHouseholds.length + shiquanhe.length, householdPeople: persons - bayi.length };
}
