// The admin reminder page's sections: the workers' state with "scan now", what the last scan could not deliver, and
// the tables of reminders (failed, sent twice, latest). Client-safe.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { ListTable } from "~/components/ui/list-table";
import { formatDateTime } from "~/utils/format";
import type { ReminderListRow } from "../queries.server";
import type { WorkerStatus } from "../queue.server";

export type ReminderSettingsView = {
  everyMinutes: number;
  dueWithinDays: number;
  escalateAfterDays: number;
  quiet: string | null;
  email: boolean;
  webhook: boolean;
};

export function WorkerStatusCard({
  status,
  settings,
}: {
  status: WorkerStatus;
  settings: ReminderSettingsView;
}) {
  const { t, i18n } = useTranslation(["reminders", "common"]);
  return (
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
          ? `${formatDateTime(status.lastScan.at, i18n.language)} · ${t("worker.scanResult", status.lastScan)}`
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
  );
}

/** Reminders that wrote no outbox row because nobody can receive them; the next scan that finds somebody sends them. */
export function UndeliverableReminders({ lastScan }: { lastScan: NonNullable<WorkerStatus["lastScan"]> }) {
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
      <ListTable
        head={
          <>
            <th>{t("table.kind")}</th>
            <th>{t("table.subject")}</th>
            <th>{t("table.reason")}</th>
          </>
        }
      >
        {gaps.map((g) => (
          <tr key={`${g.kind}:${g.subjectType}:${g.subjectId}:${g.reason}`}>
            <td>{t(`reminders:kind.${g.kind}`)}</td>
            <td>
              <a href={g.link}>{g.about || `${g.subjectType} ${g.subjectId}`}</a>
            </td>
            <td>{t(`gaps.reason.${g.reason}`)}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

/** A table of reminders: kind, subject, channel and recipient, when; then the columns the table adds. */
export function ReminderTable({
  rows,
  head,
  cells,
  testId,
}: {
  rows: ReminderListRow[];
  head: ReactNode;
  cells: (r: ReminderListRow) => ReactNode;
  testId?: string;
}) {
  const { t, i18n } = useTranslation(["reminders", "common"]);
  return (
    <ListTable
      testId={testId}
      head={
        <>
          <th>{t("table.kind")}</th>
          <th>{t("table.subject")}</th>
          <th>{t("table.channel")}</th>
          <th>{t("table.sendAt")}</th>
          {head}
        </>
      }
    >
      {rows.map((r) => {
        const payload = r.payload as Record<string, string | undefined>;
        const about = payload.personName
          ? `${payload.personName}（${payload.villageName ?? ""}）`
          : (payload.contractCode ?? `${r.subjectType} ${r.subjectId}`);
        return (
          <tr key={r.id}>
            <td>{t(`reminders:kind.${r.kind}`)}</td>
            <td>{payload.link ? <a href={payload.link}>{about}</a> : about}</td>
            <td>
              {t(`channel.${r.channel}`)}
              <div className="muted small">{r.recipientName ?? r.recipientAddress ?? ""}</div>
            </td>
            <td className="nowrap">{formatDateTime(r.sendAt, i18n.language)}</td>
            {cells(r)}
          </tr>
        );
      })}
    </ListTable>
  );
}
