import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { roles } from "#db/schema/enums";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requirePermission } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { listUsers } from "~/modules/users/queries.server";
import { USERS_PAGE_SIZE } from "~/modules/users/schemas";

export const handle = { i18n: ["common", "admin"] };
export const meta = pageTitle("common:nav.users");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:users");
  const url = new URL(request.url);
  const role = roles.find((r) => r === url.searchParams.get("role"));
  const search = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const page = pageFromSearch(url.searchParams);
  return { ...(await listUsers({ search, role, page })), page };
}

export default function Users() {
  const { rows, total, page } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation(["admin", "common"]);
  return (
    <>
      <PageHeader
        title={t("common:nav.users")}
        actions={
          <Link to="/admin/users/new" className="btn">
            {t("users.new")}
          </Link>
        }
      />
      <Form method="get" className="filters">
        <label>
          {t("common:actions.search")}
          <input name="q" defaultValue={params.get("q") ?? ""} placeholder={t("users.searchPlaceholder")} />
        </label>
        <label>
          {t("users.role")}
          <select name="role" defaultValue={params.get("role") ?? ""}>
            <option value="">—</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`common:roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--secondary">
          {t("common:actions.filter")}
        </button>
      </Form>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t("users.email")}</th>
              <th>{t("users.name")}</th>
              <th>{t("users.role")}</th>
              <th>{t("users.scope")}</th>
              <th>{t("users.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.email}</Link>
                </td>
                <td>{u.name}</td>
                <td>{t(`common:roles.${u.role}`)}</td>
                <td>{u.scopeName ?? t("common:scope.all")}</td>
                <td>
                  {u.disabledAt ? (
                    <Badge tone="bad">{t("users.disabled")}</Badge>
                  ) : (
                    <Badge tone="good">{t("users.active")}</Badge>
                  )}{" "}
                  {u.totpEnabledAt ? <Badge tone="info">2FA</Badge> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={USERS_PAGE_SIZE} total={total} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
