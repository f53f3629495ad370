// GET /coverage/export?region=CODE&table=townships|stations|villages|suggestions — the coverage tables as CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { requireRegion } from "~/modules/access/region.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { coverageLevels, coverageReport, placementSuggestions } from "~/modules/coverage/queries.server";
import { parsePlacementWeight } from "~/modules/coverage/weights";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { csvResponse } from "~/utils/csv.server";
import { badRequest } from "~/utils/http.server";

const tables = ["townships", "stations", "villages", "suggestions"] as const;
const yesNo = (v: boolean, t: (k: string) => string) => (v ? t("export.yes") : t("export.no"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:coverage");
  const search = new URL(request.url).searchParams;
  const table = search.get("table") as (typeof tables)[number];
  if (!tables.includes(table)) badRequest("Unknown table");
  const region = await requireRegion(user, search.get("region"), coverageLevels);
  const t = await i18nServer.getFixedT(request, ["coverage", "common"]);
  await recordAuditNow(auditActor(request, context, user), {
    action: "coverage.export",
    entityType: "region",
    entityId: region.code,
    changes: { table },
  });
  const file = (name: string) => `${t(`export.file.${name}`)}-${region.name}-${region.code}.csv`;
  if (table === "suggestions") {
    const k = Math.min(Math.max(Number(search.get("k")) || 5, 1), 20);
    const result = await placementSuggestions({
      region,
      k,
      weight: parsePlacementWeight(search.get("weight")),
    });
    return csvResponse(
      file("suggestions"),
      [
        t("export.rank"),
        t("export.code"),
        t("export.name"),
        t("export.kind"),
        t("export.township"),
        "lat",
        "lng",
        t("export.addedWeight"),
        t("export.addedVillages"),
        t("export.cumulative"),
        t("export.weight"),
        t("export.radiusKm"),
      ],
      result.picks.map((p) => [
        p.rank,
        p.code,
        p.name,
        t(`suggestions.kind.${p.kind}`),
        p.townshipName,
        p.lat,
        p.lng,
        p.addedWeight,
        p.addedVillages,
        p.cumulativeShare == null ? "" : Math.round(p.cumulativeShare * 10000) / 10000,
        t(`suggestions.weights.${result.weight}`),
        result.radiusM / 1000,
      ]),
    );
  }
  const report = await coverageReport({ region });
  if (table === "townships")
    return csvResponse(
      file("townships"),
      [
        t("export.code"),
        t("export.name"),
        t("export.stations"),
        t("export.covered"),
        t("export.coveredUnderContract"),
      ],
      report.townships.townships.map((r) => [
        r.code,
        r.name,
        r.stations,
        yesNo(r.covered, t),
        yesNo(r.coveredUnderContract, t),
      ]),
    );
  if (table === "stations")
    return csvResponse(
      file("stations"),
      [
        t("export.code"),
        t("export.name"),
        t("export.township"),
        t("export.status"),
        t("export.underContract"),
        t("stations.villagesServed"),
        t("stations.populationServed"),
        t("stations.peopleInCare"),
        t("stations.visitsOnTime"),
        t("stations.visitsLate"),
        t("stations.visitsOverdue"),
      ],
      report.stations.map((s) => [
        s.code,
        s.name,
        s.townshipName,
        t(`common:enum.facilityStatus.${s.status}`),
        yesNo(s.underContract, t),
        s.villagesServed,
        s.populationServed,
        s.peopleInCare,
        s.visitsOnTime,
        s.visitsLate,
        s.visitsOverdue,
      ]),
    );
  return csvResponse(
    file("villages"),
    [
      t("export.code"),
      t("export.name"),
      t("export.township"),
      t("export.hasPoint"),
      t("villages.nearest"),
      t("villages.distanceKm"),
      t("export.reached"),
      t("export.servedBy"),
      t("villages.population"),
    ],
    report.villages.map((v) => {
      const servedBy = report.stations.find((s) => s.id === v.servedByStationId)?.name ?? "";
      return [
        v.code,
        v.name,
        v.townshipName,
        yesNo(v.located, t),
        v.nearestStationName ?? "",
        v.nearestDistanceM == null ? "" : Math.round(v.nearestDistanceM / 100) / 10,
        yesNo(v.servedByStationId != null, t),
        servedBy,
        v.population ?? "",
      ];
    }),
  );
}
