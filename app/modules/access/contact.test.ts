import { describe, expect, it } from "vitest";
import { roles } from "#db/schema/users";
import { seesContactDetails, shownContact } from "./contact";
import { roleHas } from "./permissions";

const file = {
  id: 7,
  phone: "13912345678",
  guardianPhone: "0891 6543210",
  address: "百巴镇百巴村12号",
  notes: "x",
};

describe("whom a person's contact details are shown to", () => {
  it("decides by the permission table", () => {
    for (const role of roles)
      expect(seesContactDetails({ role }), role).toBe(roleHas(role, "unmask:person_contact"));
  });

  it("shows phones and address in full to planners and station staff", () => {
    expect(shownContact({ role: "planner" }, file)).toEqual(file);
    expect(shownContact({ role: "station_staff" }, file)).toEqual(file);
  });

  it("masks phones and address for every other role, leaving the other fields alone", () => {
    for (const role of ["admin", "auditor", "org_staff"] as const)
      expect(shownContact({ role }, file), role).toEqual({
        id: 7,
        phone: "139****5678",
        guardianPhone: "089****3210",
        address: "百巴镇百****",
        notes: "x",
      });
  });

  it("masks them for a planner too when full details were not asked for (an export without a reason)", () => {
    expect(shownContact({ role: "planner" }, file, { full: false }).phone).toBe("139****5678");
  });

  it("leaves missing and non-text values as they are", () => {
    expect(shownContact({ role: "auditor" }, { phone: null, address: undefined, guardianPhone: 5 })).toEqual({
      phone: null,
      address: undefined,
      guardianPhone: 5,
    });
  });
});
