// The user's notifications (the bell): unread first-class, each opens what it is about and is then marked read.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requireUser } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { intentOf } from "~/modules/kernel/intent";
import {
  listNotifications,
  markNotificationsRead,
  unreadNotificationCount,
} from "~/modules/notifications/queries.server";
import remindersCss from "~/styles/reminders.css?url";
import { formatDateTime } from "~/utils/format";
import { badRequest } from "~/utils/http.server";
import { dbIdFrom } from "~/utils/ids";

export const handle = { i18n: ["common", "reminders"] };
export const meta = pageTitle("common:nav.notifications");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: remindersCss }];

const PAGE_SIZE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const unreadOnly = search.get("show") === "unread";
  const page = pageFromSearch(search);
  const [{ items, total }, unread] = await Promise.all([
    listNotifications({ userId: user.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, unreadOnly }),
    unreadNotificationCount(user.id),
  ]);
  return { items, total, unread, unreadOnly, page };
}

/** Mark one notification read, or all of them. */
export const intents = ["read", "read-all"] as const;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  // A post without an intent predates intents: with an id it marks that one, without it marks all.
  const intent = intentOf(form, intents, form.has("id") ? "read" : "read-all");
  const id = intent === "read" ? (dbIdFrom(form.get("id")) ?? badRequest()) : null;
  await markNotificationsRead({ userId: user.id, ids: id === null ? undefined : [id] });
  return { ok: true };
}

export default function Notifications() {
  const { items, total, unread, unreadOnly, page } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reminders", "common"]);
  const [search] = useSearchParams();
  const showHref = (show: string | null) => {
    const params = new URLSearchParams(search);
    params.delete("page");
    if (show) params.set("show", show);
    else params.delete("show");
    return `/notifications?${params}`;
  };
  return (
    <>
      <PageHeader
        title={t("common:nav.notifications")}
        subtitle={unread ? t("notifications.unread", { count: unread }) : t("notifications.allRead")}
        actions={
          unread ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <button type="submit" className="btn btn--secondary">
                {t("common:notificationsPage.markAllRead")}
              </button>
            </Form>
          ) : null
        }
      />
      <nav className="tabs tabs--small">
        <Link to={showHref(null)} className={unreadOnly ? "tab" : "tab tab--active"}>
          {t("notifications.filterAll")}
        </Link>
        <Link to={showHref("unread")} className={unreadOnly ? "tab tab--active" : "tab"}>
          {t("notifications.filterUnread")}
        </Link>
      </nav>
      {items.length === 0 ? (
        <div className="card empty-state">{t("common:table.empty")}</div>
      ) : (
        <ul className="notification-list" data-testid="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "notification" : "notification notification--unread"}>
              <div className="notification__body">
                {n.link ? (
                  <Link to={`/notifications/${n.id}`} className="notification__title">
                    {n.title}
                  </Link>
                ) : (
                  <span className="notification__title">{n.title}</span>
                )}
                {n.body ? <p className="muted">{n.body}</p> : null}
                <span className="muted small">{formatDateTime(n.createdAt, i18n.language)}</span>
              </div>
              {!n.readAt ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="btn btn--ghost btn--small">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
