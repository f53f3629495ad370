// GET /api/coverage?region=CODE — township coverage and village reach for a province, prefecture, county or township in
// scope; CODE has 12 digits, or 6 (county) or 9 (township). An unknown code answers 404 with `{ error, code }`.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { requireRegion } from "~/modules/access/region.server";
import { coverageLevels, coverageReport } from "~/modules/coverage/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:coverage");
  const region = await requireRegion(user, new URL(request.url).searchParams.get("region"), coverageLevels);
  const report = await coverageReport({ region });
  const { townships, reach } = report;
  return Response.json(
    {
      region: { code: region.code, name: region.name, level: region.level },
      asOf: report.asOf,
      townships: {
        total: townships.total,
        covered: townships.covered,
        ratio: townships.ratio,
        uncovered: townships.uncovered.map((t) => t.code),
        coveredUnderContract: townships.coveredUnderContract,
        ratioUnderContract: townships.ratioUnderContract,
        uncoveredUnderContract: townships.uncoveredUnderContract.map((t) => t.code),
      },
      villages: {
        total: reach.villages,
        withPoint: reach.withPoint,
        withoutPoint: reach.withoutPoint,
        withoutPointPopulation: reach.withoutPointPopulation,
        reached: reach.reached,
        reachedShare: reach.reachedShare,
        population: reach.population,
      },
      stations: report.stations.map((s) => ({
        code: s.code,
        name: s.name,
        township_code: s.townshipCode,
        status: s.status,
        under_contract: s.underContract,
        villages_served: s.villagesServed,
        population_served: s.populationServed,
        people_in_care: s.peopleInCare,
        visits_on_time: s.visitsOnTime,
        visits_late: s.visitsLate,
        visits_overdue: s.visitsOverdue,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
