// The register as CSV: ID numbers, phones and addresses masked, unless the user asks with a reason for what their role
// may have in full (phones and addresses: station staff and planners; ID numbers: `export:person_unmasked`). Every
// export is written to the audit log, saying which fields left in full.
import { resourcesFor } from "~/locales/resources.server";
import { seesContactDetails, shownContact } from "~/modules/access/contact";
import { roleHas } from "~/modules/access/permissions";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { decryptIdNumber } from "./id-number-crypto.server";
import { peopleForExport } from "./queries.server";
import type { PeopleFilters } from "./schemas";

export type UnmaskableField = "idNumber" | "phone" | "address";

/** What the user may export in full when they give a reason; nothing for the other roles. */
export function unmaskableFields(user: SessionUser): UnmaskableField[] {
  return [
    ...(roleHas(user.role, "export:person_unmasked") ? (["idNumber"] as const) : []),
    ...(seesContactDetails(user) ? (["phone", "address"] as const) : []),
  ];
}

/**
 * The header and rows of the export in the reader's language, audited as it is made. Without a reason every personal
 * field is masked; with one, the fields `unmaskableFields` allows are in full.
 */
export async function exportPeople({
  user,
  actor,
  filters,
  locale,
  reason = null,
}: {
  user: SessionUser;
  actor: AuditActor;
  filters: PeopleFilters;
  locale: string;
  /** Given: export in full what the role may have (the route asks for it). */
  reason?: string | null;
}): Promise<{ header: string[]; body: string[][] }> {
  const rows = await peopleForExport({ user, filters });
  const { common, peopleRegister } = resourcesFor(locale);
  const labels = peopleRegister.export.columns;
  const full = new Set(reason ? unmaskableFields(user) : []);
  const unmasked = full.size > 0;
  const header = [
    labels.fullName,
    labels.sex,
    labels.birthDate,
    labels.idNumber,
    labels.villageCode,
    labels.village,
    labels.township,
    labels.station,
    labels.categories,
    labels.riskTier,
    labels.status,
    labels.statusOn,
    labels.phone,
    labels.address,
    labels.nextVisit,
  ];
  const body = rows.map((p) => {
    const contact = shownContact(user, { phone: p.phone, address: p.address }, { full: full.has("phone") });
    return [
      p.fullName,
      common.enum.sex[p.sex],
      p.birthDate,
      full.has("idNumber") ? decryptIdNumber(p.idNumberCipher) : p.idNumberMasked,
      p.villageCode,
      p.villageName,
      p.townshipName ?? "",
      p.stationName ?? "",
      p.categories
        .map((c) => common.enum.personCategory[c as keyof typeof common.enum.personCategory] ?? c)
        .join("、"),
      common.enum.riskTier[p.riskTier],
      common.enum.personStatus[p.status],
      p.statusOn ?? "",
      contact.phone ?? "",
      contact.address ?? "",
      p.nextDueOn ?? "",
    ];
  });
  await recordAuditNow(actor, {
    action: unmasked ? "person.export_unmasked" : "person.export",
    entityType: "person",
    changes: {
      rows: rows.length,
      masked: !unmasked,
      unmaskedFields: [...full],
      filters,
      personIds: unmasked ? rows.map((r) => r.id) : undefined,
    },
    reason,
  });
  return { header, body };
}
