// Trainings of station and centre workers: when, by whom, how long, on what, and how many took part.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterBar, FilterSelect } from "~/components/ui/filter-bar";
import { StatusFlash } from "~/components/ui/flash";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { yearParam } from "~/modules/kernel/search-params";
import { listTrainings } from "~/modules/workforce/queries.server";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "workforce"] };
export const meta = pageTitle("workforce:trainings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:workforce");
  const year = yearParam(new URL(request.url).searchParams);
  const rows = await listTrainings({ user, year });
  const thisYear = Number(todayInShanghai().slice(0, 4));
  return {
    rows,
    years: Array.from({ length: 6 }, (_, i) => thisYear - i),
    canRecord: userCan(user, "write:training"),
  };
}

const flashes = [
  ["saved", "training"],
  ["edited", "trainingEdited"],
  ["deleted", "trainingDeleted"],
] as const;

export default function Trainings() {
  const { rows, years, canRecord } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["workforce", "common"]);
  const [search] = useSearchParams();
  const lng = i18n.language;
  const flash = flashes.find(([param]) => search.has(param))?.[1];
  const editable = rows.some((r) => r.canEdit);
  return (
    <>
      <PageHeader
        title={t("trainings.title")}
        subtitle={t("trainings.subtitle")}
        actions={
          <>
            <Link to="/workforce" className="btn btn--secondary">
              {t("common:nav.workforce")}
            </Link>
            {canRecord ? (
              <Link to="/workforce/trainings/new" className="btn">
                {t("trainings.record")}
              </Link>
            ) : null}
          </>
        }
      />
      <StatusFlash message={flash ? t(`flash.${flash}`) : null} />
      <FilterBar autoSubmit>
        <FilterSelect
          name="year"
          label={t("trainings.year")}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
      </FilterBar>
      <ListTable
        cards
        empty={rows.length === 0}
        emptyText={t("trainings.empty")}
        testId="training-table"
        head={
          <>
            <th>{t("trainings.heldOn")}</th>
            <th>{t("trainings.topic")}</th>
            <th>{t("trainings.organizer")}</th>
            <th>{t("trainings.region")}</th>
            <th className="num">{t("trainings.hours")}</th>
            <th className="num">{t("trainings.participantsCount")}</th>
            {editable ? <th>{t("trainings.actions")}</th> : null}
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td data-label={t("trainings.heldOn")}>{formatDate(r.heldOn, lng)}</td>
            <td className="cell--title" data-label={t("trainings.topic")}>
              {r.topic}
            </td>
            <td data-label={t("trainings.organizer")}>{r.organizer}</td>
            <td data-label={t("trainings.region")}>{r.regionName}</td>
            <td className="num" data-label={t("trainings.hours")}>
              {formatNumber(r.hours, lng, 1)}
            </td>
            <td className="num" data-label={t("trainings.participantsCount")}>
              {t("trainings.participantsLine", {
                total: formatNumber(r.workers + r.outsideParticipants, lng),
                workers: formatNumber(r.workers, lng),
              })}
            </td>
            {editable ? (
              <td data-label={t("trainings.actions")}>
                {r.canEdit ? (
                  <Link to={`/workforce/trainings/${r.id}/edit`} data-testid="training-edit-link">
                    {t("trainings.editLink")}
                  </Link>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </ListTable>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
