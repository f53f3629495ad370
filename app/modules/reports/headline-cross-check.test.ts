// The year in review's headline against its own tables and the lists it links to, on the demo data: a headline card
// counts what the report's tables show and what its link opens.
import { describe, expect, it } from "vitest";
import { cookieFor } from "~/modules/activities/testing.server";
import { loader as activitiesLoader } from "~/routes/activities._index";
import { loader as reviewLoader } from "~/routes/reports.year-in-review";
import { todayInShanghai } from "~/utils/dates";
import { useTestDatabase } from "../../../test/setup/database";
import { reviewLinks } from "./rows-link";

useTestDatabase({ template: "demo" });

const context = { requestId: "test", cspNonce: "" };
const get = (path: string, cookie: string) => ({
  request: new Request(`http://test.local${path}`, { headers: { Cookie: cookie } }),
  params: {},
  context,
});
const year = Number(todayInShanghai().slice(0, 4));

describe("the children's activities headline", () => {
  it.each([
    ["planner.bayi@demo.local", year],
    ["planner.ngari@demo.local", 2023],
  ])(
    "counts for %s (%s) the activities at children's care centres and under children's projects the report lists, as its link does",
    async (email, reviewYear) => {
      const cookie = await cookieFor(email);
      const { review } = await reviewLoader(get(`/reports/year-in-review?year=${reviewYear}`, cookie));
      const act = review.activities;
      const listed =
        act.byFacility
          .filter((f) => f.kind === "children_care_centre")
          .reduce((s, f) => s + f.activities, 0) +
        act.byProject.filter((p) => p.kind === "children").reduce((s, p) => s + p.activities, 0);
      expect(listed).toBeGreaterThan(0);
      expect(review.headline.childrenActivities).toBe(listed);
      const link = reviewLinks(review.region.code, review.period).activities({ for: "children" });
      const list = await activitiesLoader(get(link, cookie));
      expect(list.total).toBe(review.headline.childrenActivities);
    },
  );
});
