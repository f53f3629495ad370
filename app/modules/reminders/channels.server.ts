// External channels: email through SMTP (nodemailer) and WeCom / DingTalk group robots (both accept the same
// `{"msgtype":"text","text":{"content":…}}` body). The in-app channel is a database write (deliver.server.ts).
// Each message carries the reminder's dedupe key as an idempotency key, so a resend after a crash can be recognised:
// the Message-ID of an email, the Idempotency-Key header of a webhook post.
import { createHash } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import type { RenderedReminder } from "./messages.server";

class ChannelError extends Error {}

let transporter: { url: string; transport: Transporter } | undefined;

function mailTransport(url: string): Transporter {
  if (transporter?.url !== url)
    transporter = {
      url,
      // why: nodemailer waits up to 2 min to connect and 10 min on a silent socket; a send must end well within the
      // delivery claim (SEND_CLAIM_MS), or a second attempt could start while the first is still talking.
      transport: nodemailer.createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  return transporter.transport;
}

/** A Message-ID that is the same for every attempt at one reminder, on the sender's domain. */
export function reminderMessageId(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "station-network.local";
  const digest = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  return `<reminder.${digest}@${domain}>`;
}

export async function sendEmail({
  smtpUrl,
  from,
  to,
  message,
  reminderId,
  idempotencyKey = `reminder-${reminderId}`,
  appUrl,
}: {
  smtpUrl: string;
  from: string;
  to: string;
  message: RenderedReminder;
  reminderId: number;
  /** The reminder's dedupe key: the same for every attempt, so the Message-ID is too. */
  idempotencyKey?: string;
  appUrl?: string;
}): Promise<void> {
  const link = message.link && appUrl ? `\n\n${new URL(message.link, appUrl).toString()}` : "";
  await mailTransport(smtpUrl).sendMail({
    from,
    to,
    subject: message.title,
    text: `${message.body}${link}`,
    // why: a stable Message-ID lets mail servers and clients drop a duplicate if a retry ever resends it.
    messageId: reminderMessageId(idempotencyKey, from),
  });
}

export async function postWebhook({
  url,
  message,
  idempotencyKey,
  timeoutMs = 10_000,
}: {
  url: string;
  message: RenderedReminder;
  /** The reminder's dedupe key; group robots ignore it, a receiver of its own can drop repeats by it. */
  idempotencyKey?: string;
  timeoutMs?: number;
}): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      // Header values must be printable ASCII; the outbox's keys are, but a hash keeps any other key usable too.
      ...(idempotencyKey
        ? {
            "Idempotency-Key": /^[\x21-\x7e]+$/.test(idempotencyKey)
              ? idempotencyKey
              : createHash("sha256").update(idempotencyKey).digest("hex"),
          }
        : {}),
    },
    body: JSON.stringify({ msgtype: "text", text: { content: `${message.title}\n${message.body}` } }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new ChannelError(`webhook answered ${response.status}: ${text.slice(0, 200)}`);
  // Both robots answer 200 with an errcode; anything but 0 is a refusal (bad key, rate limit, blocked word).
  try {
    const body = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (typeof body.errcode === "number" && body.errcode !== 0)
      throw new ChannelError(`webhook refused: ${body.errcode} ${body.errmsg ?? ""}`.trim());
  } catch (error) {
    if (error instanceof ChannelError) throw error;
  }
}
