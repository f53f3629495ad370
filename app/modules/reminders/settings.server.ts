// Reminder settings: the REMINDER_* variables of the environment (parsed and checked in app/utils/env.server.ts, so a
// bad value stops the process at boot) in the shape the scans, queues and workers use.
import { type Env, env, resetEnvCache } from "~/utils/env.server";
import { parseQuietHours, type QuietHours } from "./quiet-hours";

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

let cached: { from: Env; settings: ReminderSettings } | undefined;

export function reminderSettings(): ReminderSettings {
  const e = env();
  if (cached?.from === e) return cached.settings;
  const settings: ReminderSettings = {
    scanEveryMs: e.REMINDER_SCAN_EVERY_MS,
    dueWithinDays: e.REMINDER_DUE_WITHIN_DAYS,
    escalateAfterDays: e.REMINDER_ESCALATE_AFTER_DAYS,
    contractEndingDays: e.REMINDER_CONTRACT_ENDING_DAYS,
    quietHours: parseQuietHours(e.REMINDER_QUIET_HOURS),
    sendTime: e.REMINDER_SEND_TIME,
    windowMs: e.REMINDER_WINDOW_HOURS * 3_600_000,
    attempts: e.REMINDER_ATTEMPTS,
    backoffMs: e.REMINDER_BACKOFF_MS,
    concurrency: e.REMINDER_CONCURRENCY,
    lockMs: e.REMINDER_LOCK_MS,
    appUrl: e.APP_URL,
    webhookKinds: new Set(e.REMINDER_WEBHOOK_KINDS),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    webhookUrl: e.WEBHOOK_URL,
  };
  cached = { from: e, settings };
  return settings;
}

/** For tests that change REMINDER_* variables between cases: the environment is read again. */
export function resetReminderSettings(): void {
  cached = undefined;
  resetEnvCache();
}
