// For tests of the reminders and their workers: settings built here, not read from the environment, so each test says
// what it depends on (quiet hours, channels, the escalation threshold).
import { reminderKinds } from "#db/schema/visits";
import { parseQuietHours } from "./quiet-hours";
import type { ReminderSettings } from "./settings.server";

export function testReminderSettings(overrides: Partial<ReminderSettings> = {}): ReminderSettings {
  return {
    scanEveryMs: 300_000,
    dueWithinDays: 3,
    escalateAfterDays: 7,
    contractEndingDays: 30,
    quietHours: parseQuietHours("22:00-08:00"),
    sendTime: "09:00",
    windowMs: 48 * 3_600_000,
    attempts: 3,
    backoffMs: 50,
    concurrency: 10,
    lockMs: 30_000,
    appUrl: undefined,
    webhookKinds: new Set(reminderKinds),
    smtpUrl: undefined,
    mailFrom: "社工站提醒 <noreply@stations.example.gov.cn>",
    webhookUrl: undefined,
    ...overrides,
  };
}
