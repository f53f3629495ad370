// Registering and editing organizations. Planners manage organizations registered in their region; every write is audited.
import { organizations } from "#db/schema";
import { regionRegister } from "~/modules/kernel/register.server";
import type { Writer } from "~/modules/kernel/write.server";
import type { OrganizationInput } from "./schemas";

/** A code another organization already holds is refused naming that organization. */
const register = regionRegister({
  table: organizations,
  entityType: "organization",
  actionPrefix: "organization",
  code: {
    column: organizations.creditCode,
    field: "creditCode",
    messageKey: "organizations:creditCode.duplicate",
    constraint: "organizations_credit_code_unique",
  },
  values: (input: OrganizationInput) => ({
    name: input.name,
    creditCode: input.creditCode,
    kind: input.kind,
    regionId: input.regionId,
    registeredOn: input.registeredOn ?? null,
    hasPartyBranch: input.hasPartyBranch,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    contactEmail: input.contactEmail ?? null,
    address: input.address ?? null,
    status: input.status,
  }),
});

type Args = Writer & { input: OrganizationInput };

export const createOrganization = (args: Args) => register.create(args);

export const updateOrganization = ({ organizationId, ...args }: Args & { organizationId: number }) =>
  register.update({ ...args, id: organizationId });
