// The home page's next steps through the real route loaders: each role gets the sections its work calls for, and
// every figure equals what the page it links to shows (its total, headline figure or rows), on the demo data.
import { describe, expect, it } from "vitest";
import { cookieFor } from "~/modules/activities/testing.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as activitiesLoader } from "~/routes/activities._index";
import { loader as auditLoader } from "~/routes/audit";
import { loader as budgetLoader } from "~/routes/budget._index";
import { loader as contractsLoader } from "~/routes/contracts._index";
import { loader as coverageLoader } from "~/routes/coverage";
import { loader as facilitiesLoader } from "~/routes/facilities._index";
import { loader as signoffLoader } from "~/routes/signoff._index";
import { loader as visitsLoader } from "~/routes/visits._index";
import { useTestDatabase } from "../../../test/setup/database";
import { loaderArgs } from "../../../test/support/loader-args";
import type { NextStepFigure } from "./next-steps";

useTestDatabase({ template: "demo" });

/** What the linked page shows where the figure's check says it shows it. */
async function shownByLink(figure: NextStepFigure, cookie: string): Promise<number> {
  const args = loaderArgs(figure.to, cookie);
  const path = new URL(figure.to, "http://test.local").pathname;
  const check = figure.check;
  switch (path) {
    case "/visits": {
      const page = await visitsLoader(args);
      if (check.kind === "total") return page.total;
      if (check.kind === "text" && check.testId === "count-overdue") return page.counts.overdue;
      if (check.kind === "text" && check.testId === "count-today") return page.counts.today;
      break;
    }
    case "/activities": {
      const page = await activitiesLoader(args);
      if (check.kind === "total") return page.total;
      if (check.kind === "count" && check.selector.includes("pending-edits")) return page.pending.length;
      if (check.kind === "count" && check.selector.includes("contract-progress"))
        return page.progress.filter((p) => p.progress.behind).length;
      break;
    }
    case "/facilities":
      return (await facilitiesLoader(args)).total;
    case "/contracts":
      return (await contractsLoader(args)).total;
    case "/audit":
      return (await auditLoader(args)).total;
    case "/budget": {
      const { totals } = (await budgetLoader(args)).figures;
      if (check.kind === "text") return [totals.overspent, totals.lagging][check.index ?? 0];
      break;
    }
    case "/coverage":
      return (await coverageLoader(args)).townships.uncovered.length;
    case "/signoff":
      return (await signoffLoader(args)).total;
  }
  throw new Error(`No reading known for ${figure.key} → ${figure.to}`);
}

async function homeOf(email: string) {
  const cookie = await cookieFor(email);
  const home = await homeLoader(loaderArgs("/", cookie));
  return { cookie, next: home.next };
}

describe("the home page's next steps", () => {
  it.each([
    ["station.baiba@demo.local", ["myVisits", "stationVisits", "outbox"]],
    ["org.gar@demo.local", ["deliverables", "toAnswer", "signoff"]],
    ["planner.bayi@demo.local", ["toReview", "network", "contracts", "money", "signoff"]],
    ["auditor@demo.local", ["access"]],
    ["admin@demo.local", ["toReview", "network", "contracts", "money", "signoff", "access"]],
  ])("gives %s the sections of its work", async (email, sections) => {
    const { next } = await homeOf(email);
    expect(next.map((s) => s.key)).toEqual(sections);
  });

  it.each([
    "station.baiba@demo.local",
    "org.gar@demo.local",
    "planner.bayi@demo.local",
    "planner.ngari@demo.local",
    "auditor@demo.local",
  ])("shows %s each next-step figure equal to what the page it opens shows", async (email) => {
    const { cookie, next } = await homeOf(email);
    const figures = next.flatMap((s) => s.figures);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures)
      expect({ key: figure.key, shown: await shownByLink(figure, cookie) }).toEqual({
        key: figure.key,
        shown: figure.value,
      });
  });

  it("counts each contract's month as the activity list filtered to it and to this month does", async () => {
    const { cookie, next } = await homeOf("org.gar@demo.local");
    const contracts = next.find((s) => s.key === "deliverables")?.contracts ?? [];
    // Not vacuous: the Gar organization runs contracts with activities this year.
    expect(contracts.length).toBeGreaterThan(0);
    for (const c of contracts)
      expect((await activitiesLoader(loaderArgs(c.monthTo, cookie))).total).toBe(c.monthDone);
  });

  it("puts the station worker's own visits first and finds work on the Baiba station", async () => {
    const { next } = await homeOf("station.baiba@demo.local");
    const mine = next.find((s) => s.key === "myVisits")!;
    const station = next.find((s) => s.key === "stationVisits")!;
    expect(station.figures.find((f) => f.key === "overdueStation")!.value).toBeGreaterThan(0);
    const order = (mine.visits ?? []).map((v) => v.mine);
    expect(order.indexOf(false) === -1 || !order.slice(order.indexOf(false)).includes(true)).toBe(true);
  });
});
