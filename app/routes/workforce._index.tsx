// The workforce register: who works at the stations and centres in scope, with their qualifications; filters in the
// URL. Numbers of documents and phones are masked for readers who do not keep the record.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { socialWorkLevels, workerRoles } from "#db/schema/workforce-enums";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { FilterBar, FilterSearch, FilterSelect } from "~/components/ui/filter-bar";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { enumParam, idParam, textParam } from "~/modules/kernel/search-params";
import { regionCodeParam } from "~/modules/regions/codes";
import { regionFilterOptions } from "~/modules/regions/queries.server";
import { CertificateList } from "~/modules/workforce/components/worker-facts";
import { facilitiesWithWorkers, listWorkers } from "~/modules/workforce/queries.server";
import { formatDate } from "~/utils/format";

export const handle = { i18n: ["common", "workforce"] };
export const meta = pageTitle("common:nav.workforce");

const PAGE_SIZE = 50;
const statuses = ["active", "ended", "all"] as const;
const qualifications = ["certified", "uncertified", ...socialWorkLevels] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:workforce");
  const search = new URL(request.url).searchParams;
  const page = pageFromSearch(search);
  const status = enumParam(search, "status", statuses) ?? "active";
  const filters = {
    q: textParam(search, "q"),
    facility: idParam(search, "facility"),
    region: regionCodeParam(search),
    role: enumParam(search, "role", workerRoles),
    qualification: enumParam(search, "qualification", qualifications),
    status: status === "all" ? undefined : status,
  };
  const [list, facilities, regions] = await Promise.all([
    listWorkers({ user, filters, page, pageSize: PAGE_SIZE }),
    facilitiesWithWorkers(user),
    regionFilterOptions(user),
  ]);
  return {
    ...list,
    page,
    status,
    facilities,
    counties: regions.counties,
    canAdd: userCan(user, "write:workforce"),
  };
}

export default function WorkforceList() {
  const { rows, total, page, status, facilities, counties, canAdd } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["workforce", "common"]);
  const lng = i18n.language;
  return (
    <>
      <PageHeader
        title={t("common:nav.workforce")}
        subtitle={t("list.subtitle", { count: total })}
        actions={
          <>
            <Link to="/workforce/trainings" className="btn btn--secondary">
              {t("trainings.title")}
            </Link>
            {canAdd ? (
              <Link to="/workforce/new" className="btn">
                {t("list.add")}
              </Link>
            ) : null}
          </>
        }
      />
      <FilterBar>
        <FilterSearch placeholder={t("list.searchPlaceholder")} />
        <FilterSelect
          name="status"
          label={t("list.status")}
          withAll={false}
          value={status}
          options={statuses.map((s) => ({ value: s, label: t(`list.statuses.${s}`) }))}
        />
        <FilterSelect
          name="facility"
          label={t("fields.facility")}
          options={facilities.map((f) => ({ value: f.id, label: f.name }))}
        />
        {counties.length > 1 ? (
          <FilterSelect
            name="region"
            label={t("list.county")}
            options={counties.map((c) => ({ value: c.code, label: c.name }))}
          />
        ) : null}
        <FilterSelect
          name="role"
          label={t("fields.role")}
          options={workerRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <FilterSelect
          name="qualification"
          label={t("list.qualification")}
          options={qualifications.map((q) => ({ value: q, label: t(`list.qualifications.${q}`) }))}
        />
      </FilterBar>
      <ListTable
        cards
        empty={rows.length === 0}
        emptyText={t("list.empty")}
        testId="worker-table"
        head={
          <>
            <th>{t("fields.fullName")}</th>
            <th>{t("fields.facility")}</th>
            <th>{t("fields.role")}</th>
            <th>{t("fields.employer")}</th>
            <th>{t("fields.socialWorkLevel")}</th>
            <th>{t("form.otherCertificates")}</th>
            <th>{t("fields.phone")}</th>
            <th>{t("fields.startsOn")}</th>
          </>
        }
      >
        {rows.map((w) => (
          <tr key={w.id}>
            <td className="cell--title" data-label={t("fields.fullName")}>
              <Link to={`/workforce/${w.id}`}>{w.fullName}</Link>
              {w.endsOn ? (
                <>
                  {" "}
                  <Badge>{t("detail.endedOn", { date: formatDate(w.endsOn, lng) })}</Badge>
                </>
              ) : null}
            </td>
            <td data-label={t("fields.facility")}>{w.facilityName}</td>
            <td data-label={t("fields.role")}>{t(`roles.${w.role}`)}</td>
            <td data-label={t("fields.employer")}>{w.employerName ?? t("form.employedByFacility")}</td>
            <td data-label={t("fields.socialWorkLevel")}>
              {w.socialWorkLevel ? (
                <>
                  <Badge tone="good">{t(`levels.${w.socialWorkLevel}`)}</Badge>{" "}
                  <code className="small">{w.socialWorkCertificateNo}</code>
                </>
              ) : (
                "—"
              )}
            </td>
            <td data-label={t("form.otherCertificates")}>
              <CertificateList certificates={w.certificates} />
            </td>
            <td data-label={t("fields.phone")}>{w.phone ?? "—"}</td>
            <td data-label={t("fields.startsOn")}>{formatDate(w.startsOn, lng)}</td>
          </tr>
        ))}
      </ListTable>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
