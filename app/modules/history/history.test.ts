// The register's history on the demo data: a change today leaves last year's year in review where it was, the
// history has a row for every person and attribute, a status counts from its own date, and the year-on-year view's
// columns are the year in review's own figures.
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { facilities, people, personHistory, regions } from "#db/schema";
import { changeFacilityStatus } from "~/modules/facilities/mutations.server";
import { changePersonStatus, editPerson } from "~/modules/people/mutations.server";
import { sessionUserFor } from "~/modules/people/testing.server";
import { periodOf, reportRegion } from "~/modules/reports/region.server";
import { rowsForQuery } from "~/modules/reports/rows.server";
import { yearInReview } from "~/modules/reports/year-in-review.server";
import { headlineFigures, yearOnYear } from "~/modules/reports/year-on-year.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { personInputOf } from "../../../test/factories/people";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { personStateOn } from "./person-state.server";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();
const thisYear = Number(today.slice(0, 4));

async function bayiReview(year: number) {
  const planner = await sessionUserFor("planner.bayi@demo.local");
  const region = (await reportRegion(planner, "540402000000"))!;
  return { planner, region, review: await yearInReview({ user: planner, region, period: periodOf(year) }) };
}

/** An active person in Bayi who is 低保 and nothing else, with their station's staff. */
async function bayiDibaoPerson() {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select p.id from ${people} p join ${regions} v on v.id = p.village_id
        where p.status = 'active' and v.code like '540402%' and p.categories = array['dibao']::text[]
          and p.station_id = (select f.id from ${facilities} f where f.code = '540402101000-SW01')
        order by p.id limit 1`,
  );
  const [person] = await db.select().from(people).where(eq(people.id, row.id));
  return person;
}

async function stateOf(personId: number, day: string) {
  const [row] = await queryRows<{ categories: string[]; status: string; station_id: number | null }>(
    db,
    sql`select s.categories, s.status, s.station_id from ${personStateOn(day)} s where s.id = ${personId}`,
  );
  return row ?? null;
}

describe("a person's history", () => {
  it("has, for every file of the demo, a row for each attribute from the day it was registered", async () => {
    const [missing] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${people} p
          where (select count(distinct h.attribute) from ${personHistory} h where h.person_id = p.id) <> 4`,
    );
    expect(missing.n).toBe(0);
    const [first] = await queryRows<{ n: number; all: number }>(
      db,
      sql`select count(*) filter (where s.id is not null)::int as n, count(*)::int as "all"
          from ${people} p left join ${personStateOn("2022-12-01")} s on s.id = p.id`,
    );
    // The demo registers everyone on 1 December 2022: all there that day, none the day before.
    expect(first.n).toBe(first.all);
    expect(first.all).toBeGreaterThan(100);
    const [before] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${personStateOn("2022-11-30")} s`,
    );
    expect(before.n).toBe(0);
  });

  it("keeps a file that left the register active until its status date, as an exited file of the demo shows", async () => {
    const [exited] = await db
      .select({ id: people.id, statusOn: people.statusOn })
      .from(people)
      .where(eq(people.status, "exited"))
      .limit(1);
    expect(exited.statusOn).not.toBeNull();
    expect((await stateOf(exited.id, addDaysToDate(exited.statusOn!, -1)))?.status).toBe("active");
    expect((await stateOf(exited.id, exited.statusOn!))?.status).toBe("exited");
  });

  it("records a category change as of today and a status change as of its own date", async () => {
    const person = await bayiDibaoPerson();
    const staff = await sessionUserFor("station.baiba.head@demo.local");
    const edited = await editPerson({
      ...by(staff),
      personId: person.id,
      input: { ...personInputOf(person), categories: ["dibao", "disabled"] },
    });
    expect(edited).toMatchObject({ ok: true });
    const yesterday = addDaysToDate(today, -1);
    expect((await stateOf(person.id, yesterday))?.categories).toEqual(["dibao"]);
    expect((await stateOf(person.id, today))?.categories).toEqual(["dibao", "disabled"]);
    const weekAgo = addDaysToDate(today, -7);
    const left = await changePersonStatus({
      ...by(staff),
      personId: person.id,
      input: { status: "exited", statusOn: weekAgo, statusReason: "迁往拉萨" },
    });
    expect(left).toMatchObject({ ok: true });
    expect((await stateOf(person.id, addDaysToDate(weekAgo, -1)))?.status).toBe("active");
    const lastWeek = await stateOf(person.id, weekAgo);
    // The status counts from its own date; the categories changed today stay today's.
    expect(lastWeek).toMatchObject({ status: "exited", categories: ["dibao"] });
    const rows = await db
      .select({ attribute: personHistory.attribute, effectiveOn: personHistory.effectiveOn })
      .from(personHistory)
      .where(and(eq(personHistory.personId, person.id), sql`${personHistory.effectiveOn} > '2022-12-01'`));
    expect(rows).toEqual(
      expect.arrayContaining([
        { attribute: "categories", effectiveOn: today },
        { attribute: "status", effectiveOn: weekAgo },
      ]),
    );
  });
});

describe("the migration's backfill", () => {
  it("rebuilds from each file's creation day the same history the trigger wrote for the demo", async () => {
    const migration = fs.readFileSync(
      path.join(
        import.meta.dirname,
        "../../../db/migrations/0017_facility_life_cycle_and_person_history.sql",
      ),
      "utf8",
    );
    const backfill = migration
      .slice(migration.indexOf("-- The files already registered"))
      .split("--> statement-breakpoint")
      .map((s) => s.replace(/^--.*$/gm, "").trim())
      .filter(Boolean);
    expect(backfill).toHaveLength(5);
    const days = ["2022-12-01", "2023-12-31", today];
    // Files changed after they were registered (by the tests above, or the demo's transfers) have a history the
    // backfill cannot know; it is compared on the others, each recorded only on its creation and status days.
    const unchanged = sql`not exists (select 1 from ${personHistory} h join ${people} p on p.id = h.person_id
      where h.person_id = s.id and h.effective_on <> (p.created_at at time zone 'Asia/Shanghai')::date
        and h.effective_on is distinct from p.status_on)`;
    const states = async (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], ids?: number[]) =>
      Promise.all(
        days.map((d) =>
          queryRows<{ id: number }>(
            tx,
            sql`select * from ${personStateOn(d)} s
              where ${ids ? sql`s.id = any(${`{${ids.join(",")}}`}::int[])` : unchanged} order by s.id`,
          ),
        ),
      );
    const rolledBack = new Error("rolled back");
    await db
      .transaction(async (tx) => {
        const written = await states(tx);
        expect(written[2].length).toBeGreaterThan(100);
        await tx.execute(sql`delete from ${personHistory}`);
        for (const statement of backfill) await tx.execute(sql.raw(statement));
        expect(
          await states(
            tx,
            written[2].map((r) => r.id),
          ),
        ).toEqual(written);
        throw rolledBack;
      })
      .catch((e) => {
        if (e !== rolledBack) throw e;
      });
  });
});

describe("a past year's year in review", () => {
  it("does not move when a person's category changes today, while this year's does", async () => {
    const lastYear = thisYear - 1;
    const before = await bayiReview(lastYear);
    const beforeNow = await bayiReview(thisYear);
    const person = await bayiDibaoPerson();
    const staff = await sessionUserFor("station.baiba.head@demo.local");
    expect(
      await editPerson({
        ...by(staff),
        personId: person.id,
        input: { ...personInputOf(person), categories: ["tekun_dispersed"] },
      }),
    ).toMatchObject({ ok: true });
    const after = await bayiReview(lastYear);
    expect(after.review.peopleInCare).toEqual(before.review.peopleInCare);
    expect(after.review.dibao).toEqual(before.review.dibao);
    const count = (r: typeof before.review, c: string) =>
      r.peopleInCare.byCategory.find((x) => x.category === c)?.people ?? 0;
    const now = await bayiReview(thisYear);
    expect(count(now.review, "dibao")).toBe(count(beforeNow.review, "dibao") - 1);
    expect(now.review.dibao.persons).toBe(beforeNow.review.dibao.persons - 1);
    expect(count(now.review, "tekun_dispersed")).toBe(count(beforeNow.review, "tekun_dispersed") + 1);
    // The rows the figure links to count the same register: last year's 低保 list still holds the person.
    const params = new URLSearchParams({ figure: "people", year: String(lastYear), category: "dibao" });
    const rows = await rowsForQuery(after.planner, { figure: "people" }, params);
    expect(rows?.total).toBe(count(after.review, "dibao"));
  });

  it("counts a station moved to trial operation today as covering this year only, and shows it apart", async () => {
    const planner = await sessionUserFor("planner.ngari@demo.local");
    const region = (await reportRegion(planner, "542500000000"))!;
    const review = (year: number) => yearInReview({ user: planner, region, period: periodOf(year) });
    const [beforeLast, beforeNow] = [await review(thisYear - 1), await review(thisYear)];
    const [rebang] = await db.select().from(facilities).where(eq(facilities.code, "542524200000-SW01"));
    const change = (toStatus: "accepted" | "trial_operation") =>
      changeFacilityStatus({
        ...by(planner),
        facilityId: rebang.id,
        input: { toStatus, effectiveOn: today },
      });
    expect(await change("accepted")).toMatchObject({ ok: true });
    expect(await change("trial_operation")).toMatchObject({ ok: true });
    const [afterLast, afterNow] = [await review(thisYear - 1), await review(thisYear)];
    expect(afterLast.network.stations).toEqual(beforeLast.network.stations);
    expect(afterNow.network.stations.trialOperation).toBe(beforeNow.network.stations.trialOperation + 1);
    expect(afterNow.network.stations.covering).toBe(beforeNow.network.stations.covering + 1);
    expect(afterNow.network.stations.underConstruction).toBe(
      beforeNow.network.stations.underConstruction - 1,
    );
  });
});

describe("the year-on-year view", () => {
  it("shows for every headline figure the year in review's own figure this year and last, and their difference", async () => {
    const { planner, region } = await bayiReview(thisYear);
    const period = periodOf(thisYear);
    const [comparison, current, previous] = await Promise.all([
      yearOnYear({ user: planner, region, period }),
      yearInReview({ user: planner, region, period }),
      yearInReview({ user: planner, region, period: periodOf(thisYear - 1) }),
    ]);
    expect(comparison.rows.map((r) => r.key)).toEqual(headlineFigures.map((f) => f.key));
    const byKey = Object.fromEntries(comparison.rows.map((r) => [r.key, r]));
    // Spelled out against the review's fields, not through headlineFigures, so a wrong reader fails here.
    const expected = {
      dayCarePersonTimes: [current.headline.dayCare.personTimes, previous.headline.dayCare.personTimes],
      childrenCentrePersonTimes: [
        current.headline.childrenCentre.personTimes,
        previous.headline.childrenCentre.personTimes,
      ],
      stationFunds: [current.headline.stationFunds.fen, previous.headline.stationFunds.fen],
      stationsCovering: [current.network.stations.covering, previous.network.stations.covering],
      visitRate: [current.visits.rate, previous.visits.rate],
      partyCoverage: [current.headline.partyCoverage, previous.headline.partyCoverage],
      peopleInCare: [current.peopleInCare.total, previous.peopleInCare.total],
      dibaoHouseholds: [current.dibao.households, previous.dibao.households],
      dibaoPersons: [current.dibao.persons, previous.dibao.persons],
      personTimes: [current.activities.totals.personTimes, previous.activities.totals.personTimes],
      fundsSpent: [current.funds.spentFen, previous.funds.spentFen],
    } as const;
    for (const [key, [now, then]] of Object.entries(expected)) {
      expect(byKey[key], key).toMatchObject({ thisYear: now, lastYear: then });
      if (now != null && then != null) expect(byKey[key].difference, key).toBeCloseTo(now - then, 9);
    }
    // Not vacuous: Bayi had activities and people in care in both years.
    expect(byKey.personTimes.thisYear).toBeGreaterThan(0);
    expect(byKey.personTimes.lastYear).toBeGreaterThan(0);
    expect(byKey.peopleInCare.lastYear).toBeGreaterThan(0);
  });
});
