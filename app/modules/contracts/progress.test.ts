import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contracts } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { deliverableProgress } from "./progress.server";

useTestDatabase({ template: "demo" });

describe("deliverable progress", () => {
  it("counts the 2,600 person-times Gar's day-care centre served in 2023, over the whole completed period", async () => {
    const [gar] = await db.select().from(contracts).where(eq(contracts.code, "ALI-2023-DC-542523"));
    const progress = (await deliverableProgress([gar.id], { asOf: "2024-06-30" })).get(gar.id)!;
    expect(progress.personTimes.done).toBe(2600);
    expect(progress.daysLeft).toBe(0);
    expect(progress.elapsedShare).toBe(1);
    expect(progress.money.spentFen).toBeGreaterThan(0);
    expect(progress.money.allocatedFen).toBe(300_000 * 100);
  });

  it("expects activities only for the months begun so far and counts the months that met the target", async () => {
    const [station] = await db.select().from(contracts).where(like(contracts.code, "BYQ-%-SW-04"));
    const asOf = `${station.startsOn.slice(0, 4)}-03-15`;
    const progress = (await deliverableProgress([station.id], { asOf })).get(station.id)!;
    expect(progress.activities.perMonth).toBe(4);
    expect(progress.activities.monthsDue).toBe(3);
    expect(progress.activities.expected).toBe(12);
    expect(progress.activities.monthsMet).toBeLessThanOrEqual(3);
  });

  it("reports nothing done before a contract starts", async () => {
    const [station] = await db.select().from(contracts).where(like(contracts.code, "BYQ-%-SW-04"));
    const progress = (await deliverableProgress([station.id], { asOf: "2020-01-01" })).get(station.id)!;
    expect(progress.activities.done).toBe(0);
    expect(progress.elapsedDays).toBe(0);
    expect(progress.activities.monthsDue).toBe(0);
  });
});
