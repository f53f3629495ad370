// The register as CSV: ID numbers and phones masked unless asked otherwise (full ID numbers only with a reason, which
// the route's permission decides). Every export is written to the audit log.
import { resourcesFor } from "~/locales/resources.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { maskAddress, maskPhone, seesContactDetails } from "~/modules/kernel/masking";
import { decryptIdNumber } from "./id-number-crypto.server";
import { peopleForExport } from "./queries.server";
import type { PeopleFilters } from "./schemas";

/** The header and rows of the export in the reader's language, audited as it is made. */
export async function exportPeople({
  user,
  actor,
  filters,
  locale,
  unmasked = false,
  reason = null,
}: {
  user: SessionUser;
  actor: AuditActor;
  filters: PeopleFilters;
  locale: string;
  unmasked?: boolean;
  reason?: string | null;
}): Promise<{ header: string[]; body: string[][] }> {
  const rows = await peopleForExport({ user, filters });
  const { common, people: peopleTexts } = resourcesFor(locale);
  const labels = peopleTexts.export.columns;
  const contact = seesContactDetails(user.role);
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
  const body = rows.map((p) => [
    p.fullName,
    common.enum.sex[p.sex],
    p.birthDate,
    unmasked ? decryptIdNumber(p.idNumberCipher) : p.idNumberMasked,
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
    contact ? (p.phone ?? "") : (maskPhone(p.phone) ?? ""),
    contact ? (p.address ?? "") : (maskAddress(p.address) ?? ""),
    p.nextDueOn ?? "",
  ]);
  await recordAuditNow(actor, {
    action: unmasked ? "person.export_unmasked" : "person.export",
    entityType: "person",
    changes: {
      rows: rows.length,
      masked: !unmasked,
      filters,
      personIds: unmasked ? rows.map((r) => r.id) : undefined,
    },
    reason,
  });
  return { header, body };
}
