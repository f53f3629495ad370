// Email and group-robot delivery through the real channels (a local SMTP server, a local HTTP receiver), called as the
// worker calls them: what the message says, what it never says, and how a resend after a crash is recognisable.
import http from "node:http";
import { DelayedError } from "bullmq";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { people, reminders, users, visits } from "#db/schema";
import { decryptIdNumber } from "~/modules/people/id-number-crypto.server";
import { reminderMessageId } from "~/modules/reminders/channels.server";
import { InAppBatcher, SEND_CLAIM_MS } from "~/modules/reminders/deliver.server";
import { planVisitReminders, rowsForFinding } from "~/modules/reminders/scan.server";
import { testReminderSettings } from "~/modules/reminders/testing.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { useTestDatabase } from "../test/setup/database";
import { processDelivery } from "./delivery.worker";
import { type LocalSmtp, localSmtpServer } from "./testing/mail";

useTestDatabase({ template: "demo" });

let smtp: LocalSmtp;
beforeAll(async () => {
  smtp = await localSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

const settings = () =>
  testReminderSettings({
    smtpUrl: smtp.url,
    quietHours: null,
    appUrl: "https://stations.example.gov.cn",
    attempts: 2,
  });

const jobFor = (reminderId: number, channel: "email" | "webhook", attemptsMade = 0) => ({
  data: { reminderId, channel },
  attemptsMade,
  opts: { attempts: 2 },
});

/** An overdue visit at Baiba's station, assigned to its staff member, with its reminders planned (email included). */
async function overdueVisitWithEmail() {
  const [staff] = await db.select().from(users).where(eq(users.email, "station.baiba@demo.local"));
  const [visit] = await queryRows<{ id: number; person_id: number }>(
    db,
    sql`select v.id, v.person_id from visits v join people p on p.id = v.person_id and p.status = 'active'
         where v.station_id = ${staff.facilityId} and v.status = 'scheduled' and v.kind = 'routine'
           and not exists (select 1 from reminders r where r.subject_type = 'visit' and r.subject_id = v.id)
         order by v.id limit 1`,
  );
  await db
    .update(visits)
    .set({ dueOn: addDaysToDate(todayInShanghai(), -2), assignedUserId: staff.id })
    .where(eq(visits.id, visit.id));
  const ids = await planVisitReminders({ db, now: new Date(), settings: settings() }, [visit.id]);
  const rows = await db
    .select()
    .from(reminders)
    .where(
      and(inArray(reminders.id, ids), eq(reminders.channel, "email"), eq(reminders.kind, "visit_overdue")),
    );
  const [person] = await db.select().from(people).where(eq(people.id, visit.person_id));
  return { staff, visit, rows, person };
}

const deps = () => ({ db, settings: settings(), batcher: new InAppBatcher(db) });

describe("email reminders", () => {
  it("go through a real SMTP server with the masked name, the link, a stable Message-ID and never a full ID number", async () => {
    const { staff, visit, rows, person } = await overdueVisitWithEmail();
    const row = rows.find((r) => r.recipientUserId === staff.id)!;
    const before = smtp.received.length;

    expect(await processDelivery(jobFor(row.id, "email"), deps())).toBe("sent");

    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to).toEqual([staff.email]);
    expect(mail.from).toBe("noreply@stations.example.gov.cn");
    expect(mail.subject).toMatch(/^走访已逾期：/);
    expect(mail.subject).toContain(String(row.payload.personName));
    expect(mail.text).toContain(`https://stations.example.gov.cn/visits/${visit.id}`);
    expect(mail.headers.get("message-id")).toBe(reminderMessageId(row.dedupeKey, settings().mailFrom));
    // PIPL: neither the full ID number nor the full name travels by email; plain text only.
    const idNumber = decryptIdNumber(person.idNumberCipher);
    for (const part of [mail.subject, mail.text, mail.raw]) {
      expect(part).not.toContain(idNumber);
      expect(part).not.toMatch(/\d{17}[\dX]/);
    }
    if (person.fullName.length > 1) expect(`${mail.subject}\n${mail.text}`).not.toContain(person.fullName);
    expect(mail.headers.get("content-type")).toMatch(/^text\/plain/);

    const [after] = await db.select().from(reminders).where(eq(reminders.id, row.id));
    expect(after).toMatchObject({
      status: "sent",
      attempts: 1,
      lastError: null,
      sendClaim: null,
      sendClaimedUntil: null,
      resentAfterInterruption: false,
    });
  });

  it("stand back while another attempt holds the claim, and after a worker died mid-send go again with the same Message-ID", async () => {
    const { rows } = await overdueVisitWithEmail();
    const row = rows[0];
    const before = smtp.received.length;
    expect(await processDelivery(jobFor(row.id, "email"), deps())).toBe("sent");
    // What a worker SIGKILLed after the send and before its commit leaves: the message out, the row claimed, unsent.
    const claimedAt = new Date();
    await db
      .update(reminders)
      .set({
        status: "queued",
        sentAt: null,
        sendClaim: "00000000-0000-4000-8000-00000000dead",
        sendClaimedUntil: new Date(claimedAt.getTime() + SEND_CLAIM_MS),
      })
      .where(eq(reminders.id, row.id));

    // While the claim lasts, a job for the row waits for it to end rather than sending.
    const moveToDelayed = vi.fn(async () => {});
    await expect(
      processDelivery({ ...jobFor(row.id, "email"), moveToDelayed }, deps(), "token"),
    ).rejects.toBeInstanceOf(DelayedError);
    expect(moveToDelayed).toHaveBeenCalledWith(claimedAt.getTime() + SEND_CLAIM_MS + 1000, "token");
    expect(await processDelivery(jobFor(row.id, "email"), deps())).toBe("skipped");
    expect(smtp.received.length).toBe(before + 1);

    // Once it has run out, the next attempt sends again, with the same Message-ID, and the row and the log say so.
    const later = new Date(claimedAt.getTime() + SEND_CLAIM_MS + 1);
    const warn = vi.spyOn(logger, "warn");
    try {
      expect(await processDelivery(jobFor(row.id, "email"), { ...deps(), now: () => later })).toBe("sent");
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({
          reminderId: row.id,
          previousClaim: "00000000-0000-4000-8000-00000000dead",
        }),
        expect.stringMatching(/^reminder resent/),
      );
    } finally {
      warn.mockRestore();
    }
    const [first, second] = smtp.received.slice(before);
    expect(second.headers.get("message-id")).toBe(first.headers.get("message-id"));
    expect(second.text).toBe(first.text);
    const [after] = await db.select().from(reminders).where(eq(reminders.id, row.id));
    expect(after).toMatchObject({
      status: "sent",
      lastError: null,
      sendClaim: null,
      sendClaimedUntil: null,
      resentAfterInterruption: true,
    });
  });

  it("are retried when the server refuses them, and after the last attempt marked failed with its answer", async () => {
    const { rows } = await overdueVisitWithEmail();
    const row = rows[0];
    smtp.refuse.add(row.recipientAddress!.toLowerCase());
    try {
      await expect(processDelivery(jobFor(row.id, "email"), deps())).rejects.toThrow(/550|unavailable/);
      const [retrying] = await db.select().from(reminders).where(eq(reminders.id, row.id));
      // The error replaces the claim: the next attempt is a plain retry, not a suspected resend.
      expect(["pending", "queued"]).toContain(retrying.status);
      expect(retrying).toMatchObject({ sendClaim: null, sendClaimedUntil: null });
      await expect(processDelivery(jobFor(row.id, "email", 1), deps())).rejects.toThrow(/550|unavailable/);
      const [failed] = await db.select().from(reminders).where(eq(reminders.id, row.id));
      expect(failed).toMatchObject({ status: "failed", attempts: 2 });
      expect(failed.lastError).toMatch(/550|unavailable/);
    } finally {
      smtp.refuse.clear();
    }
  });
});

/** A local group robot; `whileSending` runs while a post is in flight, before the robot answers. */
async function localRobot(whileSending: () => Promise<void> = async () => {}) {
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    headers.push(req.headers);
    req.resume();
    req.on("end", () =>
      whileSending().then(
        () => res.end('{"errcode":0,"errmsg":"ok"}'),
        (error) => res.writeHead(500).end(String(error)),
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/cgi-bin/webhook/send?key=t`;
  return { url, headers, close: () => server.close() };
}

/** A group-robot reminder about a fresh overdue visit, posted to `url`. */
async function webhookReminder(url: string) {
  const { visit } = await overdueVisitWithEmail();
  const [live] = await queryRows<{ due_on: string }>(
    db,
    sql`select due_on::text from visits where id = ${visit.id}`,
  );
  const [row] = rowsForFinding(
    {
      kind: "visit_overdue",
      subjectType: "visit",
      subjectId: visit.id,
      occurrence: live.due_on,
      sendAt: new Date(),
      recipients: [],
      payload: { personName: "示*西", villageName: "百巴村", dueOn: live.due_on, visitKind: "routine" },
    },
    { ...settings(), webhookUrl: url },
  );
  const [inserted] = await db.insert(reminders).values(row).returning();
  return inserted;
}

const reminderRow = async (id: number) => (await db.select().from(reminders).where(eq(reminders.id, id)))[0];

describe("group-robot reminders", () => {
  it("carry the reminder's dedupe key as an Idempotency-Key header", async () => {
    const robot = await localRobot();
    try {
      const inserted = await webhookReminder(robot.url);
      expect(await processDelivery(jobFor(inserted.id, "webhook"), deps())).toBe("sent");
      expect(robot.headers).toHaveLength(1);
      expect(robot.headers[0]["idempotency-key"]).toBe(inserted.dedupeKey);
    } finally {
      robot.close();
    }
  });

  it("are claimed and the claim committed before the post leaves, and a reminder cancelled during the post stays cancelled", async () => {
    let id = 0;
    let during: typeof reminders.$inferSelect | undefined;
    const robot = await localRobot(async () => {
      during = await reminderRow(id);
      await db.update(reminders).set({ status: "cancelled" }).where(eq(reminders.id, id));
    });
    try {
      id = (await webhookReminder(robot.url)).id;
      const startedAt = Date.now();
      expect(await processDelivery(jobFor(id, "webhook"), deps())).toBe("sent");
      expect(during?.sendClaim).toMatch(/^[0-9a-f-]{36}$/);
      expect(during?.sendClaimedUntil?.getTime()).toBeGreaterThanOrEqual(startedAt + SEND_CLAIM_MS - 1000);
      // The claim stays with the cancelled row: should it be reopened, the next attempt knows it may be a resend.
      expect(await reminderRow(id)).toMatchObject({
        status: "cancelled",
        sentAt: null,
        attempts: 0,
        sendClaim: during?.sendClaim,
        resentAfterInterruption: false,
      });
    } finally {
      robot.close();
    }
  });

  it("conclude only their own claim: a claim another attempt took over during a slow post is left to it", async () => {
    let id = 0;
    const other = {
      sendClaim: "00000000-0000-4000-8000-0000000000b2",
      sendClaimedUntil: new Date(Date.now() + 3_600_000),
    };
    const robot = await localRobot(async () => {
      await db.update(reminders).set(other).where(eq(reminders.id, id));
    });
    try {
      id = (await webhookReminder(robot.url)).id;
      expect(await processDelivery(jobFor(id, "webhook"), deps())).toBe("sent");
      expect(await reminderRow(id)).toMatchObject({ status: "pending", sentAt: null, attempts: 0, ...other });
    } finally {
      robot.close();
    }
  });
});
