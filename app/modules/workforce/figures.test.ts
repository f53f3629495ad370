// One definition, two pages: a station's workforce figures as its page's loader reads them equal its row on the
// coverage page of its township (test/e2e/workforce.test.ts compares the two rendered pages), and the year in review
// shows the articles' figures from the demo.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { facilities, people } from "#db/schema";
import { cookieFor } from "~/modules/activities/testing.server";
import { changePersonStatus } from "~/modules/people/mutations.server";
import { sessionUserFor } from "~/modules/people/testing.server";
import { loader as coverageLoader } from "~/routes/coverage";
import { loader as reviewLoader } from "~/routes/reports.year-in-review";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { bayiTrainings2023 } from "../../../scripts/seed/workforce";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { loaderArgs } from "../../../test/support/loader-args";
import { facilityWorkforce, yearToDate } from "./figures.server";

useTestDatabase({ template: "demo" });

describe("workforce figures across pages", () => {
  it("show a station the same on its page and on its township's coverage page", async () => {
    const cookie = await cookieFor("planner.ngari@demo.local");
    const [station] = await db
      .select({ id: facilities.id })
      .from(facilities)
      .where(eq(facilities.code, "542523100000-SW01"));
    // What the facility page's loader calls (the route itself loads Leaflet's stylesheet, which vitest cannot).
    const page = await facilityWorkforce(station.id, yearToDate(todayInShanghai()));
    const coverage = await coverageLoader(loaderArgs("/coverage?region=542523100", cookie));
    const row = coverage.workforce.facilities.find((f) => f.facilityId === station.id);
    expect(page.workers).toBeGreaterThan(0);
    expect(row?.figures).toEqual(page);
    // The township's total adds its facilities (the station, the day-care centre, the support centre …).
    const sum = coverage.workforce.facilities.reduce((s, f) => s + f.figures.workers, 0);
    expect(coverage.workforce.total.workers).toBe(sum);
  });

  it("show Ngari's 2023 carers 100% certified in the year in review", async () => {
    const cookie = await cookieFor("planner.ngari@demo.local");
    const review = await reviewLoader(loaderArgs("/reports/year-in-review?year=2023&region=542500", cookie));
    expect(review.workforce.total.carersCertifiedShare).toBe(1);
    expect(review.workforce.total.carers).toBeGreaterThan(15);
    // The counties' rows add up to the prefecture.
    expect(review.workforce.counties.reduce((s, c) => s + c.figures.carers, 0)).toBe(
      review.workforce.total.carers,
    );
  });

  it("show Bayi's three 2023 trainings with 108 participants in the year in review", async () => {
    const cookie = await cookieFor("planner.bayi@demo.local");
    const review = await reviewLoader(loaderArgs("/reports/year-in-review?year=2023&region=540402", cookie));
    expect(review.trainings.trainings).toBe(3);
    expect(review.trainings.participants).toBe(108);
    expect(review.trainings.list.map((t) => t.participants)).toEqual(
      bayiTrainings2023.map((t) => t.participants),
    );
  });

  it("count a past year's people in care from the register as it stood then, not today's (issue 15)", async () => {
    const [station] = await db
      .select({ id: facilities.id })
      .from(facilities)
      .where(eq(facilities.code, "540402101000-SW01"));
    const lastYearEnd = `${Number(todayInShanghai().slice(0, 4)) - 1}-12-31`;
    // An active file of the station that was already active there at the end of last year.
    const [person] = await queryRows<{ id: number }>(
      db,
      sql`select p.id from ${people} p where p.status = 'active' and p.station_id = ${station.id}
        and exists (select 1 from person_history h where h.person_id = p.id and h.attribute = 'status'
                    and h.effective_on <= ${lastYearEnd})
        and not exists (select 1 from person_history h where h.person_id = p.id and h.effective_on > ${lastYearEnd})
        order by p.id limit 1`,
    );
    expect(person).toBeDefined();
    const lastYear = await facilityWorkforce(station.id, yearToDate(lastYearEnd));
    const now = await facilityWorkforce(station.id, yearToDate(todayInShanghai()));
    expect(lastYear.peopleInCare).toBeGreaterThan(0);

    const head = await sessionUserFor("station.baiba.head@demo.local");
    const changed = await changePersonStatus({
      ...by(head),
      personId: person.id,
      input: { status: "exited", statusOn: todayInShanghai(), statusReason: "迁往拉萨" },
    });
    expect(changed).toMatchObject({ ok: true });

    expect(await facilityWorkforce(station.id, yearToDate(lastYearEnd))).toEqual(lastYear);
    expect((await facilityWorkforce(station.id, yearToDate(todayInShanghai()))).peopleInCare).toBe(
      now.peopleInCare - 1,
    );
  });
});
