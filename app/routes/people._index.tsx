// The register of people in care (一人一档): search, filters (incl. visit overdue), exports and import.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { personCategories, personStatuses, riskTiers } from "#db/schema/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EnumFilter, FilterBar, FilterCheck, FilterSearch, FilterSelect } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { SearchPicker } from "~/components/ui/search-picker";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { seesChildFiles } from "~/modules/access/scope.server";
import { auditActor } from "~/modules/audit/audit.server";
import { mayReviewDuplicates } from "~/modules/duplicates/candidates.server";
import { pageTitle } from "~/modules/i18n/meta";
import { RegisterTable } from "~/modules/people/components/register-table";
import { unmaskableFields } from "~/modules/people/export.server";
import { listPeople, personFormOptions } from "~/modules/people/queries.server";
import { peopleFiltersFrom } from "~/modules/people/schemas";
import { auditPeopleSearch } from "~/modules/people/search-audit.server";
import { peopleStylesheets } from "~/modules/people/ui";
import { pickedVillage, villageField } from "~/modules/regions/village-search.server";
import { formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "people", "peopleRegister", "visits", "duplicates"] };
export const meta = pageTitle("common:nav.people");
export const links: LinksFunction = () => peopleStylesheets;
export const headers = () => ({ "Cache-Control": "private, no-store" });

const PAGE_SIZE = 30;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const search = new URL(request.url).searchParams;
  const villageId = await pickedVillage(user, { id: search.get("village"), text: search.get("villageText") });
  if (villageId) search.set("village", villageId);
  else search.delete("village");
  const filters = peopleFiltersFrom(search);
  const page = pageFromSearch(search);
  const villageSearch = await villageField(user, filters.villageId);
  const [list, options] = await Promise.all([
    listPeople({ user, filters, page, pageSize: PAGE_SIZE }),
    personFormOptions({ user, withVillages: !villageSearch.search }),
  ]);
  await auditPeopleSearch(auditActor(request, context, user), filters, list.total, list.more);
  return {
    ...list,
    page,
    filters,
    villages: options.villages,
    villageSearch,
    stations: options.stations,
    canWrite: userCan(user, "write:person"),
    canReviewDuplicates: mayReviewDuplicates(user),
    leavesOutChildren: !seesChildFiles(user),
    unmaskable: unmaskableFields(user),
  };
}

export default function PeopleRegister() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["peopleRegister", "people", "common", "visits", "duplicates"]);
  const [search] = useSearchParams();
  const exportQuery = new URLSearchParams(search);
  exportQuery.delete("page");
  return (
    <>
      <PageHeader
        title={t("common:nav.people")}
        subtitle={
          <>
            {t(data.more ? "register.subtitleAtLeast" : "register.subtitle", { count: data.total })}
            {data.leavesOutChildren ? (
              <span className="muted" data-testid="people-no-children">
                {" "}
                {t("register.noChildren")}
              </span>
            ) : null}
          </>
        }
        actions={
          <div className="btn-row">
            {data.canWrite ? (
              <>
                <Link to="/people/new" className="btn">
                  {t("register.new")}
                </Link>
                <Link to="/people/import" className="btn btn--secondary">
                  {t("register.import")}
                </Link>
              </>
            ) : null}
            {data.canReviewDuplicates ? (
              <Link to="/people/duplicates" className="btn btn--secondary">
                {t("duplicates:open")}
              </Link>
            ) : null}
            <a href={`/people/export?${exportQuery}`} className="btn btn--secondary" download>
              {t("register.exportMasked")}
            </a>
          </div>
        }
      />
      <FilterBar>
        <FilterSearch label={t("filters.q")} placeholder={t("filters.qPlaceholder")} />
        {data.villageSearch.search ? (
          <SearchPicker
            compact
            name="village"
            id="filter-village"
            label={t("filters.village")}
            source="/regions/villages"
            defaultValue={data.villageSearch.chosen}
            testId="village-filter"
          />
        ) : (
          <FilterSelect
            name="village"
            label={t("filters.village")}
            allLabel={t("filters.any")}
            options={data.villages.map((v) => ({ value: v.id, label: v.name, group: v.townshipName }))}
          />
        )}
        {data.stations.length > 1 ? (
          <FilterSelect
            name="station"
            label={t("filters.station")}
            allLabel={t("filters.any")}
            options={data.stations.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <EnumFilter
          name="category"
          label={t("filters.category")}
          allLabel={t("filters.any")}
          of="personCategory"
          values={personCategories}
        />
        <EnumFilter
          name="risk"
          label={t("filters.risk")}
          allLabel={t("filters.any")}
          of="riskTier"
          values={riskTiers}
        />
        <FilterSelect
          name="status"
          label={t("filters.status")}
          withAll={false}
          value={data.filters.status ?? "active"}
          options={[
            ...personStatuses.map((s) => ({ value: s, label: t(`common:enum.personStatus.${s}`) })),
            { value: "all", label: t("filters.allStatuses") },
          ]}
        />
        <FilterCheck name="overdue" label={t("filters.overdue")} />
      </FilterBar>
      {data.rows.length === 0 ? (
        <div className="card empty-state">{t("register.empty")}</div>
      ) : (
        <RegisterTable rows={data.rows} today={data.today} />
      )}
      <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} more={data.more} />
      {data.unmaskable.length > 0 ? (
        <details className="card export-unmasked">
          <summary>{t("export.unmaskedTitle")}</summary>
          <p className="muted">
            {t("export.unmaskedBody", {
              count: data.total,
              n: `${formatNumber(data.total, i18n.language)}${data.more ? "+" : ""}`,
              fields: data.unmaskable.map((f) => t(`export.columns.${f}`)).join(t("export.fieldSeparator")),
            })}
          </p>
          <Form method="post" action={`/people/export?${exportQuery}`} reloadDocument className="form">
            <input type="hidden" name="unmasked" value="1" />
            <div className="field">
              <label htmlFor="export-reason">{t("export.reason")}</label>
              <input id="export-reason" name="reason" required maxLength={200} />
            </div>
            <button type="submit" className="btn btn--danger btn--small">
              {t("export.unmaskedSubmit")}
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
