// External channels: email through SMTP (nodemailer) and WeCom / DingTalk group robots (both accept the same
// `{"msgtype":"text","text":{"content":…}}` body). The in-app channel is a database write (deliver.server.ts).
import nodemailer, { type Transporter } from "nodemailer";
import type { RenderedReminder } from "./messages.server";

export class ChannelError extends Error {}

let transporter: { url: string; transport: Transporter } | undefined;

function mailTransport(url: string): Transporter {
  if (transporter?.url !== url) transporter = { url, transport: nodemailer.createTransport(url) };
  return transporter.transport;
}

export async function sendEmail({
  smtpUrl,
  from,
  to,
  message,
  reminderId,
  appUrl,
}: {
  smtpUrl: string;
  from: string;
  to: string;
  message: RenderedReminder;
  reminderId: number;
  appUrl?: string;
}): Promise<void> {
  const link = message.link && appUrl ? `\n\n${new URL(message.link, appUrl).toString()}` : "";
  await mailTransport(smtpUrl).sendMail({
    from,
    to,
    subject: message.title,
    text: `${message.body}${link}`,
    // why: a stable Message-ID lets mail servers and clients drop a duplicate if a retry ever resends it.
    messageId: `<reminder-${reminderId}@station-network.local>`,
  });
}

export async function postWebhook({
  url,
  message,
  timeoutMs = 10_000,
}: {
  url: string;
  message: RenderedReminder;
  timeoutMs?: number;
}): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
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
