// One figure, one meaning, for money: /budget, the year in review (its funds table and the rows behind each cell),
// the contract register and the contract page show the same allocated and spent amounts for the same region and day,
// on the demo data through the real route loaders.
import { describe, expect, it } from "vitest";
import { cookieFor } from "~/modules/activities/testing.server";
import { loader as budgetLoader } from "~/routes/budget._index";
import { loader as contractsLoader } from "~/routes/contracts._index";
import { loader as contractLoader } from "~/routes/contracts.$id";
import { loader as rowsLoader } from "~/routes/reports.rows";
import { loader as reviewLoader } from "~/routes/reports.year-in-review";
import { todayInShanghai } from "~/utils/dates";
import { useTestDatabase } from "../../../test/setup/database";
import { loaderArgs } from "../../../test/support/loader-args";

useTestDatabase({ template: "demo" });

const year = Number(todayInShanghai().slice(0, 4));

const money = (r: { id: number | null; allocatedFen: number; spentFen: number }) => ({
  id: r.id,
  allocatedFen: r.allocatedFen,
  spentFen: r.spentFen,
});

async function bothPages(email: string) {
  const cookie = await cookieFor(email);
  const budget = await budgetLoader(loaderArgs(`/budget?year=${year}`, cookie));
  const { review } = await reviewLoader(loaderArgs(`/reports/year-in-review?year=${year}`, cookie));
  return { cookie, budget: budget.figures, review };
}

describe("a year's money on /budget and in the year in review", () => {
  it.each(["planner.bayi@demo.local", "planner.ngari@demo.local"])(
    "shows %s the same allocated, spent and rate, in total and per funding source",
    async (email) => {
      const { budget, review } = await bothPages(email);
      expect(budget.totals.spentFen).toBeGreaterThan(0);
      expect(budget.totals.allocatedFen).toBeGreaterThan(0);
      expect({
        allocatedFen: review.funds.allocatedFen,
        spentFen: review.funds.spentFen,
        rate: review.funds.rate,
        totalFen: review.funds.totalFen,
      }).toEqual({
        allocatedFen: budget.totals.allocatedFen,
        spentFen: budget.totals.spentFen,
        rate: budget.totals.rate,
        totalFen: budget.totals.sourcesTotalFen,
      });
      expect(review.funds.rows.map(money)).toEqual(budget.sources.map(money));
      expect(budget.sources.filter((s) => s.spentFen > 0).length).toBeGreaterThan(0);
    },
  );

  it("leads each cell of the funds table to rows that add up to it", async () => {
    const { cookie, review } = await bothPages("planner.bayi@demo.local");
    const rowsOf = async (query: string) => {
      const page = await rowsLoader(
        loaderArgs(`/reports/rows?year=${year}&region=${review.region.code}&${query}`, cookie),
      );
      const key = page.columns.find((c) => c.sum)!.key;
      return page.rows.reduce((s, r) => s + Number(r[key] ?? 0), 0);
    };
    expect(await rowsOf("figure=spending")).toBe(review.funds.spentFen);
    expect(await rowsOf("figure=allocations&sources=year")).toBe(review.funds.allocatedFen);
    expect(await rowsOf("figure=fundingSources")).toBe(review.funds.totalFen);
    for (const f of review.funds.rows) {
      const source = f.id ?? "none";
      expect(await rowsOf(`figure=spending&source=${source}`)).toBe(f.spentFen);
      expect(await rowsOf(`figure=allocations&source=${source}`)).toBe(f.allocatedFen);
    }
  });
});

describe("a contract's money on /budget, the contract register and the contract page", () => {
  it("is the same allocated and spent (everything up to today, reversals netted out) on all three", async () => {
    const cookie = await cookieFor("planner.bayi@demo.local");
    const { figures } = await budgetLoader(loaderArgs(`/budget?year=${year}`, cookie));
    const register = await contractsLoader(loaderArgs("/contracts?status=active", cookie));
    const checked = figures.contracts.filter((c) => c.spentAllFen > 0).slice(0, 8);
    expect(checked.length).toBeGreaterThan(0);
    for (const c of checked) {
      const page = await contractLoader(loaderArgs(`/contracts/${c.id}`, cookie, { id: String(c.id) }));
      const { allocatedFen, spentFen } = page.progress.money;
      expect({ id: c.id, allocatedFen, spentFen }).toEqual({
        id: c.id,
        allocatedFen: c.allocatedAllFen,
        spentFen: c.spentAllFen,
      });
      // The spending by category beside it adds up to the same spent amount.
      expect(page.categories.reduce((s, r) => s + r.fen, 0)).toBe(c.spentAllFen);
      const row = register.rows.find((r) => r.id === c.id);
      if (row) expect([row.allocatedFen, row.spentFen]).toEqual([c.allocatedAllFen, c.spentAllFen]);
    }
  });
});
