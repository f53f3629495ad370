import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { listNotifications, markNotificationsRead } from "~/modules/notifications/queries.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

export const meta = pageTitle("common:nav.notifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { items: await listNotifications({ userId: user.id }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markNotificationsRead({ userId: user.id });
  return { ok: true };
}

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const unread = items.some((i) => !i.readAt);
  return (
    <>
      <PageHeader
        title={t("nav.notifications")}
        actions={
          unread ? (
            <Form method="post">
              <button type="submit" className="btn btn--secondary">
                {t("notificationsPage.markAllRead")}
              </button>
            </Form>
          ) : null
        }
      />
      {items.length === 0 ? (
        <div className="card empty-state">{t("table.empty")}</div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <tbody>
              {items.map((n) => (
                <tr key={n.id} style={n.readAt ? undefined : { fontWeight: 600 }}>
                  <td className="nowrap muted">{formatDateTime(n.createdAt, i18n.language)}</td>
                  <td>
                    {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                    {n.body ? <div className="muted">{n.body}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
