import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { Stat } from "~/components/ui/stat";
import { requirePermission, seesContractMoney, userCan } from "~/modules/access/guard.server";
import { ContractHolderHeader } from "~/modules/contracts/components/contract-stats";
import { ContractTable } from "~/modules/contracts/components/contract-table";
import { titleText } from "~/modules/i18n/meta";
import { organizationPage } from "~/modules/organizations/queries.server";
import { EvaluationList } from "~/modules/signoff/components/evaluations";
import { organizationEvaluations } from "~/modules/signoff/evaluations.server";
import contractsCss from "~/styles/contracts.css?url";
import { formatDate, formatNumber } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "organizations", "contracts", "budget", "signoff"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.organization.name ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:organization");
  const page = await organizationPage({ user, id: routeId(params.id) });
  if (!page) notFound();
  return {
    ...page,
    evaluations: await organizationEvaluations(user, page.organization.id),
    showMoney: seesContractMoney(user),
    canCreateContract: userCan(user, "write:contract"),
    canReadActivities: userCan(user, "read:activity"),
  };
}

export default function OrganizationPage() {
  const {
    organization: o,
    contracts,
    running,
    activity,
    money,
    showMoney,
    canCreateContract,
    canReadActivities,
    evaluations,
  } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["organizations", "contracts", "common"]);
  const lang = i18n.language;
  const active = contracts.filter((c) => c.status === "active").length;
  return (
    <>
      <ContractHolderHeader
        register="organizations"
        title={o.name}
        subtitle={
          <>
            <code>{o.creditCode}</code> · {o.regionName}
          </>
        }
        newContractTo={canCreateContract ? `/contracts/new?organizationId=${o.id}` : null}
        editTo={o.canEdit ? `/organizations/${o.id}/edit` : null}
        lead={<Stat label={t("detail.activeContracts")} value={formatNumber(active, lang)} />}
        money={money}
        showMoney={showMoney}
        rateTestId="organization-rate"
        activity={activity}
      />
      <div className="grid-2">
        <section className="card">
          <h2>{t("detail.registration")}</h2>
          <dl className="facts">
            <dt>{t("fields.creditCode")}</dt>
            <dd>
              <code>{o.creditCode}</code>
            </dd>
            <dt>{t("fields.kind")}</dt>
            <dd>{t(`common:enum.organizationKind.${o.kind}`)}</dd>
            <dt>{t("fields.region")}</dt>
            <dd>{o.regionName}</dd>
            <dt>{t("fields.registeredOn")}</dt>
            <dd>{formatDate(o.registeredOn, lang)}</dd>
            <dt>{t("fields.hasPartyBranch")}</dt>
            <dd>
              {o.hasPartyBranch ? (
                <Badge tone="good">{t("list.partyYes")}</Badge>
              ) : (
                <Badge>{t("list.partyNo")}</Badge>
              )}
            </dd>
            <dt>{t("fields.status")}</dt>
            <dd>{t(`common:enum.organizationStatus.${o.status}`)}</dd>
          </dl>
        </section>
        <section className="card">
          <h2>{t("fields.contact")}</h2>
          <dl className="facts" data-testid="organization-contacts">
            <dt>{t("fields.contactName")}</dt>
            <dd>{o.contactName ?? "—"}</dd>
            <dt>{t("fields.contactPhone")}</dt>
            <dd>{o.contactPhone ? <a href={`tel:${o.contactPhone}`}>{o.contactPhone}</a> : "—"}</dd>
            <dt>{t("fields.contactEmail")}</dt>
            <dd>{o.contactEmail ? <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a> : "—"}</dd>
            <dt>{t("fields.address")}</dt>
            <dd>{o.address ?? "—"}</dd>
          </dl>
        </section>
      </div>
      <section className="card">
        <h2>{t("detail.running")}</h2>
        {running.length === 0 ? (
          <p className="muted">{t("detail.runningNone")}</p>
        ) : (
          <ul className="plain-list" data-testid="organization-running">
            {running.map((r) => (
              <li key={`${r.kind}-${r.id}`}>
                <Badge tone="info">{t(`detail.subjectKind.${r.kind}`)}</Badge>{" "}
                <Link to={r.kind === "facility" ? `/facilities/${r.id}` : `/projects/${r.id}`}>{r.name}</Link>
                <span className="muted">
                  {" "}
                  · {r.place} · {r.contractCode}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t("detail.contracts")}</h2>
        <ContractTable rows={contracts} showOrganization={false} showMoney={showMoney} />
      </section>
      <section className="card">
        <div className="card__header">
          <h2>{t("detail.activities")}</h2>
          {canReadActivities ? (
            <Link to={`/activities?organizationId=${o.id}`} className="btn btn--ghost btn--small">
              {t("detail.allActivities")}
            </Link>
          ) : null}
        </div>
        <p className="muted">
          {t("detail.activityTotals", {
            total: formatNumber(activity.total, lang),
            personTimes: formatNumber(activity.personTimes, lang),
            last: formatDate(activity.lastOn, lang),
          })}
        </p>
        {activity.byKind.length > 0 ? (
          <table className="table table--compact">
            <thead>
              <tr>
                <th>{t("detail.activityKind")}</th>
                <th className="num">{t("detail.activityCount")}</th>
                <th className="num">{t("detail.activityPersonTimes")}</th>
              </tr>
            </thead>
            <tbody>
              {activity.byKind.map((k) => (
                <tr key={k.kind}>
                  <td>{t(`common:enum.activityKind.${k.kind}`)}</td>
                  <td className="num">{formatNumber(k.n, lang)}</td>
                  <td className="num">{formatNumber(k.personTimes, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <EvaluationList evaluations={evaluations} showContract />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
