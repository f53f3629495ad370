// Visits: overdue and due-soon list, and a week calendar. Station staff see their own visits first.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { packWhenOffline } from "~/modules/field/offline";
import { pageTitle } from "~/modules/i18n/meta";
import { RiskBadge } from "~/modules/people/ui";
import { listOpenVisits, visitFilterFrom, weekOfVisits } from "~/modules/visits/queries.server";
import { DueDate, VisitKindBadge } from "~/modules/visits/ui";
import visitsCss from "~/styles/visits.css?url";
import { addDaysToDate, isIsoDate, todayInShanghai, weekInShanghai } from "~/utils/dates";
import { formatDate, formatNumber, formatWeekdayShort } from "~/utils/format";

export const handle = { i18n: ["common", "visits", "visitList", "field"] };
export const meta = pageTitle("common:nav.visits");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const search = new URL(request.url).searchParams;
  const filter = visitFilterFrom(search, user);
  const view = search.get("view") === "week" ? "week" : "list";
  const page = pageFromSearch(search);
  const list = await listOpenVisits({ user, filter, page, pageSize: PAGE_SIZE });
  let week = null;
  if (view === "week") {
    const requested = search.get("week");
    const anchor = requested && isIsoDate(requested) ? new Date(`${requested}T04:00:00Z`) : new Date();
    const { start } = weekInShanghai(anchor);
    week = { start, ...(await weekOfVisits({ user, weekStart: start, mine: filter.mine })) };
  }
  return {
    ...list,
    filter,
    view,
    page,
    week,
    isStation: user.scope.kind === "station",
    can: {
      write: userCan(user, "write:visit"),
      rules: userCan(user, "manage:visit_rules"),
    },
  };
}

// Without a link the list opens from the pack in the field app.
export const clientLoader = packWhenOffline(() => "/field");

export default function Visits() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["visitList", "visits", "common"]);
  const [search] = useSearchParams();
  const lng = i18n.language;
  const href = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(search);
    params.delete("page");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    return `/visits?${params}`;
  };
  const tabs: [typeof data.filter.due, string][] = [
    ["soon", t("tabs.soon")],
    ["overdue", t("tabs.overdue")],
    ["week", t("tabs.week")],
    ["open", t("tabs.open")],
  ];
  return (
    <>
      <PageHeader
        title={t("common:nav.visits")}
        subtitle={t("subtitle")}
        actions={
          <div className="btn-row">
            {data.isStation ? (
              <Link to="/field" className="btn" data-testid="open-field">
                {t("field:pack.take")}
              </Link>
            ) : null}
            {data.can.write ? (
              <Link to="/visits/bulk" className="btn btn--secondary">
                {t("tools.bulk")}
              </Link>
            ) : null}
            <Link to="/visits/stats" className="btn btn--secondary">
              {t("tools.stats")}
            </Link>
            <Link to="/visits/transfers" className="btn btn--ghost">
              {t("tools.transfers")}
            </Link>
            <Link to="/visits/flags" className="btn btn--ghost">
              {t("tools.flags")}
            </Link>
            {data.can.rules ? (
              <Link to="/visits/rules" className="btn btn--secondary">
                {t("tools.rules")}
              </Link>
            ) : null}
            {data.isStation ? (
              <Link to="/settings/calendar" className="btn btn--ghost">
                {t("tools.calendar")}
              </Link>
            ) : null}
          </div>
        }
      />
      <StatGrid>
        <Stat
          label={t("counts.overdue")}
          value={formatNumber(data.counts.overdue, lng)}
          tone={data.counts.overdue > 0 ? "bad" : "good"}
          to={href({ due: "overdue", view: null })}
          testId="count-overdue"
        />
        <Stat
          label={t("counts.today")}
          value={formatNumber(data.counts.today, lng)}
          tone={data.counts.today ? "warn" : "default"}
          to={href({ due: "soon", view: null })}
          testId="count-today"
        />
        <Stat
          label={t("counts.soon")}
          value={formatNumber(data.counts.soon, lng)}
          to={href({ due: "soon", view: null })}
        />
      </StatGrid>
      <div className="visit-toolbar">
        <nav className="tabs" aria-label={t("tabs.label")}>
          {tabs.map(([key, label]) => (
            <Link
              key={key}
              to={href({ due: key, view: null, status: null })}
              className={data.view === "list" && data.filter.due === key ? "tab tab--active" : "tab"}
              aria-current={data.view === "list" && data.filter.due === key ? "page" : undefined}
            >
              {label}
            </Link>
          ))}
          <Link
            to={href({ view: "week" })}
            className={data.view === "week" ? "tab tab--active" : "tab"}
            aria-current={data.view === "week" ? "page" : undefined}
          >
            {t("tabs.calendar")}
          </Link>
        </nav>
        <nav className="tabs tabs--small" aria-label={t("who.label")}>
          <Link to={href({ who: "mine" })} className={data.filter.mine ? "tab tab--active" : "tab"}>
            {t("who.mine")}
          </Link>
          <Link to={href({ who: "all" })} className={!data.filter.mine ? "tab tab--active" : "tab"}>
            {data.isStation ? t("who.station") : t("who.all")}
          </Link>
        </nav>
      </div>

      {data.view === "week" && data.week ? (
        <WeekCalendar week={data.week} today={data.today} href={href} />
      ) : data.rows.length === 0 ? (
        <div className="card empty-state">{t("list.empty")}</div>
      ) : (
        <>
          <ul className="visit-cards" data-testid="visit-list">
            {data.rows.map((v) => (
              <li key={v.id} className={v.overdueDays > 0 ? "visit-card visit-card--overdue" : "visit-card"}>
                <div className="visit-card__main">
                  <Link to={`/visits/${v.id}`} className="visit-card__name">
                    {v.personName}
                  </Link>
                  <span className="muted">{v.villageName}</span>
                  <VisitKindBadge kind={v.kind} />
                  {v.riskTier !== "normal" ? <RiskBadge tier={v.riskTier} /> : null}
                </div>
                <div className="visit-card__meta">
                  <DueDate dueOn={v.dueOn} today={data.today} overdueDays={v.overdueDays} />
                  <span className="muted small">
                    {v.assignedName ?? t("list.unassigned")}
                    {data.isStation ? "" : ` · ${v.stationName}`}
                  </span>
                </div>
                {v.notes ? <p className="visit-card__note muted small">{v.notes}</p> : null}
                <Link to={`/visits/${v.id}`} className="btn btn--small visit-card__action">
                  {t("list.record")}
                </Link>
              </li>
            ))}
          </ul>
          <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
        </>
      )}
    </>
  );
}

type Week = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["week"]>;

function WeekCalendar({
  week,
  today,
  href,
}: {
  week: Week;
  today: string;
  href: (c: Record<string, string | null>) => string;
}) {
  const { t, i18n } = useTranslation(["visitList", "visits", "common"]);
  const lng = i18n.language;
  const dayName = (d: string) => formatWeekdayShort(d, lng);
  return (
    <section className="week" data-testid="week-calendar">
      <div className="week__nav">
        <Link to={href({ week: addDaysToDate(week.start, -7) })} className="btn btn--ghost btn--small">
          ← {t("week.previous")}
        </Link>
        <strong>
          {formatDate(week.days[0], lng)} – {formatDate(week.days[6], lng)}
        </strong>
        <Link to={href({ week: addDaysToDate(week.start, 7) })} className="btn btn--ghost btn--small">
          {t("week.next")} →
        </Link>
        <Link to={href({ week: todayInShanghai() })} className="btn btn--ghost btn--small">
          {t("week.thisWeek")}
        </Link>
      </div>
      <div className="week__grid">
        {week.days.map((day) => {
          const items = week.visits.filter((v) => v.dueOn === day);
          return (
            <div key={day} className={day === today ? "week__day week__day--today" : "week__day"}>
              <div className="week__date">
                <span>{dayName(day)}</span> <span className="muted">{day.slice(5).replace("-", "/")}</span>
              </div>
              {items.length === 0 ? <p className="muted small week__none">—</p> : null}
              <ul>
                {items.map((v) => (
                  <li
                    key={v.id}
                    className={`week__item week__item--${v.status === "scheduled" ? (v.overdueDays > 0 ? "overdue" : v.kind) : "done"}`}
                  >
                    <Link to={`/visits/${v.id}`}>{v.personName}</Link>
                    <span className="muted small">
                      {v.villageName} · {t(`common:enum.visitKind.${v.kind}`)}
                      {v.status !== "scheduled" ? ` · ${t(`common:enum.visitStatus.${v.status}`)}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
