// The scan: finds what needs a reminder (visits due soon, overdue, follow-ups, contracts ending, deliverables behind)
// and writes it to the reminders outbox. PostgreSQL is the source of truth; the dedupe key makes every scan, and
// every process running one, idempotent. Only reminders due within the rolling window are written ahead of time.
// A reminder nobody can receive writes no row: it is logged as a gap, shown on the admin page, and found again by the
// next scan, so it goes out as soon as somebody can receive it.
import { and, eq, inArray, sql } from "drizzle-orm";
import { notifications, reminders, users } from "#db/schema";
import { todayInShanghai } from "~/utils/dates";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { literal, literalEq } from "~/utils/sql-literals";
import { contractFindings } from "./contract-findings.server";
import { subjectStillNeedsIt } from "./deliver.server";
import type { Finding, ReminderGap, ScanContext } from "./findings";
import { renderReminder } from "./messages.server";
import { nextSendableInstant } from "./quiet-hours";
import { robotKeyOf, robotsForSubjects } from "./robot-routing.server";
import { canOpenLink, uniqueRecipients } from "./routing";
import type { ReminderSettings } from "./settings.server";
import { signoffFindings } from "./signoff-findings.server";
import { visitFindings } from "./visit-findings.server";

type NewReminder = typeof reminders.$inferInsert;

/**
 * The outbox rows for one finding: in-app for every account, email when SMTP is set up, and for the kinds a group
 * hears of, one row for the group: its region's or station's robot (`robotId`, see robot-routing.server.ts), else
 * the global WEBHOOK_URL. One dedupe key for the group whichever robot it is, so a finding reaches one group once.
 */
export function rowsForFinding(
  f: Finding,
  settings: ReminderSettings,
  robotId?: number | null,
): NewReminder[] {
  const base = `${f.kind}:${f.subjectType}:${f.subjectId}:${f.occurrence}`;
  const external = nextSendableInstant(f.sendAt, settings.quietHours);
  const payload = { ...f.payload, occurrence: f.occurrence };
  const unlinked = { ...payload, link: null };
  const rows: NewReminder[] = [];
  for (const r of uniqueRecipients(f.recipients)) {
    // Never a link the recipient cannot open (an organization's staff and a visit, a contact without an account).
    const own = !f.linkPermission || canOpenLink(r, f.linkPermission) ? payload : unlinked;
    if (r.kind === "user") {
      rows.push({
        kind: f.kind,
        subjectType: f.subjectType,
        subjectId: f.subjectId,
        recipientUserId: r.userId,
        channel: "in_app",
        sendAt: f.sendAt,
        dedupeKey: `${base}:in_app:u${r.userId}`,
        payload: own,
      });
    }
    if (settings.smtpUrl && r.email) {
      rows.push({
        kind: f.kind,
        subjectType: f.subjectType,
        subjectId: f.subjectId,
        recipientUserId: r.kind === "user" ? r.userId : null,
        recipientAddress: r.email,
        channel: "email",
        sendAt: external,
        dedupeKey: `${base}:email:${r.kind === "user" ? `u${r.userId}` : r.email.toLowerCase()}`,
        payload: r.kind === "user" ? { ...own, locale: r.locale } : own,
      });
    }
  }
  if ((robotId || settings.webhookUrl) && settings.webhookKinds.has(f.kind)) {
    rows.push({
      kind: f.kind,
      subjectType: f.subjectType,
      subjectId: f.subjectId,
      ...(robotId ? { robotId } : { recipientAddress: settings.webhookUrl }),
      channel: "webhook",
      sendAt: external,
      dedupeKey: `${base}:webhook`,
      payload,
    });
  }
  return rows;
}

/**
 * In-app rows already due when the scan writes them are delivered by the same statement that writes them (the scan):
 * the notification and the row marked sent commit together, as the delivery worker's batch would, so no Redis round
 * trip and no second read of the row. `localeOf` gives each recipient's language as the scan read it.
 */
export type DeliverDueInApp = { now: Date; localeOf: (userId: number) => string };

export type OutboxWrite = {
  /** New or revived rows, delivered ones included. */
  ids: number[];
  /** Of those, the in-app rows delivered by the insert itself. */
  delivered: number;
};

type Rendered = { title: string; body: string | null; link: string | null };

/**
 * Inserts outbox rows; a row whose dedupe key exists already is skipped, unless it was cancelled (a visit moved
 * away from a date and back), in which case it is planned again. With `deliverDue`, in-app rows due by then go out
 * in the same statement (see DeliverDueInApp); every other row is left pending for the queue.
 */
export async function writeOutbox(
  db: DbOrTx,
  rows: NewReminder[],
  {
    onChunk,
    deliverDue,
  }: {
    /** Called with each chunk's ids still to queue, so they can be queued while the next chunk is written. */
    onChunk?: (ids: number[]) => Promise<void>;
    deliverDue?: DeliverDueInApp;
  } = {},
): Promise<OutboxWrite> {
  const ids: number[] = [];
  let delivered = 0;
  const at = deliverDue?.now.toISOString();
  const today = deliverDue ? todayInShanghai(deliverDue.now) : "";
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000).map((r) => {
      let message: Rendered | undefined;
      if (
        deliverDue &&
        r.channel === "in_app" &&
        r.recipientUserId != null &&
        r.sendAt.getTime() <= deliverDue.now.getTime()
      )
        message = renderReminder(
          r.kind,
          r.payload ?? {},
          deliverDue.localeOf(r.recipientUserId),
          deliverDue.now,
          today,
        );
      return {
        kind: r.kind,
        subject_type: r.subjectType,
        subject_id: r.subjectId,
        recipient_user_id: r.recipientUserId ?? null,
        recipient_address: r.recipientAddress ?? null,
        robot_id: r.robotId ?? null,
        channel: r.channel,
        send_at: r.sendAt.toISOString(),
        dedupe_key: r.dedupeKey,
        payload: r.payload ?? {},
        ...message,
      };
    });
    // why: one JSON parameter per 5,000 rows; a scan of a large register stays a few round trips. A cancelled row
    // reopened keeps its send claim: one cancelled mid-send may be out already, so a new attempt waits for the claim
    // to end and then counts as a resend.
    const written = await queryRows<{ id: number; status: string }>(
      db,
      at
        ? // The delivery worker's checks, at the insert: the recipient still enabled, the subject still needing it.
          // A row failing them is left pending, and the worker decides as for any other.
          sql`
      with x as materialized (
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as x(kind text, subject_type text, subject_id int, recipient_user_id int, recipient_address text,
               robot_id int, channel text, send_at timestamptz, dedupe_key text, payload jsonb,
               title text, body text, link text)
      ), ready as (
        select x.*, (x.title is not null
                     and exists (select 1 from ${users} where ${users.id} = x.recipient_user_id and ${users.disabledAt} is null)
                     and ${subjectStillNeedsIt("x")}) as sendable
          from x
      ), ins as (
        insert into ${reminders} (kind, subject_type, subject_id, recipient_user_id, recipient_address, robot_id, channel,
                               send_at, dedupe_key, payload, status, sent_at, attempts)
        select kind, subject_type, subject_id, recipient_user_id, recipient_address, robot_id, channel, send_at,
               dedupe_key, payload,
               case when sendable then ${literal(reminders.status, "sent")} else ${literal(reminders.status, "pending")} end,
               case when sendable then ${at}::timestamptz end, case when sendable then 1 else 0 end
          from ready
        on conflict (dedupe_key) do update
           set status = excluded.status, sent_at = excluded.sent_at, send_at = excluded.send_at,
               payload = excluded.payload, attempts = excluded.attempts,
               recipient_address = excluded.recipient_address, robot_id = excluded.robot_id,
               last_error = null, updated_at = now()
         where ${literalEq(reminders.status, "cancelled")}
        returning ${reminders.id}, ${reminders.dedupeKey}, ${reminders.recipientUserId}, ${reminders.status}
      ), notified as (
        insert into ${notifications} (user_id, reminder_id, title, body, link, created_at)
        select ins.recipient_user_id, ins.id, x.title, x.body, x.link, ${at}::timestamptz
          from ins join x on x.dedupe_key = ins.dedupe_key
         where ins.status = ${literal(reminders.status, "sent")}
        on conflict (reminder_id) do nothing
      )
      select id, status from ins`
        : sql`
      insert into ${reminders} (kind, subject_type, subject_id, recipient_user_id, recipient_address, robot_id, channel, send_at, dedupe_key, payload)
      select x.kind, x.subject_type, x.subject_id, x.recipient_user_id, x.recipient_address, x.robot_id, x.channel, x.send_at, x.dedupe_key, x.payload
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as x(kind text, subject_type text, subject_id int, recipient_user_id int, recipient_address text,
               robot_id int, channel text, send_at timestamptz, dedupe_key text, payload jsonb)
      on conflict (dedupe_key) do update
         set status = ${literal(reminders.status, "pending")}, send_at = excluded.send_at, payload = excluded.payload, attempts = 0,
             recipient_address = excluded.recipient_address, robot_id = excluded.robot_id,
             last_error = null, updated_at = now()
       where ${literalEq(reminders.status, "cancelled")}
      returning ${reminders.id}, ${reminders.status}`,
    );
    const pending: number[] = [];
    for (const r of written) {
      ids.push(r.id);
      if (r.status === "sent") delivered++;
      else pending.push(r.id);
    }
    if (onChunk && pending.length) await onChunk(pending);
  }
  return { ids, delivered };
}

/** Inserts outbox rows (see writeOutbox), all left pending for the queue. Returns the ids of new or revived rows. */
export async function insertReminders(db: DbOrTx, rows: NewReminder[]): Promise<number[]> {
  return (await writeOutbox(db, rows)).ids;
}

export type ScanResult = {
  findings: number;
  created: number;
  /** Of the rows created, in-app ones already due, delivered by the scan itself. */
  delivered: number;
  ids: number[];
  gaps: ReminderGap[];
};

/** Outbox rows for the findings; a finding that reaches nobody on any channel becomes a gap. */
async function plan(
  db: DbOrTx,
  findings: Finding[],
  gaps: ReminderGap[],
  settings: ReminderSettings,
  locales?: Map<number, string>,
) {
  const robots = await robotsForSubjects(
    db,
    findings.filter((f) => settings.webhookKinds.has(f.kind)),
  );
  const rows: NewReminder[] = [];
  for (const f of findings) {
    if (locales) for (const r of f.recipients) if (r.kind === "user") locales.set(r.userId, r.locale);
    const own = rowsForFinding(f, settings, robots.get(robotKeyOf(f)));
    if (own.length === 0)
      gaps.push({
        kind: f.kind,
        subjectType: f.subjectType,
        subjectId: f.subjectId,
        reason: "no_recipient",
        about: String(f.payload.stationName ?? f.payload.contractCode ?? ""),
        link: String(f.payload.link ?? ""),
      });
    rows.push(...own);
  }
  return rows;
}

/** Gaps are warned about once per scan, with a sample, not once per reminder. */
function warnAboutGaps(gaps: ReminderGap[], where: string) {
  if (gaps.length === 0) return;
  const byReason: Record<string, number> = {};
  for (const g of gaps) byReason[g.reason] = (byReason[g.reason] ?? 0) + 1;
  logger.warn(
    {
      where,
      count: gaps.length,
      byReason,
      sample: gaps
        .slice(0, 5)
        .map((g) => `${g.kind} ${g.subjectType} ${g.subjectId} (${g.about}): ${g.reason}`),
    },
    "reminders nobody can receive: no outbox row written; listed on /admin/reminders and retried every scan",
  );
}

/**
 * One full scan, as the job scheduler runs it. With `deliverDue`, in-app reminders already due are delivered as they
 * are written (writeOutbox); `onChunk` gets the ids left for the queue.
 */
export async function scanForReminders(
  ctx: ScanContext,
  onChunk?: (ids: number[]) => Promise<void>,
  { deliverDue = false }: { deliverDue?: boolean } = {},
): Promise<ScanResult> {
  const visits = await visitFindings(ctx);
  const contracts = await contractFindings(ctx);
  const signoff = await signoffFindings(ctx);
  const findings = [...visits.findings, ...contracts.findings, ...signoff.findings];
  const gaps = [...visits.gaps, ...contracts.gaps, ...signoff.gaps];
  const locales = new Map<number, string>();
  const rows = await plan(ctx.db, findings, gaps, ctx.settings, locales);
  const { ids, delivered } = await writeOutbox(ctx.db, rows, {
    onChunk,
    deliverDue: deliverDue
      ? { now: ctx.now, localeOf: (userId) => locales.get(userId) ?? "zh-CN" }
      : undefined,
  });
  warnAboutGaps(gaps, "scan");
  return { findings: findings.length, created: ids.length, delivered, ids, gaps };
}

/** Plans the reminders of visits a mutation just created or moved, inside its transaction. */
export async function planVisitReminders(ctx: ScanContext, visitIds: number[]): Promise<number[]> {
  const { findings, gaps } = await visitFindings(ctx, visitIds);
  const ids = await insertReminders(ctx.db, await plan(ctx.db, findings, gaps, ctx.settings));
  warnAboutGaps(gaps, "visit change");
  return ids;
}

/** A visit done, moved or cancelled: its reminders not yet sent are withdrawn. */
export async function cancelVisitReminders(db: DbOrTx, visitIds: number[]): Promise<void> {
  if (visitIds.length === 0) return;
  await db
    .update(reminders)
    .set({ status: "cancelled", updatedAt: new Date() })
    .where(
      and(
        eq(reminders.subjectType, "visit"),
        inArray(reminders.subjectId, visitIds),
        inArray(reminders.status, ["pending", "queued"]),
      ),
    );
}
