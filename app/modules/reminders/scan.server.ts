// The scan: finds what needs a reminder (visits due soon, overdue, follow-ups, contracts ending, deliverables behind)
// and writes it to the reminders outbox. PostgreSQL is the source of truth; the dedupe key makes every scan, and
// every process running one, idempotent. Only reminders due within the rolling window are written ahead of time.
import { and, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { contracts, organizations, type ReminderKind, reminders } from "#db/schema";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { maskPersonName } from "~/modules/people/masking";
import { addDaysToDate, shanghaiInstant, todayInShanghai } from "~/utils/dates";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { nextSendableInstant } from "./quiet-hours";
import {
  contractCircles,
  type Recipient,
  stationCircles,
  uniqueRecipients,
  usersAsRecipients,
} from "./recipients.server";
import type { ReminderSettings } from "./settings.server";

export type Finding = {
  kind: ReminderKind;
  subjectType: "visit" | "contract";
  subjectId: number;
  /** What makes this reminder distinct from an earlier one about the same subject: a due date, a month. */
  occurrence: string;
  sendAt: Date;
  recipients: Recipient[];
  payload: Record<string, unknown>;
};

type NewReminder = typeof reminders.$inferInsert;

/** The outbox rows for one finding: in-app for every account, email when SMTP is set up, the group robot if wanted. */
export function rowsForFinding(f: Finding, settings: ReminderSettings): NewReminder[] {
  const base = `${f.kind}:${f.subjectType}:${f.subjectId}:${f.occurrence}`;
  const external = nextSendableInstant(f.sendAt, settings.quietHours);
  const payload = { ...f.payload, occurrence: f.occurrence };
  const rows: NewReminder[] = [];
  for (const r of uniqueRecipients(f.recipients)) {
    if (r.kind === "user") {
      rows.push({
        kind: f.kind,
        subjectType: f.subjectType,
        subjectId: f.subjectId,
        recipientUserId: r.userId,
        channel: "in_app",
        sendAt: f.sendAt,
        dedupeKey: `${base}:in_app:u${r.userId}`,
        payload,
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
        payload: r.kind === "user" ? { ...payload, locale: r.locale } : payload,
      });
    }
  }
  if (settings.webhookUrl && settings.webhookKinds.has(f.kind)) {
    rows.push({
      kind: f.kind,
      subjectType: f.subjectType,
      subjectId: f.subjectId,
      recipientAddress: settings.webhookUrl,
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
      channel: r.channel,
      send_at: r.sendAt.toISOString(),
      dedupe_key: r.dedupeKey,
      payload: r.payload ?? {},
    }));
    // why: one JSON parameter per 5,000 rows; a scan of a large register stays a few round trips.
    const inserted = await queryRows<{ id: number }>(
      db,
      sql`
      insert into reminders (kind, subject_type, subject_id, recipient_user_id, recipient_address, channel, send_at, dedupe_key, payload)
      select x.kind, x.subject_type, x.subject_id, x.recipient_user_id, x.recipient_address, x.channel, x.send_at, x.dedupe_key, x.payload
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as x(kind text, subject_type text, subject_id int, recipient_user_id int, recipient_address text,
               channel text, send_at timestamptz, dedupe_key text, payload jsonb)
      on conflict (dedupe_key) do update
         set status = 'pending', send_at = excluded.send_at, payload = excluded.payload, attempts = 0,
             last_error = null, updated_at = now()
       where reminders.status = 'cancelled'
      returning id`,
    );
    for (const r of inserted) ids.push(r.id);
    if (onChunk && inserted.length) await onChunk(inserted.map((r) => r.id));
  }
  return ids;
}

type VisitCandidate = {
  id: number;
  kind: "routine" | "follow_up" | "event";
  due_on: string;
  station_id: number;
  assigned_user_id: number | null;
  full_name: string;
  village_name: string;
  station_name: string;
  done_kinds: string[] | null;
};

export type ScanContext = { db: DbOrTx; now: Date; settings: ReminderSettings };

/** Findings about open visits, optionally only some visits (a mutation plans reminders for what it touched). */
export async function visitFindings(
  { db, now, settings }: ScanContext,
  visitIds?: number[],
): Promise<Finding[]> {
  if (visitIds && visitIds.length === 0) return [];
  const today = todayInShanghai(now);
  const windowEnd = new Date(now.getTime() + settings.windowMs);
  const horizon = addDaysToDate(todayInShanghai(windowEnd), settings.dueWithinDays);
  const only: SQL = visitIds
    ? sql`and v.id in (${sql.join(
        visitIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const candidates = await queryRows<VisitCandidate>(
    db,
    sql`
    select v.id, v.kind, v.due_on::text as due_on, v.station_id, v.assigned_user_id,
           p.full_name, vil.name as village_name, f.name as station_name,
           array(select distinct r.kind from reminders r
                  where r.subject_type = 'visit' and r.subject_id = v.id and r.payload->>'occurrence' = v.due_on::text
                    and r.status <> 'cancelled') as done_kinds
      from visits v
      join people p on p.id = v.person_id and p.status = 'active'
      join regions vil on vil.id = p.village_id
      join facilities f on f.id = v.station_id
     where v.status = 'scheduled' and v.due_on <= ${horizon} ${only}`,
  );
  if (candidates.length === 0) return [];
  const instants = new Map<string, Date>();
  const at = (date: string) => {
    let instant = instants.get(date);
    if (!instant) {
      instant = shanghaiInstant(date, settings.sendTime);
      instants.set(date, instant);
    }
    return instant;
  };
  const shifted = new Map<string, string>();
  const plusDays = (date: string, days: number) => {
    const key = `${date}|${days}`;
    let value = shifted.get(key);
    if (!value) {
      value = addDaysToDate(date, days);
      shifted.set(key, value);
    }
    return value;
  };
  const later = (a: Date) => (a.getTime() > now.getTime() ? a : now);
  const circles = await stationCircles(db, [...new Set(candidates.map((c) => c.station_id))], today);
  const assignees = await usersAsRecipients(
    db,
    candidates.map((c) => c.assigned_user_id).filter((id): id is number => id !== null),
  );
  const findings: Finding[] = [];
  for (const v of candidates) {
    const done = new Set(v.done_kinds ?? []);
    const circle = circles.get(v.station_id) ?? { heads: [], staff: [], planners: [], organization: [] };
    const assignee = v.assigned_user_id ? assignees.get(v.assigned_user_id) : undefined;
    const responsible = assignee ? [assignee] : circle.heads.length ? circle.heads : circle.staff;
    const withHead = uniqueRecipients([...responsible, ...circle.heads]);
    const payload = {
      visitKind: v.kind,
      dueOn: v.due_on,
      personName: maskPersonName(v.full_name),
      villageName: v.village_name,
      stationName: v.station_name,
      link: `/visits/${v.id}`,
    };
    const add = (
      kind: ReminderKind,
      sendAt: Date,
      recipients: Recipient[],
      extra: Record<string, unknown> = {},
    ) => {
      if (done.has(kind) || sendAt > windowEnd || recipients.length === 0) return;
      findings.push({
        kind,
        subjectType: "visit",
        subjectId: v.id,
        occurrence: v.due_on,
        sendAt: later(sendAt),
        recipients,
        payload: { ...payload, ...extra },
      });
    };
    if (v.due_on >= today) {
      const dueSoon = at(plusDays(v.due_on, -settings.dueWithinDays));
      if (v.kind === "follow_up") add("follow_up_due", dueSoon, withHead);
      else add("visit_due", dueSoon, responsible);
    }
    add("visit_overdue", at(plusDays(v.due_on, 1)), withHead);
    add(
      "visit_escalation",
      at(plusDays(v.due_on, settings.escalateAfterDays + 1)),
      uniqueRecipients([...circle.planners, ...circle.organization]),
      { escalateAfterDays: settings.escalateAfterDays },
    );
  }
  return findings;
}

/** Active contracts ending soon, and active contracts whose deliverables are behind (at most once a month). */
export async function contractFindings({ db, now, settings }: ScanContext): Promise<Finding[]> {
  const today = todayInShanghai(now);
  const windowEnd = new Date(now.getTime() + settings.windowMs);
  const active = await db
    .select({
      id: contracts.id,
      code: contracts.code,
      title: contracts.title,
      endsOn: contracts.endsOn,
      organizationName: organizations.name,
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(and(eq(contracts.status, "active"), lte(contracts.startsOn, today), gte(contracts.endsOn, today)));
  if (active.length === 0) return [];
  const ids = active.map((c) => c.id);
  const [circles, progress, existing] = await Promise.all([
    contractCircles(db, ids),
    deliverableProgress(ids, { asOf: today, db }),
    db
      .select({
        subjectId: reminders.subjectId,
        kind: reminders.kind,
        occurrence: sql<string>`${reminders.payload}->>'occurrence'`,
      })
      .from(reminders)
      .where(
        and(
          eq(reminders.subjectType, "contract"),
          inArray(reminders.subjectId, ids),
          sql`${reminders.status} <> 'cancelled'`,
        ),
      )
      .groupBy(reminders.subjectId, reminders.kind, sql`${reminders.payload}->>'occurrence'`),
  ]);
  const done = new Set(existing.map((e) => `${e.subjectId}:${e.kind}:${e.occurrence}`));
  const month = today.slice(0, 7);
  const findings: Finding[] = [];
  for (const c of active) {
    const circle = circles.get(c.id);
    const recipients = uniqueRecipients([...(circle?.planners ?? []), ...(circle?.organization ?? [])]);
    if (recipients.length === 0) continue;
    const payload = {
      contractCode: c.code,
      contractTitle: c.title,
      organizationName: c.organizationName,
      endsOn: c.endsOn,
      link: `/contracts/${c.id}`,
    };
    const endingFrom = shanghaiInstant(
      addDaysToDate(c.endsOn, -settings.contractEndingDays),
      settings.sendTime,
    );
    if (endingFrom <= windowEnd && !done.has(`${c.id}:contract_ending:${c.endsOn}`)) {
      findings.push({
        kind: "contract_ending",
        subjectType: "contract",
        subjectId: c.id,
        occurrence: c.endsOn,
        sendAt: endingFrom > now ? endingFrom : now,
        recipients,
        payload,
      });
    }
    const p = progress.get(c.id);
    if (p?.behind && !done.has(`${c.id}:deliverable_behind:${month}`)) {
      findings.push({
        kind: "deliverable_behind",
        subjectType: "contract",
        subjectId: c.id,
        occurrence: month,
        sendAt: now,
        recipients,
        payload: {
          ...payload,
          activitiesDone: p.activities.done,
          activitiesExpected: p.activities.expected,
          personTimesDone: p.personTimes.done,
          personTimesExpected: p.personTimes.expected,
        },
      });
    }
  }
  return findings;
}

export type ScanResult = { findings: number; created: number; ids: number[] };

/** One full scan, as the job scheduler runs it. */
export async function scanForReminders(
  ctx: ScanContext,
  onChunk?: (ids: number[]) => Promise<void>,
): Promise<ScanResult> {
  const findings = [...(await visitFindings(ctx)), ...(await contractFindings(ctx))];
  const ids = await insertReminders(
    ctx.db,
    findings.flatMap((f) => rowsForFinding(f, ctx.settings)),
    onChunk,
  );
  return { findings: findings.length, created: ids.length, ids };
}

/** Plans the reminders of visits a mutation just created or moved, inside its transaction. */
export async function planVisitReminders(ctx: ScanContext, visitIds: number[]): Promise<number[]> {
  const findings = await visitFindings(ctx, visitIds);
  return insertReminders(
    ctx.db,
    findings.flatMap((f) => rowsForFinding(f, ctx.settings)),
  );
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
