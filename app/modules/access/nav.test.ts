import { describe, expect, it } from "vitest";
import { navFor, navOf } from "./nav";

const links = (roles: Parameters<typeof navFor>[0]) => navFor(roles).map((item) => item.to);

describe("navigation", () => {
  it("offers monthly sign-off to organizations that submit and planners who review, not to others", () => {
    expect(links(["org_staff"])).toContain("/signoff");
    expect(links(["planner"])).toContain("/signoff");
    expect(links(["admin"])).toContain("/signoff");
    expect(links(["station_staff"])).not.toContain("/signoff");
    expect(links(["auditor"])).not.toContain("/signoff");
  });

  it("lists sign-off among a station worker's other roles when one of them is an organization's", () => {
    const { own, others } = navOf(["station_staff", "org_staff"]);
    expect(own.map((i) => i.to)).not.toContain("/signoff");
    expect(others.map((i) => i.to)).toContain("/signoff");
  });
});
