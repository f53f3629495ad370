// A staff member's private calendar feed of their visits: turn it on (the address is shown once), replace or revoke it.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { intentOf } from "~/modules/kernel/intent";
import {
  calendarFeedEnabled,
  enableCalendarFeed,
  revokeCalendarFeed,
  siteAddress,
} from "~/modules/visits/calendar.server";
import visitsCss from "~/styles/visits.css?url";

export const handle = { i18n: ["common", "visits", "visitTools"] };
export const meta = pageTitle("visitTools:calendar.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  return { enabled: await calendarFeedEnabled(user.id) };
}

export const intents = ["enable", "revoke"] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const intent = intentOf(await request.formData(), intents);
  const actor = auditActor(request, context, user);
  if (intent === "revoke") {
    await revokeCalendarFeed({ userId: user.id, actor });
    return { url: null, revoked: true };
  }
  const token = await enableCalendarFeed({ userId: user.id, actor });
  return { url: `${siteAddress(request)}/api/visits.ics?token=${token}`, revoked: false };
}

export default function CalendarSettings() {
  const { enabled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["visitTools", "visits", "common"]);
  return (
    <>
      <PageHeader
        title={t("calendar.title")}
        subtitle={t("calendar.subtitle")}
        actions={<Link to="/visits">{t("common:actions.back")}</Link>}
      />
      <section className="card calendar-settings">
        <p>{t("calendar.body")}</p>
        <p className="muted">{t("calendar.privacy")}</p>
        {result?.url ? (
          <div className="feed-url" data-testid="feed-url">
            <label htmlFor="feed-url">{t("calendar.urlLabel")}</label>
            <input id="feed-url" readOnly value={result.url} onFocus={(e) => e.currentTarget.select()} />
            <p className="field__hint">{t("calendar.urlOnce")}</p>
          </div>
        ) : null}
        {result?.revoked ? <p className="flash">{t("calendar.revoked")}</p> : null}
        <p>
          <strong>{t("calendar.status")}</strong> {enabled ? t("calendar.on") : t("calendar.off")}
        </p>
        <div className="btn-row">
          <Form method="post">
            <input type="hidden" name="intent" value="enable" />
            <button type="submit" className="btn">
              {enabled ? t("calendar.replace") : t("calendar.enable")}
            </button>
          </Form>
          {enabled ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="btn btn--danger">
                {t("calendar.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
