import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterBar, FilterSelect } from "~/components/ui/filter-bar";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import type { ActivityFilters } from "~/modules/activities/filters";
import {
  activitiesForExport,
  type CalendarSubject,
  feedFilterOptions,
  findCalendarSubject,
} from "~/modules/activities/queries.server";
import { pageTitle } from "~/modules/i18n/meta";
import activitiesCss from "~/styles/activities.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatMonth, formatNumber } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";
import { isMonthKey, monthRange, monthWeeks, shiftMonth } from "~/utils/months";

export const handle = { i18n: ["common", "activities"] };
export const meta = pageTitle("activities:calendar.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: activitiesCss }];

const subjectKinds = ["contract", "facility", "organization"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const url = new URL(request.url);
  const today = todayInShanghai();
  const month = isMonthKey(url.searchParams.get("month"))
    ? url.searchParams.get("month")!
    : today.slice(0, 7);
  let subject: CalendarSubject | null = null;
  for (const kind of subjectKinds) {
    const raw = url.searchParams.get(kind);
    if (!raw) continue;
    const id = routeId(raw);
    subject = await findCalendarSubject({ user, kind, id });
    if (!subject) notFound();
    break;
  }
  const range = monthRange(month);
  const filters: ActivityFilters = { from: range.start, to: range.end };
  if (subject) filters[subject.kind] = subject.id;
  const [rows, options] = await Promise.all([
    activitiesForExport({ user, filters }),
    feedFilterOptions(user),
  ]);
  return { month, today, subject, rows, range, options };
}

export default function ActivityCalendar() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["activities", "common"]);
  const lng = i18n.language;
  const subjectParam = data.subject ? `${data.subject.kind}=${data.subject.id}&` : "";
  const byDay = new Map<string, typeof data.rows>();
  for (const r of data.rows) byDay.set(r.occurredOn, [...(byDay.get(r.occurredOn) ?? []), r]);
  const personTimes = data.rows.reduce((s, r) => s + r.personTimes, 0);
  const [year, monthNumber] = data.month.split("-").map(Number);
  const monthLabel = formatMonth(year, monthNumber, lng);
  const weekdays = t("calendar.weekdays").split(",");
  return (
    <>
      <PageHeader
        title={data.subject ? t("calendar.titleFor", { name: data.subject.name }) : t("calendar.title")}
        subtitle={t("calendar.summary", {
          month: monthLabel,
          count: data.rows.length,
          personTimes: formatNumber(personTimes, lng),
        })}
        actions={
          <>
            <a
              className="btn btn--secondary"
              href={`/activities/export.csv?${subjectParam}from=${data.range.start}&to=${data.range.end}`}
              download
              data-testid="calendar-csv"
            >
              {t("common:actions.exportCsv")}
            </a>
            <Link to="/activities" className="btn btn--secondary">
              {t("calendar.backToFeed")}
            </Link>
          </>
        }
      />
      <FilterBar noPrint>
        <FilterSelect
          name="facility"
          label={t("filters.facility")}
          value={data.subject?.kind === "facility" ? data.subject.id : ""}
          options={data.options.facilities.map((o) => ({ value: o.id, label: o.name }))}
        />
        {data.options.organizations.length > 1 ? (
          <FilterSelect
            name="organization"
            label={t("filters.organization")}
            value={data.subject?.kind === "organization" ? data.subject.id : ""}
            options={data.options.organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : null}
        <label>
          {t("calendar.month")}
          <input type="month" name="month" defaultValue={data.month} />
        </label>
      </FilterBar>
      <div className="calendar-nav">
        <Link
          to={`?${subjectParam}month=${shiftMonth(data.month, -1)}`}
          className="btn btn--ghost btn--small"
        >
          ← {t("calendar.previous")}
        </Link>
        <strong data-testid="calendar-month">{monthLabel}</strong>
        <Link to={`?${subjectParam}month=${shiftMonth(data.month, 1)}`} className="btn btn--ghost btn--small">
          {t("calendar.next")} →
        </Link>
      </div>
      <div className="table-wrap">
        <table className="calendar" data-testid="calendar">
          <thead>
            <tr>
              {weekdays.map((d) => (
                <th key={d}>{d}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(data.month).map((week) => (
              <tr key={week.find(Boolean) ?? ""}>
                {week.map((day, i) => {
                  const items = day ? (byDay.get(day) ?? []) : [];
                  return (
                    <td
                      key={i}
                      className={`calendar__day${day === data.today ? " calendar__day--today" : ""}${day ? "" : " calendar__day--blank"}`}
                    >
                      {day ? <span className="calendar__date">{Number(day.slice(8))}</span> : null}
                      {items.slice(0, 3).map((r) => (
                        <Link
                          key={r.id}
                          to={`/activities/${r.id}`}
                          className="calendar__item"
                          title={r.summary}
                        >
                          {t(`common:enum.activityKind.${r.kind}`)} · {formatNumber(r.personTimes, lng)}
                        </Link>
                      ))}
                      {items.length > 3 ? (
                        <a href={`#day-${day}`} className="calendar__more">
                          {t("calendar.more", { count: items.length - 3 })}
                        </a>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("calendar.list")}</h2>
      {data.rows.length === 0 ? (
        <div className="card empty-state">{t("calendar.empty")}</div>
      ) : (
        <ListTable
          testId="calendar-list"
          head={
            <>
              <th>{t("fields.occurredOn")}</th>
              <th>{t("fields.subject")}</th>
              <th>{t("fields.kind")}</th>
              <th className="num">{t("fields.participants")}</th>
              <th className="num">{t("fields.personTimes")}</th>
              <th>{t("fields.summary")}</th>
            </>
          }
        >
          {data.rows.map((r, i) => (
            <tr
              key={r.id}
              id={i === 0 || data.rows[i - 1].occurredOn !== r.occurredOn ? `day-${r.occurredOn}` : undefined}
            >
              <td className="nowrap">
                <Link to={`/activities/${r.id}`}>{formatDate(r.occurredOn, lng)}</Link>
              </td>
              <td>
                {r.subjectName}
                <div className="muted">{r.organizationName}</div>
              </td>
              <td>{t(`common:enum.activityKind.${r.kind}`)}</td>
              <td className="num">{formatNumber(r.participants, lng)}</td>
              <td className="num">{formatNumber(r.personTimes, lng)}</td>
              <td className="calendar-list__summary">{r.summary}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
