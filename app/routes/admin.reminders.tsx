// Reminder operations for the admin: are the workers online, what waits in the outbox, what failed (with retry), what
// may have arrived twice, and what the last scan found that nobody can receive.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { retryFailedReminders } from "~/modules/reminders/admin.server";
import {
  ReminderTable,
  UndeliverableReminders,
  WorkerStatusCard,
} from "~/modules/reminders/components/reminder-admin";
import {
  failedReminders,
  type ReminderListRow,
  recentReminders,
  reminderCounts,
  resentReminders,
} from "~/modules/reminders/queries.server";
import { requestScan, workerStatus } from "~/modules/reminders/queue.server";
import { type ReminderAction, reminderActionSchema } from "~/modules/reminders/schemas";
import { reminderSettings } from "~/modules/reminders/settings.server";
import remindersCss from "~/styles/reminders.css?url";
import { formatDateTime, formatNumber } from "~/utils/format";
import { badRequest } from "~/utils/http.server";

export const handle = { i18n: ["common", "reminders"] };
export const meta = pageTitle("common:nav.reminders");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: remindersCss }];

/** why: a group robot's URL carries its secret key; show only that it is the robot. */
const hideRobotAddress = (r: ReminderListRow) => ({
  ...r,
  recipientAddress: r.channel === "webhook" ? null : r.recipientAddress,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:reminders");
  const settings = reminderSettings();
  const [status, counts, failed, recent, resent] = await Promise.all([
    workerStatus(),
    reminderCounts(),
    failedReminders(),
    recentReminders(),
    resentReminders(),
  ]);
  return {
    status,
    counts,
    failed: failed.map(hideRobotAddress),
    recent: recent.map(hideRobotAddress),
    resent: resent.map(hideRobotAddress),
    settings: {
      everyMinutes: Math.round(settings.scanEveryMs / 60_000),
      dueWithinDays: settings.dueWithinDays,
      escalateAfterDays: settings.escalateAfterDays,
      quiet: settings.quietHours ? `${settings.quietHours.start}–${settings.quietHours.end}` : null,
      email: Boolean(settings.smtpUrl),
      webhook: Boolean(settings.webhookUrl),
    },
  };
}

export const intents = intentList<ReminderAction["intent"]>()(["scan", "retry", "retry-all"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:reminders");
  const formData = await request.formData();
  intentOf(formData, intents);
  const submission = parseForm(formData, reminderActionSchema);
  if (submission.status !== "success") badRequest();
  const input = submission.value;
  if (input.intent === "scan")
    return { message: (await requestScan()) ? "worker.scanQueued" : "worker.scanFailed", count: 0 };
  const count = await retryFailedReminders({
    actor: auditActor(request, context, user),
    id: input.intent === "retry" ? input.id : undefined,
  });
  return { message: "failed.retried", count };
}

export default function AdminReminders() {
  const { status, counts, failed, recent, resent, settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["reminders", "common"]);
  const lng = i18n.language;
  const tone = {
    pending: "info",
    queued: "info",
    sent: "good",
    failed: "bad",
    cancelled: "neutral",
  } as const;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {result ? <p className="flash">{t(result.message, { count: result.count })}</p> : null}
      <WorkerStatusCard status={status} settings={settings} />
      {status.lastScan?.undeliverable ? <UndeliverableReminders lastScan={status.lastScan} /> : null}
      <StatGrid>
        {(["pending", "queued", "sent", "failed", "cancelled"] as const).map((s) => (
          <Stat
            key={s}
            label={t(`counts.${s}`)}
            value={formatNumber(counts[s], lng)}
            tone={s === "failed" && counts.failed ? "bad" : "default"}
            testId={`count-${s}`}
          />
        ))}
      </StatGrid>
      <section className="card card--flush">
        <div className="card__title card__title--row">
          <h2>{t("failed.heading")}</h2>
          {failed.length > 1 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="retry-all" />
              <button type="submit" className="btn btn--small">
                {t("failed.retryAll")}
              </button>
            </Form>
          ) : null}
        </div>
        {failed.length === 0 ? (
          <p className="empty-state">{t("failed.empty")}</p>
        ) : (
          <ReminderTable
            rows={failed}
            testId="failed-reminders"
            head={
              <>
                <th className="num">{t("failed.attempts")}</th>
                <th>{t("failed.error")}</th>
                <th />
              </>
            }
            cells={(r) => (
              <>
                <td className="num">{r.attempts}</td>
                <td className="error-text">{r.lastError}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="retry" />
                    <input type="hidden" name="id" value={r.id} />
                    <button type="submit" className="btn btn--small btn--secondary">
                      {t("failed.retry")}
                    </button>
                  </Form>
                </td>
              </>
            )}
          />
        )}
      </section>
      {resent.length > 0 ? (
        <section className="card" data-testid="resent-reminders">
          <h2>{t("resent.heading")}</h2>
          <p className="muted small">{t("resent.body")}</p>
          <ReminderTable
            rows={resent}
            head={<th>{t("table.sentAt")}</th>}
            cells={(r) => <td className="nowrap">{r.sentAt ? formatDateTime(r.sentAt, lng) : ""}</td>}
          />
        </section>
      ) : null}
      <section className="card card--flush">
        <h2 className="card__title">{t("recent.heading")}</h2>
        <ReminderTable
          rows={recent}
          head={<th>{t("table.status")}</th>}
          cells={(r) => (
            <td>
              <Badge tone={tone[r.status]}>{t(`reminders:status.${r.status}`)}</Badge>
              {r.resentAfterInterruption ? (
                <>
                  {" "}
                  <Badge tone="warn">{t("resent.badge")}</Badge>
                </>
              ) : null}
            </td>
          )}
        />
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
