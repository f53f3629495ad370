import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import type { Permission } from "~/modules/access/permissions";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import {
  AuditEntryRow,
  auditActionLabel,
  auditEntityLabel,
  auditEntityTypes,
} from "~/modules/audit/components/audit-entry";
import { AUDIT_PAGE_SIZE } from "~/modules/audit/constants";
import { auditFiltersFrom, searchAuditLog } from "~/modules/audit/queries.server";
import { pageTitle } from "~/modules/i18n/meta";

export const handle = { i18n: ["common", "audit"] };
export const meta = pageTitle("common:nav.audit");

const entityReadPermission: Record<string, Permission> = {
  person: "read:person",
  facility: "read:facility",
  activity: "read:activity",
  visit: "read:visit",
  contract: "read:contract",
  organization: "read:organization",
  funding_source: "read:funding",
  care_project: "read:project",
  user: "manage:users",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit");
  const url = new URL(request.url);
  const filters = auditFiltersFrom(url.searchParams);
  const page = pageFromSearch(url.searchParams);
  const result = await searchAuditLog({ user, filters, page });
  const chain =
    url.searchParams.get("verify") === "1" && user.scope.kind === "all" ? await verifyAuditChain() : null;
  // Objects link to their pages only where this viewer may open them.
  const linkable = Object.entries(entityReadPermission)
    .filter(([, permission]) => userCan(user, permission))
    .map(([type]) => type);
  return { ...result, page, chain, canVerify: user.scope.kind === "all", linkable };
}

export default function AuditLog() {
  const { rows, total, page, actions, chain, canVerify, linkable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation(["audit", "common"]);
  const actionOptions = actions
    .map((a) => ({ value: a, label: auditActionLabel(t, a) }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  return (
    <>
      <PageHeader
        title={t("common:nav.audit")}
        subtitle={t("subtitle")}
        actions={
          <>
            {canVerify ? (
              <a className="btn btn--secondary" href="?verify=1">
                {t("verify")}
              </a>
            ) : null}
            <a className="btn btn--secondary" href={`/audit.csv?${exportParams}`} download>
              {t("common:actions.exportCsv")}
            </a>
          </>
        }
      />
      {chain ? (
        <p className={chain.brokenAt === null ? "flash" : "form-errors"} data-testid="chain-status">
          {chain.brokenAt === null
            ? t("chainIntact", { count: chain.checked })
            : t("chainBroken", { id: chain.brokenAt })}
        </p>
      ) : null}
      <Form method="get" className="filters">
        <label>
          {t("actor")}
          <input name="actor" defaultValue={params.get("actor") ?? ""} placeholder={t("actorHint")} />
        </label>
        <label>
          {t("action")}
          <select name="action" defaultValue={params.get("action") ?? ""}>
            <option value="">{t("allActions")}</option>
            {actionOptions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("entityType")}
          <select name="entityType" defaultValue={params.get("entityType") ?? ""}>
            <option value="">—</option>
            {auditEntityTypes.map((type) => (
              <option key={type} value={type}>
                {auditEntityLabel(t, type)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("entityId")}
          <input name="entityId" defaultValue={params.get("entityId") ?? ""} />
        </label>
        <label>
          {t("from")}
          <input type="date" name="from" defaultValue={params.get("from") ?? ""} />
        </label>
        <label>
          {t("to")}
          <input type="date" name="to" defaultValue={params.get("to") ?? ""} />
        </label>
        <button type="submit" className="btn btn--secondary">
          {t("common:actions.filter")}
        </button>
      </Form>
      <ListTable
        cards
        testId="audit-table"
        head={
          <>
            <th>{t("at")}</th>
            <th>{t("actor")}</th>
            <th>{t("action")}</th>
            <th>{t("entity")}</th>
            <th>{t("details")}</th>
            <th>IP</th>
          </>
        }
      >
        {rows.length === 0 ? (
          <tr>
            <td colSpan={6} className="muted">
              {t("common:table.empty")}
            </td>
          </tr>
        ) : null}
        {rows.map((r) => (
          <AuditEntryRow key={r.id} row={r} linkable={linkable} />
        ))}
      </ListTable>
      <Pagination page={page} pageSize={AUDIT_PAGE_SIZE} total={total} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
