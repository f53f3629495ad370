// Reminder settings from the environment, parsed once; a bad value stops the process at boot with a clear message.
import { z } from "zod";
import { reminderKinds } from "#db/schema/visits";
import { env } from "~/utils/env.server";
import { parseQuietHours, type QuietHours } from "./quiet-hours";

const schema = z.object({
  /** How often the job scheduler scans PostgreSQL for visits and contracts that need a reminder. */
  REMINDER_SCAN_EVERY_MS: z.coerce.number().int().min(1000).default(300_000),
  /** "Due soon" means due within this many days. */
  REMINDER_DUE_WITHIN_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** Overdue by more than this many days → the planners of the smallest region above the station are told too. */
  REMINDER_ESCALATE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Contracts ending within this many days. */
  REMINDER_CONTRACT_ENDING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  REMINDER_QUIET_HOURS: z.string().default("22:00-08:00"),
  /** Shanghai wall-clock time at which dated reminders go out. */
  REMINDER_SEND_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default("09:00"),
  /** Only reminders due within this many hours are copied into Redis; the rest wait in PostgreSQL. */
  REMINDER_WINDOW_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
  REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(60_000),
  REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** How long a worker holds a job before others may take it over (a killed worker's jobs restart after this). */
  REMINDER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Public address of the app, for links in emails; without it emails carry no link. */
  APP_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Kinds also posted to the group robot; routine "due soon" reminders would flood a group chat. */
  REMINDER_WEBHOOK_KINDS: z
    .string()
    .default("visit_overdue,visit_escalation,follow_up_due,contract_ending,deliverable_behind"),
});

export type ReminderSettings = {
  scanEveryMs: number;
  dueWithinDays: number;
  escalateAfterDays: number;
  contractEndingDays: number;
  quietHours: QuietHours;
  sendTime: string;
  windowMs: number;
  attempts: number;
  backoffMs: number;
  concurrency: number;
  lockMs: number;
  appUrl: string | undefined;
  webhookKinds: ReadonlySet<string>;
  smtpUrl: string | undefined;
  mailFrom: string;
  webhookUrl: string | undefined;
};

let cached: ReminderSettings | undefined;

export function reminderSettings(): ReminderSettings {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid reminder settings:\n${problems}`);
  }
  const v = parsed.data;
  const kinds = v.REMINDER_WEBHOOK_KINDS.split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  for (const k of kinds)
    if (!(reminderKinds as readonly string[]).includes(k))
      throw new Error(`Invalid reminder settings:\n  REMINDER_WEBHOOK_KINDS: unknown kind "${k}"`);
  const { SMTP_URL, MAIL_FROM, WEBHOOK_URL } = env();
  cached = {
    scanEveryMs: v.REMINDER_SCAN_EVERY_MS,
    dueWithinDays: v.REMINDER_DUE_WITHIN_DAYS,
    escalateAfterDays: v.REMINDER_ESCALATE_AFTER_DAYS,
    contractEndingDays: v.REMINDER_CONTRACT_ENDING_DAYS,
    quietHours: parseQuietHours(v.REMINDER_QUIET_HOURS),
    sendTime: v.REMINDER_SEND_TIME,
    windowMs: v.REMINDER_WINDOW_HOURS * 3_600_000,
    attempts: v.REMINDER_ATTEMPTS,
    backoffMs: v.REMINDER_BACKOFF_MS,
    concurrency: v.REMINDER_CONCURRENCY,
    lockMs: v.REMINDER_LOCK_MS,
    appUrl: v.APP_URL,
    webhookKinds: new Set(kinds),
    smtpUrl: SMTP_URL,
    mailFrom: MAIL_FROM,
    webhookUrl: WEBHOOK_URL,
  };
  return cached;
}

export function resetReminderSettings(): void {
  cached = undefined;
}
