// Keeping to the schedule, per county, township and station: on-time rate, overdue now, and 月探访率.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { visitMetrics } from "~/modules/visits/metrics.server";
import visitsCss from "~/styles/visits.css?url";
import { formatNumber, formatPercent } from "~/utils/format";

export const handle = { i18n: ["common", "visits", "visitTools"] };
export const meta = pageTitle("visitTools:stats.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const month = new URL(request.url).searchParams.get("month") ?? undefined;
  return visitMetrics({ user, month });
}

function rateTone(rate: number | null) {
  if (rate === null) return "default" as const;
  return rate >= 0.95 ? ("good" as const) : rate >= 0.8 ? ("warn" as const) : ("bad" as const);
}

export default function VisitStats() {
  const { month, rows, total } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["visitTools", "visits", "common"]);
  const lng = i18n.language;
  return (
    <>
      <PageHeader
        title={t("stats.title")}
        subtitle={t("stats.subtitle")}
        actions={
          <Form method="get" className="btn-row">
            <label className="visually-hidden" htmlFor="month">
              {t("stats.month")}
            </label>
            <input id="month" type="month" name="month" defaultValue={month} className="month-input" />
            <button type="submit" className="btn btn--small btn--secondary">
              {t("common:actions.view")}
            </button>
            <Link to="/visits" className="btn btn--ghost btn--small">
              {t("common:actions.back")}
            </Link>
          </Form>
        }
      />
      <StatGrid>
        <Stat
          label={t("stats.monthlyRate")}
          value={formatPercent(total.monthlyRate, lng)}
          hint={t("stats.monthlyRateHint", { visited: total.peopleVisited, due: total.peopleDue })}
          tone={rateTone(total.monthlyRate)}
          testId="monthly-rate"
        />
        <Stat
          label={t("stats.onTimeRate")}
          value={formatPercent(total.onTimeRate, lng)}
          hint={t("stats.onTimeHint", { onTime: total.onTime, due: total.due })}
          tone={rateTone(total.onTimeRate)}
          testId="on-time-rate"
        />
        <Stat
          label={t("stats.overdue")}
          value={formatNumber(total.overdue, lng)}
          tone={total.overdue ? "bad" : "good"}
          testId="overdue-total"
        />
      </StatGrid>
      <StatGrid>
        <Stat label={t("stats.notHome")} value={formatNumber(total.notHome, lng)} testId="not-home-total" />
        <Stat label={t("stats.moved")} value={formatNumber(total.moved, lng)} testId="moved-total" />
        <Stat
          label={t("stats.hospitalised")}
          value={formatNumber(total.hospitalised, lng)}
          testId="hospitalised-total"
        />
        <Stat label={t("stats.deceased")} value={formatNumber(total.deceased, lng)} />
        <Stat
          label={t("stats.needsFound")}
          value={formatNumber(total.needsFound, lng)}
          hint={t("stats.fieldHint")}
          testId="needs-found-total"
        />
        <Stat
          label={t("stats.openReferrals")}
          value={formatNumber(total.openReferrals, lng)}
          tone={total.openReferrals ? "warn" : "default"}
          testId="open-referrals-total"
        />
      </StatGrid>
      {rows.length === 0 ? (
        <div className="card empty-state">{t("stats.empty")}</div>
      ) : (
        <ListTable
          className="stats-table"
          testId="visit-stats"
          head={
            <>
              <th>{t("stats.unit")}</th>
              <th className="num">{t("stats.peopleDue")}</th>
              <th className="num">{t("stats.peopleVisited")}</th>
              <th className="num">{t("stats.monthlyRate")}</th>
              <th className="num">{t("stats.due")}</th>
              <th className="num">{t("stats.onTimeRate")}</th>
              <th className="num">{t("stats.overdue")}</th>
              <th className="num">{t("stats.notSeen")}</th>
              <th className="num">{t("stats.needsFound")}</th>
              <th className="num">{t("stats.openReferrals")}</th>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.key} className={`stats-row stats-row--${r.level}`}>
              <td>
                <span className="stats-level">{t(`stats.level.${r.level}`)}</span> {r.name}
              </td>
              <td className="num">{formatNumber(r.peopleDue, lng)}</td>
              <td className="num">{formatNumber(r.peopleVisited, lng)}</td>
              <td className={`num rate rate--${rateTone(r.monthlyRate)}`}>
                {formatPercent(r.monthlyRate, lng)}
              </td>
              <td className="num">{formatNumber(r.due, lng)}</td>
              <td className={`num rate rate--${rateTone(r.onTimeRate)}`}>
                {formatPercent(r.onTimeRate, lng)}
              </td>
              <td className="num">
                {r.overdue ? <strong className="text-bad">{formatNumber(r.overdue, lng)}</strong> : "0"}
              </td>
              <td
                className="num"
                title={`${t("stats.notHome")} ${r.notHome} · ${t("stats.moved")} ${r.moved} · ${t("stats.hospitalised")} ${r.hospitalised} · ${t("stats.deceased")} ${r.deceased}`}
              >
                {formatNumber(r.notHome + r.moved + r.hospitalised + r.deceased, lng)}
              </td>
              <td className="num">{formatNumber(r.needsFound, lng)}</td>
              <td className="num">{formatNumber(r.openReferrals, lng)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <p className="muted small">{t("stats.definitions")}</p>
      <p className="muted small">{t("stats.seenOnly")}</p>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
