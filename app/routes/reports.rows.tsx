import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { reportsOnRegions } from "~/modules/reports/region.server";
import { type RowFigure, rowsForQuery, rowsQueryOf } from "~/modules/reports/rows.server";
import reportsCss from "~/styles/reports.css?url";
import { formatList, formatNumber, formatYuan } from "~/utils/format";
import { badRequest, forbidden, notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "reports"] };
export const meta = pageTitle("reports:rows.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];

/** Figures whose rows name people in care: each opening is audited. */
const peopleFigures: readonly RowFigure[] = ["people", "visits", "contractPeople", "contractHomeVisits"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report");
  const url = new URL(request.url);
  const query = rowsQueryOf(url.searchParams);
  if ("problem" in query) badRequest(query.problem);
  if (!("contractId" in query) && !reportsOnRegions(user)) forbidden();
  const result = await rowsForQuery(user, query, url.searchParams);
  if (!result) notFound();
  if (peopleFigures.includes(result.figure))
    await recordAuditNow(auditActor(request, context, user), {
      action: "report.rows",
      entityType: result.figure,
      entityId: result.subject,
      changes: { query: url.search, rows: result.rows.length },
    });
  return result;
}

export default function FigureRows() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reports", "common"]);
  const navigate = useNavigate();
  const lng = i18n.language;
  const cell = (value: string | number | null, column: (typeof data.columns)[number]) => {
    if (value === null || value === "") return "—";
    if (column.money) return formatYuan(Number(value), lng);
    if (column.enumOf === "yesNo") return Number(value) ? t("rows.yes") : t("rows.no");
    if (column.enumOf === "personCategory")
      return formatList(
        String(value)
          .split(",")
          .map((c) => t(`common:enum.personCategory.${c}`)),
        lng,
      );
    if (column.enumOf) return t(`common:enum.${column.enumOf}.${value}`);
    if (column.numeric) return formatNumber(Number(value), lng, column.digits ?? 1);
    return String(value);
  };
  const sumOf = (column: (typeof data.columns)[number]) => {
    const sum = data.rows.reduce((s, r) => s + Number(r[column.key] ?? 0), 0);
    return column.money ? formatYuan(sum, lng) : formatNumber(sum, lng);
  };
  return (
    <>
      <PageHeader
        title={t(`rows.figure.${data.figure}`)}
        subtitle={data.heading.filter(Boolean).join(" · ")}
        actions={
          <button type="button" className="btn btn--secondary" onClick={() => navigate(-1)}>
            {t("common:actions.back")}
          </button>
        }
      />
      <p className="muted" data-testid="rows-total">
        {t("rows.total", { count: data.total, shown: data.rows.length })}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="rows">
          <thead>
            <tr>
              {data.columns.map((c) => (
                <th key={c.key} className={c.money || c.numeric ? "num" : undefined}>
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, i) => (
              <tr key={i}>
                {data.columns.map((c) => (
                  <td key={c.key} className={c.money || c.numeric ? "num" : undefined}>
                    {cell(row[c.key], c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {data.columns.some((c) => c.sum) && data.rows.length === data.total ? (
            <tfoot>
              <tr>
                {data.columns.map((c, i) => (
                  <th
                    key={c.key}
                    className={c.sum ? "num" : undefined}
                    data-testid={c.sum ? `sum-${c.key}` : undefined}
                  >
                    {c.sum ? sumOf(c) : i === 0 ? t("review.total") : ""}
                  </th>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
