// GET /facilities/export — the register with the current filters as CSV (every row, not one page). Audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { parseFacilityFilters, parseFacilitySort } from "~/modules/facilities/filters";
import { listFacilities } from "~/modules/facilities/queries.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { csvResponse } from "~/utils/csv.server";
import { todayInShanghai } from "~/utils/dates";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const search = new URL(request.url).searchParams;
  const filters = parseFacilityFilters(search);
  const { sort, dir } = parseFacilitySort(search);
  const { rows } = await listFacilities({ user, filters, sort, dir, pageSize: null });
  const t = await i18nServer.getFixedT(request, ["facilities", "common"]);
  await recordAuditNow(auditActor(request, context, user), {
    action: "facility.export",
    entityType: "facility",
    changes: { filters, rows: rows.length },
  });
  return csvResponse(
    `${t("export.filename")}-${todayInShanghai()}.csv`,
    [
      t("fields.code"),
      t("fields.name"),
      t("fields.kind"),
      t("fields.status"),
      t("export.county"),
      t("fields.township"),
      t("export.townshipCode"),
      t("fields.openedOn"),
      t("fields.organization"),
      t("export.contractEndsOn"),
      t("fields.staffTarget"),
      t("fields.lat"),
      t("fields.lng"),
      t("fields.coordQuality"),
    ],
    rows.map((r) => [
      r.code,
      r.name,
      t(`common:enum.facilityKind.${r.kind}`),
      t(`common:enum.facilityStatus.${r.status}`),
      r.countyName ?? "",
      r.townshipName,
      r.townshipCode,
      r.openedOn ?? "",
      r.organizationName ?? "",
      r.contractEndsOn ?? "",
      r.staffTarget,
      r.lat ?? "",
      r.lng ?? "",
      t(`common:coordQuality.${r.coordQuality}`),
    ]),
  );
}
