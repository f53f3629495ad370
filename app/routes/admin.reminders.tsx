// Reminder operations for the admin: are the workers online, what waits in the outbox, what failed (with retry), what
// may have arrived twice, and what the last scan found that nobody can receive.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { resetFailedReminders } from "~/modules/reminders/outbox.server";
import {
  failedReminders,
  recentReminders,
  reminderCounts,
  resentReminders,
} from "~/modules/reminders/queries.server";
import {
  forgetReminderJobs,
  nudgeReminders,
  requestScan,
  workerStatus,
} from "~/modules/reminders/queue.server";
import { reminderSettings } from "~/modules/reminders/settings.server";
import remindersCss from "~/styles/reminders.css?url";
import { db } from "~/utils/db.server";
import { formatDateTime, formatNumber } from "~/utils/format";
import { badRequest } from "~/utils/http.server";
import { dbIdFrom } from "~/utils/ids";

export const handle = { i18n: ["common", "reminders"] };
export const meta = pageTitle("common:nav.reminders");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: remindersCss }];

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
  const hide = (r: (typeof failed)[number]) => ({
    ...r,
    // why: a group robot's URL carries its secret key; show only that it is the robot.
    recipientAddress: r.channel === "webhook" ? null : r.recipientAddress,
  });
  return {
    status,
    counts,
    failed: failed.map(hide),
    recent: recent.map(hide),
    resent: resent.map(hide),
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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:reminders");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "scan")
    return { message: (await requestScan()) ? "worker.scanQueued" : "worker.scanFailed", count: 0 };
  const id = dbIdFrom(form.get("id"));
  if (intent === "retry" ? id === null : intent !== "retry-all") badRequest();
  const ids = await resetFailedReminders(db, id === null ? undefined : [id]);
  await recordAuditNow(auditActor(request, context, user), {
    action: "reminder.retry",
    entityType: "reminder",
    entityId: ids.length === 1 ? ids[0] : null,
    changes: { ids },
  });
  // The old failed job holds the reminder's job id; remove it so the retry is queued afresh.
  await forgetReminderJobs(ids);
  await nudgeReminders(ids);
  return { message: "failed.retried", count: ids.length };
}

/** The columns ReminderRow fills, then the table's own. */
function ReminderHead({ children }: { children: ReactNode }) {
  const { t } = useTranslation(["reminders", "common"]);
  return (
    <thead>
      <tr>
        <th>{t("table.kind")}</th>
        <th>{t("table.subject")}</th>
        <th>{t("table.channel")}</th>
        <th>{t("table.sendAt")}</th>
        {children}
      </tr>
    </thead>
  );
}

function ReminderRow({ r }: { r: ReturnType<typeof useLoaderData<typeof loader>>["recent"][number] }) {
  const { t, i18n } = useTranslation(["reminders", "common"]);
  const payload = r.payload as Record<string, string | undefined>;
  const about = payload.personName
    ? `${payload.personName}（${payload.villageName ?? ""}）`
    : (payload.contractCode ?? `${r.subjectType} ${r.subjectId}`);
  return (
    <>
      <td>{t(`common:enum.reminderKind.${r.kind}`)}</td>
      <td>{payload.link ? <a href={payload.link}>{about}</a> : about}</td>
      <td>
        {t(`channel.${r.channel}`)}
        <div className="muted small">{r.recipientName ?? r.recipientAddress ?? ""}</div>
      </td>
      <td className="nowrap">{formatDateTime(r.sendAt, i18n.language)}</td>
    </>
  );
}

type LastScan = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["status"]["lastScan"]>;

/** Reminders that wrote no outbox row because nobody can receive them; the next scan that finds somebody sends them. */
function UndeliverableReminders({ lastScan }: { lastScan: LastScan }) {
  const { t } = useTranslation(["reminders", "common"]);
  const gaps = lastScan.gaps ?? [];
  const count = lastScan.undeliverable ?? gaps.length;
  return (
    <section className="card" data-testid="undeliverable-reminders">
      <div className="worker-status__head">
        <h2>{t("gaps.heading")}</h2>
        <Badge tone="bad">
          <span data-testid="undeliverable-count">{count}</span>
        </Badge>
      </div>
      <p>{t("gaps.body", { count })}</p>
      {gaps.length < count ? (
        <p className="muted small">{t("gaps.more", { shown: gaps.length, count })}</p>
      ) : null}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t("table.kind")}</th>
              <th>{t("table.subject")}</th>
              <th>{t("table.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {gaps.map((g) => (
              <tr key={`${g.kind}:${g.subjectType}:${g.subjectId}:${g.reason}`}>
                <td>{t(`common:enum.reminderKind.${g.kind}`)}</td>
                <td>
                  <a href={g.link}>{g.about || `${g.subjectType} ${g.subjectId}`}</a>
                </td>
                <td>{t(`gaps.reason.${g.reason}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
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
      <section
        className={`card worker-status worker-status--${status.online ? "online" : "offline"}`}
        data-testid="worker-status"
      >
        <div className="worker-status__head">
          <h2>{t("worker.heading")}</h2>
          <Badge tone={status.online ? "good" : "bad"}>
            <span data-testid="worker-state">{status.online ? t("worker.online") : t("worker.offline")}</span>
          </Badge>
        </div>
        <p>
          {status.online
            ? t("worker.onlineBody", { count: status.workers })
            : status.redis
              ? t("worker.noWorkers")
              : t("worker.redisDown", { error: status.error ?? "" })}
        </p>
        {!status.online ? <p className="muted">{t("worker.offlineBody")}</p> : null}
        <p className="muted small">
          {t("worker.lastScan")}:{" "}
          {status.lastScan
            ? `${formatDateTime(status.lastScan.at, lng)} · ${t("worker.scanResult", status.lastScan)}`
            : t("worker.never")}
        </p>
        <p className="muted small">
          {t("worker.settings", {
            every: settings.everyMinutes,
            due: settings.dueWithinDays,
            escalate: settings.escalateAfterDays,
            quiet: settings.quiet ?? t("worker.quietOff"),
          })}
        </p>
        <p className="muted small">
          {t("worker.channels")}: {t("worker.channelInApp")} · {t("worker.channelEmail")}{" "}
          {settings.email ? t("worker.configured") : t("worker.notConfigured")} · {t("worker.channelWebhook")}{" "}
          {settings.webhook ? t("worker.configured") : t("worker.notConfigured")}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="scan" />
          <button type="submit" className="btn btn--small btn--secondary" disabled={!status.online}>
            {t("worker.scanNow")}
          </button>
        </Form>
      </section>
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
          <div className="table-wrap">
            <table className="table" data-testid="failed-reminders">
              <ReminderHead>
                <th className="num">{t("failed.attempts")}</th>
                <th>{t("failed.error")}</th>
                <th />
              </ReminderHead>
              <tbody>
                {failed.map((r) => (
                  <tr key={r.id}>
                    <ReminderRow r={r} />
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {resent.length > 0 ? (
        <section className="card" data-testid="resent-reminders">
          <h2>{t("resent.heading")}</h2>
          <p className="muted small">{t("resent.body")}</p>
          <div className="table-wrap">
            <table className="table">
              <ReminderHead>
                <th>{t("table.sentAt")}</th>
              </ReminderHead>
              <tbody>
                {resent.map((r) => (
                  <tr key={r.id}>
                    <ReminderRow r={r} />
                    <td className="nowrap">{r.sentAt ? formatDateTime(r.sentAt, lng) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="card card--flush">
        <h2 className="card__title">{t("recent.heading")}</h2>
        <div className="table-wrap">
          <table className="table">
            <ReminderHead>
              <th>{t("table.status")}</th>
            </ReminderHead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id}>
                  <ReminderRow r={r} />
                  <td>
                    <Badge tone={tone[r.status]}>{t(`common:enum.reminderStatus.${r.status}`)}</Badge>
                    {r.resentAfterInterruption ? (
                      <>
                        {" "}
                        <Badge tone="warn">{t("resent.badge")}</Badge>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
