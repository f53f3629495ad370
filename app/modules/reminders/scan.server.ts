// The scan: finds what needs a reminder (visits due soon, overdue, follow-ups, contracts ending, deliverables behind)
// and writes it to the reminders outbox. PostgreSQL is the source of truth; the dedupe key makes every scan, and
// every process running one, idempotent. Only reminders due within the rolling window are written ahead of time.
// A reminder nobody can receive writes no row: it is logged as a gap, shown on the admin page, and found again by the
// next scan, so it goes out as soon as somebody can receive it.
import { and, eq, inArray, sql } from "drizzle-orm";
import { reminders } from "#db/schema";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { literal, literalEq } from "~/utils/sql-literals";
import { contractFindings } from "./contract-findings.server";
import type { Finding, ReminderGap, ScanContext } from "./findings";
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
 * Inserts outbox rows; a row whose dedupe key exists already is skipped, unless it was cancelled (a visit moved
 * away from a date and back), in which case it is planned again. Returns the ids of new or revived rows.
 */
export async function insertReminders(
  db: DbOrTx,
  rows: NewReminder[],
  /** Called with each chunk's new ids, so they can be queued while the next chunk is written. */
  onChunk?: (ids: number[]) => Promise<void>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000).map((r) => ({
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
    }));
    // why: one JSON parameter per 5,000 rows; a scan of a large register stays a few round trips. A cancelled row
    // reopened keeps its send claim: one cancelled mid-send may be out already, so a new attempt waits for the claim
    // to end and then counts as a resend.
    const inserted = await queryRows<{ id: number }>(
      db,
      sql`
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
      returning ${reminders.id}`,
    );
    for (const r of inserted) ids.push(r.id);
    if (onChunk && inserted.length) await onChunk(inserted.map((r) => r.id));
  }
  return ids;
}

export type ScanResult = { findings: number; created: number; ids: number[]; gaps: ReminderGap[] };

/** Outbox rows for the findings; a finding that reaches nobody on any channel becomes a gap. */
async function plan(db: DbOrTx, findings: Finding[], gaps: ReminderGap[], settings: ReminderSettings) {
  const robots = await robotsForSubjects(
    db,
    findings.filter((f) => settings.webhookKinds.has(f.kind)),
  );
  const rows: NewReminder[] = [];
  for (const f of findings) {
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

/** One full scan, as the job scheduler runs it. */
export async function scanForReminders(
  ctx: ScanContext,
  onChunk?: (ids: number[]) => Promise<void>,
): Promise<ScanResult> {
  const visits = await visitFindings(ctx);
  const contracts = await contractFindings(ctx);
  const signoff = await signoffFindings(ctx);
  const findings = [...visits.findings, ...contracts.findings, ...signoff.findings];
  const gaps = [...visits.gaps, ...contracts.gaps, ...signoff.gaps];
  const ids = await insertReminders(ctx.db, await plan(ctx.db, findings, gaps, ctx.settings), onChunk);
  warnAboutGaps(gaps, "scan");
  return { findings: findings.length, created: ids.length, ids, gaps };
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
