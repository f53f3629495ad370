// Conflicts to review (ADR 014): late writes that met a newer row, for the worker who sent them and for the station
// head or planners in scope. Open ones first.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { requireUser } from "~/modules/access/guard.server";
import { ConflictSubject } from "~/modules/conflicts/components/conflict-view";
import { listConflicts } from "~/modules/conflicts/queries.server";
import { pageTitle } from "~/modules/i18n/meta";
import visitsCss from "~/styles/visits.css?url";
import { formatDateTime } from "~/utils/format";

export const handle = { i18n: ["common", "conflicts"] };
export const meta = pageTitle("conflicts:title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const status = new URL(request.url).searchParams.get("status") === "all" ? "all" : "open";
  return { status, rows: await listConflicts({ user, status }) };
}

export default function ConflictList() {
  const { status, rows } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["conflicts", "common"]);
  const [search] = useSearchParams();
  const other = new URLSearchParams(search);
  other.set("status", status === "open" ? "all" : "open");
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <Link to={`?${other}`} className="btn btn--ghost">
            {status === "open" ? t("showAll") : t("showOpen")}
          </Link>
        }
      />
      <ListTable
        empty={rows.length === 0}
        emptyText={t("empty")}
        testId="conflict-list"
        head={
          <>
            <th>{t("subject")}</th>
            <th>{t("sentBy")}</th>
            <th>{t("when")}</th>
            <th>{t("field.status")}</th>
          </>
        }
      >
        {rows.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/conflicts/${c.id}`}>
                <ConflictSubject conflict={c} />
              </Link>
            </td>
            <td>{c.userName ?? "—"}</td>
            <td className="nowrap">{formatDateTime(c.createdAt, i18n.language)}</td>
            <td>
              {c.status === "open" ? (
                <Badge tone="warn">{t("status.open")}</Badge>
              ) : (
                <Badge tone="neutral">{t(`resolution.${c.resolution}`)}</Badge>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
