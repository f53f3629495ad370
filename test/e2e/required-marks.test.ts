// Required fields as a person sees them (issue 14): logging an activity and registering a person, at 1,280 and
// 390 px, mark exactly the fields their schema requires, visibly, with the key "* 为必填项" once above them; a person's
// file marks its status confirmation beside its sentence, not alone under the list of effects. (The form matrix checks
// every form's markup; this looks at two of the longest in a browser, with screenshots.)
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

/** The names of the fields whose label (or legend) shows the mark, and whether each mark is on screen. */
async function markedFields(page: Page, form: string) {
  return page.locator(`${form} .field__required`).evaluateAll((marks) =>
    marks.map((mark) => {
      const label = mark.closest("label, legend")!;
      const id = label.getAttribute("for");
      const field =
        (id ? document.getElementById(id) : null) ??
        label.querySelector("input, select, textarea") ??
        label.closest("fieldset")?.querySelector("input, select, textarea");
      const box = mark.getBoundingClientRect();
      const name = field?.getAttribute("name") ?? "";
      return { name: name.replace(/Text$/, ""), visible: box.width > 0 && box.height > 0 };
    }),
  );
}

describe("required fields on screen", () => {
  const journey = startJourney();

  for (const [width, viewport] of [
    ["1280", desktop],
    ["390", phone],
  ] as const) {
    it(`marks the six fields of an activity and a person's required facts, at ${width} px`, async () => {
      const context = await newContext(journey.browser, viewport);
      const page = await context.newPage();
      const errors = collectPageErrors(page);

      await signIn(page, journey.app.baseUrl, "org.gar@demo.local");
      await page.goto(`${journey.app.baseUrl}/activities/new`);
      const activity = "form.activity-form";
      await page.locator(activity).waitFor();
      const marked = await markedFields(page, activity);
      expect(marked.map((m) => m.name).sort()).toEqual(
        ["contractId", "hours", "kind", "occurredOn", "participants", "summary"].sort(),
      );
      expect(marked.every((m) => m.visible)).toBe(true);
      await expect(page.locator(`${activity} .required-note`).count()).resolves.toBe(1);
      await expect(page.locator(`${activity} .required-note`).textContent()).resolves.toContain("必填");
      for (const name of ["hours", "summary"])
        await expect(
          page.locator(`${activity} [name="${name}"]`).getAttribute("aria-required"),
        ).resolves.toBe("true");
      await screenshot(page, `required-marks-activity-${width}`);

      await context.clearCookies();
      await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");
      await page.goto(`${journey.app.baseUrl}/people/new`);
      const person = "form.person-form";
      await page.locator(person).waitFor();
      const names = (await markedFields(page, person)).map((m) => m.name);
      for (const name of ["fullName", "sex", "birthDate", "villageId", "categories"])
        expect(names, `${name} is marked`).toContain(name);
      for (const name of ["phone", "notes", "guardianPhone"]) expect(names).not.toContain(name);
      await expect(page.locator(`${person} .required-note`).count()).resolves.toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await screenshot(page, `required-marks-person-${width}`);

      // A person's file: the status form's confirmation box marks its sentence, not the line after its list.
      await page.goto(`${journey.app.baseUrl}/people`);
      await page.locator("table a[href^='/people/']").first().click();
      const confirm = page.locator("label[for='person-status-confirm']");
      await confirm.waitFor();
      const [sentence, mark, list] = await Promise.all(
        [confirm, confirm.locator(".field__required"), confirm.locator(".status-effects")].map((l) =>
          l.boundingBox(),
        ),
      );
      expect(mark!.y, "the mark is on the sentence's first line").toBeLessThan(sentence!.y + mark!.height);
      expect(mark!.y + mark!.height).toBeLessThanOrEqual(list!.y + 1);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
