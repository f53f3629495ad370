import { describe, expect, it } from "vitest";
import { roles } from "#db/schema/users";
import { seesContactDetails } from "~/modules/access/contact";
import { holds, isReadOnlyRole, permissions, requiresSecondFactor, roleHas } from "./permissions";

describe("what each role may do", () => {
  it("lets the administrator do everything but see people's contact details and children's files", () => {
    const personal = ["unmask:person_contact", "open:child_file"];
    for (const p of permissions) expect(roleHas("admin", p), p).toBe(!personal.includes(p));
  });

  it("gives auditors every read and nothing else", () => {
    for (const p of permissions) expect(roleHas("auditor", p), p).toBe(p.startsWith("read:"));
    expect(isReadOnlyRole("auditor")).toBe(true);
  });

  it("lets planners manage their region's network, money, files and accounts but not the audit log", () => {
    for (const p of [
      "write:facility",
      "write:contract",
      "write:funding",
      "review:activity",
      "reveal:person_id",
      "manage:visit_rules",
      "import:regions",
    ] as const) {
      expect(roleHas("planner", p), p).toBe(true);
    }
    expect(roleHas("planner", "manage:users"), "accounts of their own region (users/scope.server.ts)").toBe(
      true,
    );
    for (const p of ["read:audit", "manage:reminders"] as const) expect(roleHas("planner", p), p).toBe(false);
  });

  it("lets planners and the admin set group robots (planners inside their region), and nobody else", () => {
    for (const role of ["admin", "planner"] as const)
      expect(roleHas(role, "manage:group_robots"), role).toBe(true);
    for (const role of ["auditor", "org_staff", "station_staff"] as const)
      expect(roleHas(role, "manage:group_robots"), role).toBe(false);
  });

  it("lets organization staff log activities and expenditures but never touch money allocation, files or visits", () => {
    for (const p of ["write:activity", "write:expenditure", "read:contract"] as const)
      expect(roleHas("org_staff", p), p).toBe(true);
    for (const p of [
      "write:funding",
      "write:contract",
      "write:person",
      "reveal:person_id",
      "read:visit",
      "review:activity",
      "read:funding",
    ] as const) {
      expect(roleHas("org_staff", p), p).toBe(false);
    }
  });

  it("lets station staff keep files and visits of their station but not money or the network", () => {
    for (const p of ["write:person", "write:visit", "reveal:person_id", "read:visit"] as const)
      expect(roleHas("station_staff", p), p).toBe(true);
    for (const p of [
      "write:facility",
      "write:contract",
      "write:funding",
      "write:activity",
      "read:coverage",
      "import:regions",
    ] as const) {
      expect(roleHas("station_staff", p), p).toBe(false);
    }
  });

  it("lets planners keep the workforce register and record trainings; station and organization staff keep their own", () => {
    expect(roleHas("planner", "write:workforce")).toBe(true);
    expect(roleHas("planner", "write:training")).toBe(true);
    for (const role of ["station_staff", "org_staff"] as const) {
      expect(roleHas(role, "read:workforce"), role).toBe(true);
      // Which workers: a station's head its station's, an organization its own employees (workforce/scope.server.ts).
      expect(roleHas(role, "write:workforce"), role).toBe(true);
      expect(roleHas(role, "write:training"), role).toBe(false);
    }
    expect(roleHas("auditor", "read:workforce")).toBe(true);
    expect(roleHas("auditor", "write:workforce")).toBe(false);
  });

  it("lets station staff and planners keep households, organization staff only read them", () => {
    for (const role of ["station_staff", "planner", "admin"] as const) {
      expect(roleHas(role, "read:household"), role).toBe(true);
      expect(roleHas(role, "write:household"), role).toBe(true);
    }
    expect(roleHas("org_staff", "read:household")).toBe(true);
    expect(roleHas("org_staff", "write:household")).toBe(false);
    expect(roleHas("auditor", "write:household")).toBe(false);
  });

  it("lets organizations submit their months and planners sign them off and evaluate contracts, not the other way round", () => {
    expect(roleHas("org_staff", "submit:signoff")).toBe(true);
    for (const p of ["review:signoff", "write:evaluation"] as const) {
      expect(roleHas("planner", p), p).toBe(true);
      expect(roleHas("org_staff", p), p).toBe(false);
      expect(roleHas("station_staff", p), p).toBe(false);
    }
    for (const role of ["planner", "station_staff", "auditor"] as const)
      expect(roleHas(role, "submit:signoff"), role).toBe(false);
  });

  it("gives only auditors a read-only role", () => {
    expect(roles.filter(isReadOnlyRole)).toEqual(["auditor"]);
  });

  it("shows contact details and children's files only to station staff and planners", () => {
    for (const p of ["unmask:person_contact", "open:child_file"] as const)
      expect(
        roles.filter((r) => roleHas(r, p)),
        p,
      ).toEqual(["planner", "station_staff"]);
    for (const r of roles)
      expect(seesContactDetails({ role: r }), r).toBe(roleHas(r, "unmask:person_contact"));
  });

  it("lists deleted activities for those who review deletions and the auditor, never for organizations or stations", () => {
    expect(roles.filter((r) => roleHas(r, "read:deleted_activity"))).toEqual(["admin", "planner", "auditor"]);
    expect(roles.filter((r) => roleHas(r, "review:activity"))).toEqual(["admin", "planner"]);
  });

  it("lets station staff review duplicates and others' conflicts only as their station's head", () => {
    for (const p of ["review:duplicates", "read:others_conflicts"] as const) {
      expect(holds({ role: "station_staff", isStationHead: true }, p), p).toBe(true);
      expect(holds({ role: "station_staff", isStationHead: false }, p), p).toBe(false);
      expect(holds({ role: "planner", isStationHead: false }, p), p).toBe(true);
      expect(holds({ role: "org_staff", isStationHead: false }, p), p).toBe(false);
    }
    expect(holds({ role: "auditor", isStationHead: false }, "read:others_conflicts")).toBe(true);
    expect(holds({ role: "auditor", isStationHead: false }, "review:duplicates")).toBe(false);
  });

  it("lets only administrators make administrators, and only they and planners file things under regions", () => {
    expect(roles.filter((r) => roleHas(r, "grant:admin_role"))).toEqual(["admin"]);
    expect(roles.filter((r) => roleHas(r, "manage:region_register"))).toEqual(["admin", "planner"]);
  });

  it("makes administrators and planners sign in with a second factor", () => {
    expect(roles.filter(requiresSecondFactor)).toEqual(["admin", "planner"]);
  });
});
