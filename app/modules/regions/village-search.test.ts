// Choosing a village without the whole list: matches stay inside the user's scope, the label round-trips, and a name
// typed without JavaScript resolves to the one village it names.
import { describe, expect, it } from "vitest";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import {
  pickedVillage,
  resolveVillageText,
  searchVillages,
  villageChoice,
  villageField,
} from "./village-search.server";

useTestDatabase({ template: "demo" });

describe("the village search", () => {
  it("answers villages of the user's own region only, a few at a time", async () => {
    const bayi = await sessionUserFor("planner.bayi@demo.local");
    const matches = await searchVillages({ user: bayi, q: "村" });
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.length).toBeLessThanOrEqual(20);
    for (const v of matches) expect(v.code.startsWith("540402")).toBe(true);
    const ngari = await sessionUserFor("planner.ngari@demo.local");
    expect(await searchVillages({ user: ngari, q: matches[0].code })).toEqual([]);
  });

  it("resolves a typed label to its village and refuses one outside the scope", async () => {
    const bayi = await sessionUserFor("planner.bayi@demo.local");
    const [first] = await searchVillages({ user: bayi, q: "村" });
    const chosen = await villageChoice(bayi, first.id);
    expect(chosen?.label).toBe(first.label);
    expect(await resolveVillageText(bayi, first.label)).toBe(first.id);
    expect(await resolveVillageText(bayi, first.code)).toBe(first.id);
    const ngari = await sessionUserFor("planner.ngari@demo.local");
    expect(await resolveVillageText(ngari, first.label)).toBeNull();
    // The picker's post: the id with its own label stands; a changed text is looked up; an empty one clears.
    expect(await pickedVillage(bayi, { id: String(first.id), text: first.label })).toBe(String(first.id));
    expect(await pickedVillage(bayi, { id: String(first.id), text: "" })).toBe("");
    expect(await pickedVillage(bayi, { id: "", text: first.code })).toBe(String(first.id));
    expect(await pickedVillage(bayi, { id: String(first.id), text: null })).toBe(String(first.id));
  });

  it("offers a plain select for a station's few villages and the search to an administrator", async () => {
    const admin = await sessionUserFor("admin@demo.local");
    expect((await villageField(admin)).search).toBe(true);
    const station = await sessionUserFor("station.baiba@demo.local");
    expect((await villageField(station)).search).toBe(false);
  });
});
