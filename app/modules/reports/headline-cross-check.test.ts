// The year in review's headline against its own tables and the lists it links to, on the demo data: a headline card
// counts what the report's tables show and what its link opens, and the children's work of a care centre is not
// hidden behind a card that counts only care projects.
import { describe, expect, it } from "vitest";
import { cookieFor } from "~/modules/activities/testing.server";
import { loader as activitiesLoader } from "~/routes/activities._index";
import { loader as reviewLoader } from "~/routes/reports.year-in-review";
import { todayInShanghai } from "~/utils/dates";
import { useTestDatabase } from "../../../test/setup/database";
import { loaderArgs } from "../../../test/support/loader-args";
import { reviewLinks } from "./rows-link";

useTestDatabase({ template: "demo" });

const thisYear = Number(todayInShanghai().slice(0, 4));

async function reviewOf(email: string, year: number) {
  const cookie = await cookieFor(email);
  const { review } = await reviewLoader(loaderArgs(`/reports/year-in-review?year=${year}`, cookie));
  const links = reviewLinks(review.region.code, review.period);
  const listed = async (link: string) => (await activitiesLoader(loaderArgs(link, cookie))).total;
  return { review, links, listed };
}

describe("the children's headline cards", () => {
  it("show the Bayi children's centre's activities this year on a card of their own, as the report's table and the list do", async () => {
    const { review, links, listed } = await reviewOf("planner.bayi@demo.local", thisYear);
    const centres = review.activities.byFacility.filter((f) => f.kind === "children_care_centre");
    const inTable = centres.reduce((s, f) => s + f.activities, 0);
    expect(inTable).toBeGreaterThan(0);
    expect(review.headline.childrenCentre).toEqual({
      facilities: centres.length,
      activities: inTable,
      personTimes: centres.reduce((s, f) => s + f.personTimes, 0),
    });
    expect(await listed(links.activities({ facilityKind: "children_care_centre" }))).toBe(inTable);
    // Bayi has no children's care project: the project card's 0 is what its table and link show.
    const projects = review.activities.byProject.filter((p) => p.kind === "children");
    expect(review.headline.childrenActivities).toBe(projects.reduce((s, p) => s + p.activities, 0));
    expect(await listed(links.activities({ projectKind: "children" }))).toBe(
      review.headline.childrenActivities,
    );
  });

  it("count for Ngari 2023 the article's 21 project activities, and the centres' work as its link does", async () => {
    const { review, links, listed } = await reviewOf("planner.ngari@demo.local", 2023);
    expect(review.headline.childrenActivities).toBe(21);
    expect(await listed(links.activities({ projectKind: "children" }))).toBe(21);
    expect(await listed(links.activities({ facilityKind: "children_care_centre" }))).toBe(
      review.headline.childrenCentre.activities,
    );
  });
});
