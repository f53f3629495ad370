// Budget tables as CSV (one table) or XLSX (all three), for the same year and county as the dashboard.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { budgetCountyChoices, budgetFigures } from "~/modules/budget/dashboard.server";
import { budgetSheets, budgetTables } from "~/modules/budget/export.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { enumParam, yearParam } from "~/modules/kernel/search-params";
import { regionCodeParam } from "~/modules/regions/codes";
import { csvResponse } from "~/utils/csv.server";
import { todayInShanghai } from "~/utils/dates";
import { badRequest } from "~/utils/http.server";
import { xlsxResponse } from "~/utils/xlsx.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:funding");
  const search = new URL(request.url).searchParams;
  const format = enumParam(search, "format", ["csv", "xlsx"] as const);
  if (!format) badRequest("format must be csv or xlsx");
  const today = todayInShanghai();
  const year = yearParam(search) ?? Number(today.slice(0, 4));
  const countyParam = regionCodeParam(search, "county");
  const county =
    countyParam && (await budgetCountyChoices(user)).some((c) => c.code === countyParam)
      ? countyParam
      : undefined;
  const [figures, t] = await Promise.all([
    budgetFigures({ user, year, countyCode: county, asOf: today }),
    i18nServer.getFixedT(request, ["budget", "common"]),
  ]);
  const sheets = budgetSheets(figures, t);
  const table = enumParam(search, "table", budgetTables) ?? "contracts";
  await recordAuditNow(auditActor(request, context, user), {
    action: "budget.export",
    entityType: "budget",
    changes: { format, year, county: county ?? null, table: format === "csv" ? table : "all" },
  });
  const base = `${t("budget:export.filename")}-${year}${county ? `-${county}` : ""}`;
  if (format === "csv") {
    const sheet = sheets[table];
    return csvResponse(`${base}-${sheet.name}.csv`, sheet.header, sheet.rows);
  }
  return xlsxResponse(
    `${base}.xlsx`,
    budgetTables.map((name) => sheets[name]),
  );
}
