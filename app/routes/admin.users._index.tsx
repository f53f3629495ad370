import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { roles } from "#db/schema/enums";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { FilterBar, FilterSearch, FilterSelect } from "~/components/ui/filter-bar";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requirePermission } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { listUsers } from "~/modules/users/queries.server";
import { USERS_PAGE_SIZE } from "~/modules/users/schemas";

export const handle = { i18n: ["common", "admin"] };
export const meta = pageTitle("common:nav.users");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "manage:users");
  const url = new URL(request.url);
  const role = roles.find((r) => r === url.searchParams.get("role"));
  const search = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const page = pageFromSearch(url.searchParams);
  return { ...(await listUsers({ viewer, search, role, page })), page };
}

export default function Users() {
  const { rows, total, page } = useLoaderData<typeof loader>();
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
      <FilterBar>
        <FilterSearch placeholder={t("users.searchPlaceholder")} />
        <FilterSelect
          name="role"
          label={t("users.role")}
          allLabel="—"
          options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        />
      </FilterBar>
      <ListTable
        head={
          <>
            <th>{t("users.email")}</th>
            <th>{t("users.name")}</th>
            <th>{t("users.role")}</th>
            <th>{t("users.scope")}</th>
            <th>{t("users.status")}</th>
          </>
        }
      >
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
      </ListTable>
      <Pagination page={page} pageSize={USERS_PAGE_SIZE} total={total} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
