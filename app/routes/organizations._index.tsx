import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organizationKinds, organizationStatuses } from "#db/schema/organizations";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { EnumFilter, FilterSelect, RegionFilter } from "~/components/ui/filter-bar";
import { RegisterList, registerListQuery } from "~/components/ui/register-list";
import { Stat } from "~/components/ui/stat";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { pageTitle } from "~/modules/i18n/meta";
import { enumParam, textParam } from "~/modules/kernel/search-params";
import { listOrganizations, partyBranchCoverage } from "~/modules/organizations/queries.server";
import { regionCodeParam } from "~/modules/regions/codes";
import contractsCss from "~/styles/contracts.css?url";
import { formatNumber, formatPercent } from "~/utils/format";

export const handle = { i18n: ["common", "organizations"] };
export const meta = pageTitle("common:nav.organizations");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:organization");
  const { search, page, pageSize } = registerListQuery(request);
  const filters = {
    q: textParam(search, "q"),
    kind: enumParam(search, "kind", organizationKinds),
    status: enumParam(search, "status", organizationStatuses),
    party: enumParam(search, "party", ["yes", "no"] as const),
    region: regionCodeParam(search),
    contract: enumParam(search, "contract", ["active"] as const),
  };
  const [list, coverage, regions] = await Promise.all([
    listOrganizations({ user, filters, page, pageSize }),
    partyBranchCoverage(user),
    regionChoices(user),
  ]);
  return {
    ...list,
    page,
    coverage,
    regions,
    kinds: organizationKinds,
    statuses: organizationStatuses,
    canCreate: userCan(user, "write:organization"),
  };
}

export default function Organizations() {
  const { rows, total, page, coverage, regions, kinds, statuses, canCreate } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["organizations", "common"]);
  return (
    <RegisterList
      register="organizations"
      canCreate={canCreate}
      stats={
        <>
          <Stat label={t("list.activeOrganizations")} value={formatNumber(coverage.total, i18n.language)} />
          <Stat
            label={t("list.partyCoverage")}
            value={formatPercent(coverage.ratio, i18n.language)}
            hint={t("list.partyCoverageHint", { withBranch: coverage.withBranch, total: coverage.total })}
            tone={coverage.ratio != null && coverage.ratio >= 0.8 ? "good" : "warn"}
            testId="party-coverage"
          />
        </>
      }
      filters={
        <>
          <EnumFilter name="kind" label={t("fields.kind")} of="organizationKind" values={kinds} />
          <EnumFilter name="status" label={t("fields.status")} of="organizationStatus" values={statuses} />
          <FilterSelect
            name="party"
            label={t("fields.hasPartyBranch")}
            options={[
              { value: "yes", label: t("list.partyYes") },
              { value: "no", label: t("list.partyNo") },
            ]}
          />
          <FilterSelect
            name="contract"
            label={t("common:nav.contracts")}
            options={[{ value: "active", label: t("common:enum.contractStatus.active") }]}
          />
          <RegionFilter regions={regions} label={t("fields.region")} />
        </>
      }
      testId="organization-table"
      rowCount={rows.length}
      page={page}
      total={total}
      head={
        <>
          <th>{t("fields.name")}</th>
          <th>{t("fields.creditCode")}</th>
          <th>{t("fields.kind")}</th>
          <th>{t("fields.region")}</th>
          <th>{t("fields.hasPartyBranch")}</th>
          <th className="num">{t("list.activeContracts")}</th>
          <th>{t("fields.contact")}</th>
          <th>{t("fields.status")}</th>
        </>
      }
    >
      {rows.map((o) => (
        <tr key={o.id}>
          <td>
            <Link to={`/organizations/${o.id}`}>{o.name}</Link>
          </td>
          <td>
            <code>{o.creditCode}</code>
          </td>
          <td>{t(`common:enum.organizationKind.${o.kind}`)}</td>
          <td>{o.regionName}</td>
          <td>
            {o.hasPartyBranch ? (
              <Badge tone="good">{t("list.partyYes")}</Badge>
            ) : (
              <Badge>{t("list.partyNo")}</Badge>
            )}
          </td>
          <td className="num">{o.activeContracts}</td>
          <td>
            {o.contactName ?? "—"}
            {o.contactPhone ? <div className="muted small">{o.contactPhone}</div> : null}
          </td>
          <td>
            <Badge tone={o.status === "active" ? "good" : o.status === "suspended" ? "warn" : "neutral"}>
              {t(`common:enum.organizationStatus.${o.status}`)}
            </Badge>
          </td>
        </tr>
      ))}
    </RegisterList>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
