import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { activityKinds } from "#db/schema/activities";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { EnumFilter, FilterBar, FilterSelect } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { ContractProgressCard } from "~/modules/activities/components/contract-progress";
import { parseActivityFilters } from "~/modules/activities/filters";
import { progressOfActiveContracts } from "~/modules/activities/progress.server";
import {
  feedFilterOptions,
  listActivities,
  openFlagCount,
  pendingEditRequests,
} from "~/modules/activities/queries.server";
import { pageTitle } from "~/modules/i18n/meta";
import activitiesCss from "~/styles/activities.css?url";
import { formatDate, formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "activities"] };
export const meta = pageTitle("common:nav.activities");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: activitiesCss }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const url = new URL(request.url);
  const filters = parseActivityFilters(url.searchParams);
  const page = pageFromSearch(url.searchParams);
  const reviewer = userCan(user, "review:activity");
  const [list, options, progress, openFlags, pending] = await Promise.all([
    listActivities({ user, filters, page, pageSize: PAGE_SIZE }),
    feedFilterOptions(user),
    progressOfActiveContracts({ user, filters }),
    openFlagCount(user),
    reviewer ? pendingEditRequests(user) : Promise.resolve([]),
  ]);
  return {
    ...list,
    page,
    filters,
    options,
    progress,
    openFlags,
    pending,
    can: { log: userCan(user, "write:activity"), review: reviewer },
  };
}

export default function ActivitiesFeed() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["activities", "common"]);
  const [search] = useSearchParams();
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  const f = data.filters;
  const csvParams = new URLSearchParams(search);
  csvParams.delete("page");
  const calendarParams = new URLSearchParams();
  if (f.contract) calendarParams.set("contract", String(f.contract));
  else if (f.facility) calendarParams.set("facility", String(f.facility));
  else if (f.organization) calendarParams.set("organization", String(f.organization));
  const filtered = [...search.keys()].some((k) => k !== "page");
  const behind = data.progress.filter((p) => p.progress.behind).length;
  return (
    <>
      <PageHeader
        title={t("common:nav.activities")}
        subtitle={data.can.review ? t("feed.subtitleReview") : t("feed.subtitleOrg")}
        actions={
          <>
            {data.can.log ? (
              <Link to="/activities/new" className="btn" data-testid="log-activity">
                {t("feed.log")}
              </Link>
            ) : null}
            <Link to={`/activities/calendar?${calendarParams}`} className="btn btn--secondary">
              {t("feed.calendar")}
            </Link>
            <a href={`/activities/export.csv?${csvParams}`} className="btn btn--secondary" download>
              {t("common:actions.exportCsv")}
            </a>
          </>
        }
      />
      {search.get("deleted") ? (
        <div className="flash" role="status">
          {t("detail.done.delete")}
        </div>
      ) : null}
      {data.openFlags > 0 && !data.can.review ? (
        <div className="notice notice--warn" data-testid="open-flags-notice">
          {t("feed.openFlags", { count: data.openFlags })}{" "}
          <Link to="/activities?flagged=open">{t("feed.showFlagged")}</Link>
        </div>
      ) : null}
      {data.pending.length > 0 ? (
        <div className="card" data-testid="pending-edits">
          <h2>{t("feed.pendingEdits", { count: data.pending.length })}</h2>
          <ul className="plain-list">
            {data.pending.map((p) => (
              <li key={p.id}>
                <Link to={`/activities/${p.activityId}`}>
                  {p.organizationName} · {formatDate(p.occurredOn, lng)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <FilterBar testId="feed-filters">
        {data.options.organizations.length > 1 ? (
          <FilterSelect
            name="organization"
            label={t("filters.organization")}
            options={data.options.organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : null}
        <FilterSelect
          name="facility"
          label={t("filters.facility")}
          options={data.options.facilities.map((o) => ({ value: o.id, label: o.name }))}
        />
        {data.options.projects.length > 0 ? (
          <FilterSelect
            name="project"
            label={t("filters.project")}
            options={data.options.projects.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : null}
        <EnumFilter name="kind" label={t("filters.kind")} of="activityKind" values={activityKinds} />
        <label>
          {t("filters.from")}
          <input type="date" name="from" defaultValue={f.from ?? ""} />
        </label>
        <label>
          {t("filters.to")}
          <input type="date" name="to" defaultValue={f.to ?? ""} />
        </label>
        <FilterSelect
          name="flagged"
          label={t("filters.flagged")}
          options={[
            { value: "open", label: t("filters.flaggedOpen") },
            { value: "any", label: t("filters.flaggedAny") },
          ]}
        />
        {f.contract ? <input type="hidden" name="contract" value={f.contract} /> : null}
        {f.facilityKind ? <input type="hidden" name="facilityKind" value={f.facilityKind} /> : null}
        {f.projectKind ? <input type="hidden" name="projectKind" value={f.projectKind} /> : null}
        {f.region ? <input type="hidden" name="region" value={f.region} /> : null}
      </FilterBar>

      {data.progress.length > 0 ? (
        <details
          className="card progress-panel"
          open={data.progress.length <= 6}
          data-testid="progress-panel"
        >
          <summary>
            <h2>{t("feed.progressTitle", { count: data.progress.length })}</h2>
            {behind > 0 ? (
              <span className="badge badge--warn progress-panel__behind">
                {t("feed.behind", { count: behind })}
              </span>
            ) : null}
          </summary>
          <div className="contract-progress-grid">
            {data.progress.map((row) => (
              <ContractProgressCard key={row.id} row={row} />
            ))}
          </div>
        </details>
      ) : null}

      <p className="muted feed-summary" data-testid="feed-summary">
        {t("feed.summary", { count: data.total, total: n(data.total), personTimes: n(data.personTimes) })}
      </p>
      {data.rows.length === 0 ? (
        <div className="card empty-state">
          <p>{filtered ? t("feed.emptyFiltered") : t("feed.empty")}</p>
        </div>
      ) : (
        <ul className="activity-list" data-testid="activity-list">
          {data.rows.map((r) => (
            <li key={r.id} className="activity-row" data-testid="activity-row">
              <Link to={`/activities/${r.id}`} className="activity-row__link">
                {r.thumbId ? (
                  <img
                    className="activity-row__thumb"
                    src={`/activities/${r.id}/photos/${r.thumbId}.thumb`}
                    alt=""
                    loading="lazy"
                  />
                ) : (
                  <span className="activity-row__thumb activity-row__thumb--empty" aria-hidden="true">
                    {t(`common:enum.activityKind.${r.kind}`).slice(0, 2)}
                  </span>
                )}
                <span className="activity-row__body">
                  <span className="activity-row__title">
                    <strong>{r.subjectName}</strong> · {t(`common:enum.activityKind.${r.kind}`)}
                  </span>
                  <span className="activity-row__meta muted">
                    {formatDate(r.occurredOn, lng)} · {r.organizationName}
                  </span>
                  <span className="activity-row__summary">{r.summary}</span>
                </span>
                <span className="activity-row__figures">
                  <span className="num">{t("feed.personTimes", { n: n(r.personTimes) })}</span>
                  <span className="muted num">{t("feed.participants", { n: n(r.participants) })}</span>
                  <span className="activity-row__badges">
                    {r.openFlags > 0 ? <Badge tone="bad">{t("feed.flagOpen")}</Badge> : null}
                    {r.answeredFlags > 0 ? <Badge tone="info">{t("feed.flagAnswered")}</Badge> : null}
                    {r.pendingEdits > 0 ? <Badge tone="warn">{t("feed.editPending")}</Badge> : null}
                    {r.photos > 0 ? <Badge>{t("feed.photos", { count: r.photos })}</Badge> : null}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
