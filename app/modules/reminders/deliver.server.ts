// Delivery: turns one outbox row into a message. In-app rows are written in batches, exactly once (one transaction
// inserts the notifications, whose reminder_id is unique, and marks the rows sent). Email and webhook rows leave the
// process, so no transaction can cover the send: a row is first claimed (a token and an expiry in send_claim and
// send_claimed_until, committed), then sent, then marked sent. A duplicate job finds the claim and stands back; a claim
// left behind by a worker that died between the send and the commit tells the next attempt that the first may have
// arrived, and the resend carries the same idempotency key (Message-ID, Idempotency-Key header) so a receiver can drop
// it; the row is flagged resent_after_interruption for the admin page. Rows about something that no longer needs a
// reminder are cancelled, not sent.
import { randomUUID } from "node:crypto";
import { eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  contractMonths,
  contracts,
  groupRobots,
  notifications,
  people,
  type ReminderKind,
  type RobotKind,
  reminders,
  users,
  visits,
} from "#db/schema";
import { todayInShanghai } from "~/utils/dates";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { literal, literalEq, literalIn } from "~/utils/sql-literals";
import { postWebhook, sendEmail } from "./channels.server";
import { renderReminder } from "./messages.server";
import { openReminder } from "./open.server";
import { openRobotUrl } from "./robot-channel.server";
import type { ReminderSettings } from "./settings.server";

export type DeliveryOutcome = "sent" | "cancelled" | "skipped";

type OpenRow = {
  id: number;
  kind: ReminderKind;
  channel: "in_app" | "email" | "webhook";
  recipient_user_id: number | null;
  recipient_address: string | null;
  dedupe_key: string;
  /** A region's or station's group robot (the address is sealed there), instead of recipient_address. */
  robot_id: number | null;
  robot_kind: RobotKind | null;
  robot_url_sealed: string | null;
  robot_secret_sealed: string | null;
  payload: Record<string, unknown>;
  locale: string | null;
  relevant: boolean;
  /** The claim token of another attempt, if the row is claimed. */
  send_claim: string | null;
  /** When that claim stops protecting the row (ms since the epoch). */
  claim_ends_ms: number | null;
};

const robot = alias(groupRobots, "robot");

/** A PostgreSQL int[] literal, sent as one parameter however many ids there are. */
export const intArray = (ids: number[]) => `{${ids.map((id) => Math.trunc(id)).join(",")}}`;

/**
 * Whether the subject of an outbox row (or of a row about to be written, with the same column names) still needs the
 * reminder: the visit still open on the same date, the contract still ending on the same day, the month not yet
 * submitted. `row` is the SQL alias of the row.
 */
export function subjectStillNeedsIt(row: "r" | "x"): SQL {
  // The row's own columns are spelled: it is an alias of reminders or of rows not yet written (same column names).
  const r = sql.raw(row);
  const v = alias(visits, "sv");
  const p = alias(people, "sp");
  const c = alias(contracts, "sc");
  const m = alias(contractMonths, "sm");
  return sql`(case
      when ${r}.subject_type = ${literal(reminders.subjectType, "visit")} then exists (
        select 1 from ${visits} ${v} join ${people} ${p} on ${p.id} = ${v.personId}
         where ${v.id} = ${r}.subject_id and ${literalEq(v.status, "scheduled")}
           and ${literalEq(p.status, "active")} and ${v.dueOn}::text = ${r}.payload->>'occurrence')
      when ${r}.kind = ${literal(reminders.kind, "contract_ending")} then exists (
        select 1 from ${contracts} ${c}
         where ${c.id} = ${r}.subject_id and ${literalEq(c.status, "active")}
           and ${c.endsOn}::text = ${r}.payload->>'occurrence')
      -- A month submitted since the reminder was planned needs no reminder.
      when ${r}.kind in (${literal(reminders.kind, "signoff_due")}, ${literal(reminders.kind, "signoff_returned")}) then not exists (
        select 1 from ${contractMonths} ${m}
         where ${m.contractId} = ${r}.subject_id and ${m.month} = ${r}.payload->>'month'
           and ${literalIn(m.status, ["submitted", "approved"])})
      else true
    end)`;
}

/** Open rows among `ids`, locked in id order (no deadlocks between batches), with whether they still matter. */
async function lockOpenRows(db: DbOrTx, ids: number[]): Promise<OpenRow[]> {
  const r = alias(reminders, "r");
  const u = alias(users, "u");
  return queryRows<OpenRow>(
    db,
    sql`
    select ${r.id}, ${r.kind}, ${r.channel}, ${r.recipientUserId}, ${r.recipientAddress}, ${r.dedupeKey}, ${r.payload},
           ${u.locale}, ${r.robotId}, ${robot.kind} as robot_kind, ${robot.urlSealed} as robot_url_sealed,
           ${robot.secretSealed} as robot_secret_sealed,
           ${r.sendClaim}, (extract(epoch from ${r.sendClaimedUntil}) * 1000)::float8 as claim_ends_ms,
           (case
              when ${r.recipientUserId} is not null and ${u.disabledAt} is not null then false
              -- Removing a robot re-routes its open rows in the same transaction; one that slipped past is not sent.
              when ${r.robotId} is not null and ${robot.removedAt} is not null then false
              else ${subjectStillNeedsIt("r")}
            end) as relevant
      from ${reminders} ${r}
      left join ${users} ${u} on ${u.id} = ${r.recipientUserId}
      left join ${groupRobots} ${robot} on ${robot.id} = ${r.robotId}
     where ${r.id} = any(${intArray(ids)}::int[]) and ${openReminder(r.status)}
     order by ${r.id}
       for update of ${r}`,
  );
}

/**
 * Delivers in-app reminders in one transaction. Returns what happened to each id; ids not returned were already
 * sent or cancelled (a duplicate job), which is success too.
 */
async function deliverInAppBatch(
  db: DbOrTx,
  ids: number[],
  now: Date = new Date(),
): Promise<Map<number, DeliveryOutcome>> {
  const outcome = new Map<number, DeliveryOutcome>(ids.map((id) => [id, "skipped"]));
  if (ids.length === 0) return outcome;
  const at = now.toISOString();
  const today = todayInShanghai(now);
  await db.transaction(async (tx) => {
    const rows = (await lockOpenRows(tx, ids)).filter((r) => r.channel === "in_app");
    const relevant = rows.filter((r) => r.relevant && r.recipient_user_id !== null);
    const irrelevant = rows.filter((r) => !r.relevant || r.recipient_user_id === null);
    if (rows.length === 0) return;
    const messages = relevant.map((r) => {
      const message = renderReminder(r.kind, r.payload, r.locale ?? "zh-CN", now, today);
      return { user_id: r.recipient_user_id, reminder_id: r.id, ...message };
    });
    // why: one statement for the notifications and both marks (one JSON parameter instead of six per row keeps
    // large batches cheap to build and to send): a batch is begin, lock, write, commit.
    await tx.execute(sql`
      with notified as (
        insert into ${notifications} (user_id, reminder_id, title, body, link, created_at)
        select x.user_id, x.reminder_id, x.title, x.body, x.link, ${at}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb)
            as x(user_id int, reminder_id int, title text, body text, link text)
        on conflict (reminder_id) do nothing
      ), cancelled as (
        update ${reminders} set status = ${literal(reminders.status, "cancelled")}, updated_at = ${at}::timestamptz
         where ${reminders.id} = any(${intArray(irrelevant.map((r) => r.id))}::int[])
      )
      update ${reminders} set status = ${literal(reminders.status, "sent")}, sent_at = ${at}::timestamptz,
             attempts = attempts + 1, last_error = null, updated_at = ${at}::timestamptz
       where ${reminders.id} = any(${intArray(relevant.map((r) => r.id))}::int[])`);
    for (const r of relevant) outcome.set(r.id, "sent");
    for (const r of irrelevant) outcome.set(r.id, "cancelled");
  });
  return outcome;
}

/**
 * Collects in-app deliveries from concurrently running jobs and writes them together: one transaction per few
 * milliseconds instead of one per reminder. Each job still waits for, and reports, its own row's result.
 */
export class InAppBatcher {
  private waiting = new Map<
    number,
    { resolve: (o: DeliveryOutcome) => void; reject: (e: unknown) => void }[]
  >();
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: DbOrTx,
    private readonly options: {
      maxBatch?: number;
      maxWaitMs?: number;
      /** Transactions at once; rows are locked in id order and each id is in one batch, so they cannot deadlock. */
      maxParallel?: number;
      now?: () => Date;
    } = {},
  ) {}

  deliver(id: number): Promise<DeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.set(id, [...(this.waiting.get(id) ?? []), { resolve, reject }]);
      this.schedule(this.waiting.size >= (this.options.maxBatch ?? 200) ? 0 : (this.options.maxWaitMs ?? 5));
    });
  }

  private schedule(delay: number) {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startFlush();
    }, delay);
  }

  private startFlush() {
    if (this.waiting.size === 0 || this.inFlight.size >= (this.options.maxParallel ?? 4)) return;
    const running: Promise<void> = this.flush().finally(() => {
      this.inFlight.delete(running);
      if (this.waiting.size > 0) this.schedule(0);
    });
    this.inFlight.add(running);
  }

  async flush(): Promise<void> {
    if (this.waiting.size === 0) return;
    const maxBatch = this.options.maxBatch ?? 200;
    const batch = new Map([...this.waiting].slice(0, maxBatch));
    for (const id of batch.keys()) this.waiting.delete(id);
    try {
      const results = await deliverInAppBatch(this.db, [...batch.keys()], this.options.now?.() ?? new Date());
      for (const [id, waiters] of batch) for (const w of waiters) w.resolve(results.get(id) ?? "skipped");
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
    }
  }

  /** Waits for everything handed in so far (graceful shutdown). */
  async drain(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.inFlight.size > 0 || this.waiting.size > 0) {
      if (this.waiting.size > 0 && this.inFlight.size === 0) await this.flush();
      else await Promise.allSettled([...this.inFlight]);
    }
  }
}

export type ExternalDeps = {
  db: DbOrTx;
  settings: ReminderSettings;
  now?: () => Date;
  /** How long a claim keeps other attempts off the row; longer than the slowest send the channels allow. */
  claimMs?: number;
};

/**
 * How long a claim keeps other attempts off a row. Both channels give up well within this (webhook 10 s; SMTP
 * connection 10 s, greeting 10 s, socket 20 s). A claim outlives it only if its sender died before recording the
 * result.
 */
export const SEND_CLAIM_MS = 60_000;

export type ExternalOutcome = DeliveryOutcome | { busyUntil: Date };

/** The message went out but PostgreSQL did not take the result; the claim is left in place on purpose. */
export class SentNotRecorded extends Error {
  constructor(id: number, cause: unknown) {
    super(`reminder ${id} was sent but could not be recorded: ${(cause as Error)?.message ?? cause}`, {
      cause,
    });
  }
}

type Claim =
  | { state: "closed" }
  | { state: "busy"; until: Date }
  | { state: "cancelled" }
  | { state: "claimed"; row: OpenRow; token: string; interrupted: boolean };

/** Claims an open row for sending, in a short transaction of its own, so the claim is on disk before the send. */
async function claimForSending(deps: ExternalDeps, id: number, now: Date): Promise<Claim> {
  return deps.db.transaction(async (tx) => {
    const [row] = await lockOpenRows(tx, [id]);
    if (!row) return { state: "closed" };
    // A claim still in force: another attempt is sending right now (a duplicate job, a second worker).
    if (row.claim_ends_ms !== null && row.claim_ends_ms > now.getTime())
      return { state: "busy", until: new Date(row.claim_ends_ms) };
    if (!row.relevant) {
      await tx.update(reminders).set({ status: "cancelled", updatedAt: now }).where(eq(reminders.id, row.id));
      return { state: "cancelled" };
    }
    const token = randomUUID();
    const until = new Date(now.getTime() + (deps.claimMs ?? SEND_CLAIM_MS));
    await tx
      .update(reminders)
      .set({ sendClaim: token, sendClaimedUntil: until, updatedAt: now })
      .where(eq(reminders.id, row.id));
    // A claim that ran out: the attempt that took it died after claiming, perhaps after sending.
    return { state: "claimed", row, token, interrupted: row.claim_ends_ms !== null };
  });
}

async function sendExternal(row: OpenRow, settings: ReminderSettings, now: Date) {
  const message = renderReminder(
    row.kind,
    row.payload,
    row.locale ?? (typeof row.payload.locale === "string" ? row.payload.locale : "zh-CN"),
    now,
  );
  if (row.channel === "email") {
    if (!settings.smtpUrl) throw new Error("SMTP_URL is not configured");
    await sendEmail({
      smtpUrl: settings.smtpUrl,
      from: settings.mailFrom,
      to: row.recipient_address!,
      message,
      reminderId: row.id,
      idempotencyKey: row.dedupe_key,
      appUrl: settings.appUrl,
    });
  } else {
    // A robot's address is opened (and a DingTalk one signed) only now, at the send; the outbox holds no address.
    const url =
      row.robot_id !== null && row.robot_kind && row.robot_url_sealed
        ? openRobotUrl(
            { kind: row.robot_kind, urlSealed: row.robot_url_sealed, secretSealed: row.robot_secret_sealed },
            now,
          )
        : row.recipient_address!;
    await postWebhook({ url, message, idempotencyKey: row.dedupe_key });
  }
}

/**
 * Sends one email or webhook reminder. Exactly once unless a worker dies between the send and recording it (SIGKILL,
 * power loss, PostgreSQL gone at that instant): then the claim it leaves behind expires and the next attempt sends
 * again with the same idempotency key, which is as close to once as a channel without a transaction can get.
 * `{ busyUntil }`: another attempt holds the claim; try again after that.
 */
export async function deliverExternal(deps: ExternalDeps, id: number): Promise<ExternalOutcome> {
  const now = deps.now?.() ?? new Date();
  const claim = await claimForSending(deps, id, now);
  if (claim.state === "closed") return "skipped";
  if (claim.state === "cancelled") return "cancelled";
  if (claim.state === "busy") return { busyUntil: claim.until };
  const { row, token, interrupted } = claim;
  if (interrupted)
    logger.warn(
      {
        reminderId: row.id,
        channel: row.channel,
        previousClaim: row.send_claim,
        previousClaimEnded: new Date(row.claim_ends_ms!).toISOString(),
      },
      "reminder resent: an earlier attempt died after claiming it and may have sent it; same idempotency key",
    );
  await sendExternal(row, deps.settings, now);
  // Only our own claim is concluded: a row cancelled meanwhile stays cancelled.
  const record = () =>
    deps.db
      .update(reminders)
      .set({
        status: "sent",
        sentAt: now,
        attempts: sql`${reminders.attempts} + 1`,
        lastError: null,
        resentAfterInterruption: interrupted,
        sendClaim: null,
        sendClaimedUntil: null,
        updatedAt: now,
      })
      .where(sql`${reminders.id} = ${row.id} and ${openReminder()} and ${reminders.sendClaim} = ${token}`)
      .returning({ id: reminders.id });
  let done: { id: number }[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      done = await record();
      break;
    } catch (error) {
      // Sent but not recorded: the claim must stay, so the next attempt knows the message may be out already.
      if (attempt >= 2) throw new SentNotRecorded(row.id, error);
      await new Promise((r) => setTimeout(r, 500 * 3 ** attempt));
    }
  }
  if (done.length === 0)
    logger.warn(
      { reminderId: row.id, channel: row.channel },
      "reminder sent, but its claim was gone when recording it (the send outlasted the claim, or it was cancelled)",
    );
  return "sent";
}

/** A failed attempt: counted, with its error; on the last attempt the row is marked failed for the admin page. */
export async function recordDeliveryFailure(
  db: DbOrTx,
  { id, error, final }: { id: number; error: unknown; final: boolean },
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  // The error replaces the claim: the send failed for sure, so the next attempt is a plain retry.
  await db
    .update(reminders)
    .set({
      attempts: sql`${reminders.attempts} + 1`,
      lastError: message.slice(0, 1000),
      sendClaim: null,
      sendClaimedUntil: null,
      updatedAt: new Date(),
      ...(final ? { status: "failed" as const } : {}),
    })
    .where(sql`${reminders.id} = ${id} and ${openReminder()}`);
}
