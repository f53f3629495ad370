// Logging an activity asks only what it must: left empty, the person-times are the participants.
import { describe, expect, it } from "vitest";
import { logActivitySchema } from "./schemas";

const base = {
  contractId: 1,
  occurredOn: "2026-12-01",
  kind: "group_activity",
  participants: 12,
  hours: 2,
  summary: "活动",
};

describe("the activity log form", () => {
  it("takes the participants as the person-times when those are left empty", () => {
    const parsed = logActivitySchema({ today: "2026-12-07" }).safeParse(base);
    expect(parsed.success && parsed.data.personTimes).toBe(12);
  });

  it("keeps person-times typed over the default, and still refuses fewer than the participants", () => {
    const schema = logActivitySchema({ today: "2026-12-07" });
    const more = schema.safeParse({ ...base, personTimes: 30 });
    expect(more.success && more.data.personTimes).toBe(30);
    const fewer = schema.safeParse({ ...base, personTimes: 5 });
    expect(fewer.success).toBe(false);
    expect(fewer.error?.issues[0]).toMatchObject({
      path: ["personTimes"],
      message: "activities:errors.personTimesBelowParticipants",
    });
  });
});
