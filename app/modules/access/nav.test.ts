import { describe, expect, it } from "vitest";
import { navFor, navLinksOf, navOf } from "./nav";

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

  it("sends the shell the same links as navOf, without the permissions that open them", () => {
    const roles = ["station_staff", "org_staff"] as const;
    const { own, others } = navLinksOf([...roles]);
    const full = navOf([...roles]);
    expect(own).toEqual(full.own.map(({ to, key, group }) => ({ to, key, group })));
    expect(others).toEqual(full.others.map(({ to, key, group }) => ({ to, key, group })));
    expect(JSON.stringify({ own, others })).not.toContain("permission");
  });
});
