// CSV export of the register: ID numbers and phones masked by default (GET); planners may ask for full ID numbers
// with a reason (POST). Every export is written to the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { resourcesFor } from "~/locales/resources.server";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import type { SessionUser } from "~/modules/access/types";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { maskAddress, maskPhone, seesContactDetails } from "~/modules/kernel/masking";
import { decryptIdNumber } from "~/modules/people/id-number-crypto.server";
import { peopleForExport } from "~/modules/people/queries.server";
import { exportSchema, peopleFiltersFrom } from "~/modules/people/schemas";
import { csvResponse } from "~/utils/csv.server";
import { todayInShanghai } from "~/utils/dates";
import { badRequest, forbidden } from "~/utils/http.server";

async function exportCsv(request: Request, user: SessionUser, unmasked: boolean) {
  const filters = peopleFiltersFrom(new URL(request.url).searchParams);
  const rows = await peopleForExport({ user, filters });
  const locale = await i18nServer.getLocale(request);
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
  return { header, body, count: rows.length, ids: rows.map((r) => r.id), filters };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const { header, body, count, filters } = await exportCsv(request, user, false);
  await recordAuditNow(auditActor(request, context, user), {
    action: "person.export",
    entityType: "person",
    changes: { rows: count, masked: true, filters },
  });
  return csvResponse(`people-${todayInShanghai()}.csv`, header, body);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const parsed = exportSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) badRequest();
  const unmasked = parsed.data.unmasked === "1";
  if (unmasked && !userCan(user, "export:person_unmasked")) forbidden();
  if (unmasked && !parsed.data.reason) badRequest("A reason is required to export full ID numbers");
  const { header, body, count, ids, filters } = await exportCsv(request, user, unmasked);
  await recordAuditNow(auditActor(request, context, user), {
    action: unmasked ? "person.export_unmasked" : "person.export",
    entityType: "person",
    changes: { rows: count, masked: !unmasked, filters, personIds: unmasked ? ids : undefined },
    reason: parsed.data.reason ?? null,
  });
  return csvResponse(`people-${unmasked ? "full-" : ""}${todayInShanghai()}.csv`, header, body);
}
