import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission } from "~/modules/access/guard.server";
import { ContractStatusBadge } from "~/modules/contracts/components/money";
import { getFundingSource, sourceAllocations } from "~/modules/funding/sources.server";
import { titleText } from "~/modules/i18n/meta";
import { Wan, Yuan } from "~/modules/kernel/money";
import { routeId } from "~/modules/kernel/search-params";
import contractsCss from "~/styles/contracts.css?url";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "funding", "contracts", "budget"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.source.name ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:funding");
  const id = routeId(params.id);
  const source = await getFundingSource({ user, id });
  if (!source) notFound();
  return { source, allocations: await sourceAllocations({ user, sourceId: id }) };
}

export default function FundingSourcePage() {
  const { source: s, allocations } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["funding", "contracts", "common"]);
  const [search] = useSearchParams();
  const lang = i18n.language;
  return (
    <>
      <PageHeader
        title={s.name}
        subtitle={`${t(`common:enum.fundingSourceKind.${s.kind}`)}${s.donorProvince ? `（${s.donorProvince}）` : ""} · ${s.year} · ${s.regionName}`}
        actions={
          s.canManage ? (
            <>
              <Link to={`/funding/allocate?sourceId=${s.id}`} className="btn">
                {t("list.allocate")}
              </Link>
              <Link to={`/funding/${s.id}/edit`} className="btn btn--secondary">
                {t("common:actions.edit")}
              </Link>
            </>
          ) : null
        }
      />
      {search.get("saved") ? <p className="flash">{t("source.saved")}</p> : null}
      <StatGrid>
        <Stat label={t("list.total")} value={<Wan fen={s.totalFen} />} hint={<Yuan fen={s.totalFen} />} />
        <Stat
          label={t("list.allocated")}
          value={<Wan fen={s.allocatedFen} />}
          hint={<Yuan fen={s.allocatedFen} />}
          testId="source-allocated"
        />
        <Stat
          label={t("list.left")}
          value={<Wan fen={s.totalFen - s.allocatedFen} />}
          hint={<Yuan fen={s.totalFen - s.allocatedFen} />}
          testId="source-left"
        />
        <Stat label={t("list.contracts")} value={s.contracts} />
      </StatGrid>
      {s.notes ? <p className="card prewrap">{s.notes}</p> : null}
      <h2>{t("source.allocations")}</h2>
      <ListTable
        empty={allocations.length === 0}
        emptyText={t("source.noAllocations")}
        testId="source-allocations"
        head={
          <>
            <th>{t("allocation.date")}</th>
            <th>{t("allocation.contract")}</th>
            <th>{t("contracts:fields.organization")}</th>
            <th className="num">{t("allocation.amount")}</th>
            <th>{t("allocation.by")}</th>
          </>
        }
      >
        {allocations.map((a) => (
          <tr key={a.id}>
            <td className="nowrap">{formatDate(a.allocatedOn, lang)}</td>
            <td>
              <Link to={`/contracts/${a.contractId}`}>{a.contractTitle}</Link>
              <div className="muted small">
                {a.contractCode} <ContractStatusBadge status={a.contractStatus} />
              </div>
              {a.note ? <div className="muted small">{a.note}</div> : null}
            </td>
            <td>{a.organizationName}</td>
            <td className="num">
              <Yuan fen={a.amountFen} />
            </td>
            <td className="muted small">{a.createdByName ?? "—"}</td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
