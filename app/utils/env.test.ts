// The environment is parsed once, in one schema: a bad value stops the process with the variable named, and
// every documented default holds when nothing is set.
import { describe, expect, it } from "vitest";
import { reminderSettings } from "~/modules/reminders/settings.server";
import { envPerTest } from "../../test/support/env";
import { env } from "./env.server";

const withEnv = envPerTest();

describe("env", () => {
  it("refuses a bad value at the first read, naming the variable but not the value", () => {
    withEnv({ REMINDER_QUIET_HOURS: "late", SESSION_SECRET: "short-secret-value" });
    expect(() => env()).toThrow(/REMINDER_QUIET_HOURS: expected a range like 22:00-08:00/);
    expect(() => env()).toThrow(/SESSION_SECRET/);
    expect(() => env()).not.toThrow(/short-secret-value/);
  });

  it("refuses an unknown reminder kind for the group robot", () => {
    withEnv({ REMINDER_WEBHOOK_KINDS: "visit_overdue,visit_late" });
    expect(() => env()).toThrow(/REMINDER_WEBHOOK_KINDS: unknown kind "visit_late"/);
  });

  it("uses the README's defaults when nothing is set", () => {
    withEnv({
      TRUST_PROXY: undefined,
      RATE_LIMIT_SIGN_IN: undefined,
      RATE_LIMIT_EXPENSIVE: undefined,
      MAIL_FROM: undefined,
      REMINDER_QUIET_HOURS: undefined,
      REMINDER_WEBHOOK_KINDS: undefined,
      REMINDER_WINDOW_HOURS: undefined,
    });
    expect(env()).toMatchObject({
      TRUST_PROXY: "loopback",
      RATE_LIMIT_SIGN_IN: 20,
      RATE_LIMIT_EXPENSIVE: 120,
      MAIL_FROM: "station-network@localhost",
    });
    const settings = reminderSettings();
    expect(settings.quietHours).toEqual({ start: "22:00", end: "08:00" });
    expect(settings.windowMs).toBe(48 * 3_600_000);
    expect([...settings.webhookKinds]).not.toContain("visit_due");
  });

  it("reads a TRUST_PROXY hop count as a number, as Express needs it, and an address list as text", () => {
    withEnv({ TRUST_PROXY: "1" });
    expect(env().TRUST_PROXY).toBe(1);
    withEnv({ TRUST_PROXY: "10.0.0.0/8, loopback" });
    expect(env().TRUST_PROXY).toBe("10.0.0.0/8, loopback");
  });

  it("derives the reminder settings from the same parse, again after the environment changes", () => {
    withEnv({ REMINDER_QUIET_HOURS: "off", APP_URL: "https://stations.example.cn" });
    expect(reminderSettings()).toMatchObject({ quietHours: null, appUrl: "https://stations.example.cn" });
    withEnv({ REMINDER_QUIET_HOURS: "23:00-07:00", APP_URL: "" });
    expect(reminderSettings()).toMatchObject({
      quietHours: { start: "23:00", end: "07:00" },
      appUrl: undefined,
    });
  });
});
