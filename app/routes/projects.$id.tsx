import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, seesContractMoney, userCan } from "~/modules/access/guard.server";
import { ContractHolderHeader } from "~/modules/contracts/components/contract-stats";
import { ContractTable } from "~/modules/contracts/components/contract-table";
import { titleText } from "~/modules/i18n/meta";
import { projectPage } from "~/modules/projects/queries.server";
import contractsCss from "~/styles/contracts.css?url";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "projects", "contracts", "organizations", "budget"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.project.name ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project");
  const page = await projectPage({ user, id: routeId(params.id) });
  if (!page) notFound();
  return {
    ...page,
    showMoney: seesContractMoney(user),
    canCreateContract: userCan(user, "write:contract"),
  };
}

export default function ProjectPage() {
  const {
    project: p,
    contracts,
    activity,
    money,
    showMoney,
    canCreateContract,
  } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["projects", "contracts", "organizations", "common"]);
  const lang = i18n.language;
  return (
    <>
      <ContractHolderHeader
        register="projects"
        title={p.name}
        subtitle={`${p.code} · ${p.regionName}`}
        newContractTo={canCreateContract ? `/contracts/new?subject=project:${p.id}` : null}
        editTo={p.canEdit ? `/projects/${p.id}/edit` : null}
        money={money}
        showMoney={showMoney}
        activity={activity}
      />
      <section className="card">
        <dl className="facts">
          <dt>{t("fields.kind")}</dt>
          <dd>{t(`common:enum.careProjectKind.${p.kind}`)}</dd>
          <dt>{t("fields.region")}</dt>
          <dd>{p.regionName}</dd>
          <dt>{t("fields.period")}</dt>
          <dd>
            {formatDate(p.startsOn, lang)} – {formatDate(p.endsOn, lang)}
          </dd>
          <dt>{t("fields.description")}</dt>
          <dd className="prewrap">{p.description ?? "—"}</dd>
        </dl>
      </section>
      <section>
        <h2>{t("detail.contracts")}</h2>
        <ContractTable rows={contracts} showSubject={false} showMoney={showMoney} />
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
