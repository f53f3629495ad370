// Households in the browser, on the real built app: station staff open a household from a member's file, record one
// household visit with two members' outcomes, and see each outcome on that member's own file; the year in review of
// 2023 for Bayi shows the article's 低保 figures. At 390 px (phone) and 1280 px (desk).

import { describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

describe("households", () => {
  const journey = startJourney();

  /** A Baiba household with two adults whose open visits Baiba's staff record, not `skip`. */
  async function householdAtBaiba(skip: number) {
    const [row] = await journey.sql<{ id: number; head: number }[]>`
      select m.household_id as id, min(p.id) filter (where m.relation = 'head') as head
      from household_members m join people p on p.id = m.person_id
      join visits v on v.person_id = p.id and v.status = 'scheduled'
      join facilities f on f.id = v.station_id
      where f.code = '540402101000-SW01' and p.birth_date < current_date - interval '18 years' and m.household_id <> ${skip}
      group by m.household_id having count(distinct p.id) >= 2 and min(p.id) filter (where m.relation = 'head') is not null
      order by m.household_id limit 1`;
    expect(row, "a Baiba household of two adults with open visits").toBeDefined();
    return row;
  }

  let usedOnPhone = 0;
  for (const [label, viewport, skipOf] of [
    ["phone", phone, () => 0],
    ["desk", desktop, () => usedOnPhone],
  ] as const) {
    it(`opens a household from a file and records a household visit with two outcomes (${label})`, async () => {
      const household = await householdAtBaiba(skipOf());
      if (label === "phone") usedOnPhone = household.id;
      const context = await newContext(journey.browser, viewport);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");

      // From the head's file to the household.
      await page.goto(`${journey.app.baseUrl}/people/${household.head}`);
      await page.click('[data-testid="household-link"]');
      await page.waitForURL(new RegExp(`/households/${household.id}$`));
      const members = page.locator('[data-testid="household-members"] tbody tr');
      await members.first().waitFor();
      expect(await members.count()).toBeGreaterThanOrEqual(2);
      await expect(page.textContent('[data-testid="household-members"]')).resolves.toContain("户主（本人）");
      await screenshot(page, `households-page-${label}`);

      // The household visit: two members' outcomes in one form.
      await page.click('[data-testid="household-visit-link"]');
      await page.waitForURL(/\/visit$/);
      const blocks = page.locator('fieldset[data-testid^="member-outcome-"]');
      await blocks.first().waitFor();
      expect(await blocks.count()).toBeGreaterThanOrEqual(2);
      const personOf = async (i: number) =>
        Number((await blocks.nth(i).getAttribute("data-testid"))!.replace("member-outcome-", ""));
      const [first, second] = [await personOf(0), await personOf(1)];
      await blocks.nth(0).locator("select").selectOption("visited");
      await blocks.nth(0).locator("textarea").fill(`全户走访（${label}）：生活稳定`);
      await blocks.nth(1).locator("select").selectOption("needs_follow_up");
      await blocks.nth(1).locator('input[name$=".followUpReason"]').fill("需复查血压");
      const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      await blocks.nth(1).locator('input[name$=".followUpOn"]').fill(inAWeek);
      await screenshot(page, `households-visit-form-${label}`);
      await Promise.all([page.waitForURL(/visited=2/), page.click('[data-testid="household-visit-submit"]')]);
      await expect(page.textContent('[data-testid="flash"]')).resolves.toContain("已记录 2 人的走访结果");
      await screenshot(page, `households-visited-${label}`);

      // Each outcome on that member's own file.
      await page.goto(`${journey.app.baseUrl}/people/${first}`);
      const history = await page.textContent('[data-testid="visit-history"]');
      expect(history).toContain("已走访");
      expect(history).toContain(`全户走访（${label}）：生活稳定`);
      await page.goto(`${journey.app.baseUrl}/people/${second}`);
      const secondHistory = await page.textContent('[data-testid="visit-history"]');
      expect(secondHistory).toContain("需回访");
      expect(secondHistory).toContain("需复查血压");
      await expect(page.textContent('[data-testid="open-visits"]')).resolves.toContain("回访");
      await screenshot(page, `households-member-file-${label}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("shows Bayi's 低保 households and persons in the 2023 year in review", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
    await page.goto(`${journey.app.baseUrl}/reports/year-in-review?year=2023&region=540402000000`);
    const section = page.locator('[data-testid="review-dibao"]');
    await expect(section.locator('[data-testid="dibao-households"]').textContent()).resolves.toBe("141 户");
    await expect(section.locator('[data-testid="dibao-persons"]').textContent()).resolves.toBe("351 人");
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "households-review-dibao-desk");
    // The households list shows the same figures from the same definition.
    await page.goto(`${journey.app.baseUrl}/households`);
    await expect(page.textContent('[data-testid="dibao-households"]')).resolves.toBe("141 户");
    await screenshot(page, "households-list-desk");
    await context.close();
  });
});
