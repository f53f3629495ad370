// Which fields a schema requires, as the forms mark them (issue 14): through refinements, transforms and unions of
// intents, with optional, defaulted and boolean fields left unmarked.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { logActivitySchema } from "~/modules/activities/schemas";
import { lifecycleSchema } from "~/modules/contracts/schemas";
import { confirmation, idField, optionalCount, optionalText, requiredText } from "./form-fields";
import { requiredByIntent, requiredFields } from "./required";

describe("requiredFields", () => {
  it("names the keys that refuse a missing value, and not optional, defaulted or boolean ones", () => {
    const schema = z
      .object({
        name: requiredText(20),
        regionId: idField(),
        note: optionalText(20),
        count: optionalCount(),
        status: z.enum(["a", "b"]).default("a"),
        surveyed: z.coerce.boolean(),
        confirm: confirmation("x"),
      })
      .refine(() => true)
      .transform((v) => v);
    expect(requiredFields(schema)).toEqual(["name", "regionId", "confirm"]);
  });

  it("reads the option of a union of intents that the form posts, without the intent itself", () => {
    expect(requiredFields(lifecycleSchema, "activate")).toEqual([]);
    expect(requiredFields(lifecycleSchema, "complete")).toEqual(["confirm"]);
    expect(requiredFields(lifecycleSchema, "terminate")).toEqual(["reason", "confirm"]);
    expect(() => requiredFields(lifecycleSchema)).toThrow(/names its intent/);
    expect(() => requiredFields(lifecycleSchema, "delete")).toThrow(/No option/);
  });

  it("finds the six fields an activity log asks for (the issue's 13 taps, none of them marked before)", () => {
    expect(requiredFields(logActivitySchema({ today: "2026-12-07" })).sort()).toEqual(
      ["contractId", "hours", "kind", "occurredOn", "participants", "summary"].sort(),
    );
  });

  it("gives a field page each intent's names, as its loader hands them to the forms", () => {
    expect(requiredByIntent(lifecycleSchema, ["activate", "complete", "terminate"])).toEqual({
      activate: [],
      complete: ["confirm"],
      terminate: ["reason", "confirm"],
    });
  });
});
