// For email tests: a real SMTP server (smtp-server) on a free local port that keeps what it receives, and a small
// reader for the plain-text messages the reminder channel sends (encoded-word headers, base64 or quoted-printable body).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

type ReceivedMail = {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  subject: string;
  text: string;
};

export type LocalSmtp = {
  url: string;
  received: ReceivedMail[];
  /** Addresses the server refuses at RCPT TO, with a permanent error. */
  refuse: Set<string>;
  close: () => Promise<void>;
};

export async function localSmtpServer(): Promise<LocalSmtp> {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase()))
        return callback(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = parseMail(raw);
        received.push({
          ...mail,
          raw,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function quotedPrintableBytes(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(text.charCodeAt(i));
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words; adjacent words are joined before decoding, as a character may span two. */
function decodeWords(value: string): string {
  return value.replace(/(=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi))
      bytes.push(
        m[1].toLowerCase() === "b"
          ? Buffer.from(m[2], "base64")
          : quotedPrintableBytes(m[2].replace(/_/g, " ")),
      );
    return Buffer.concat(bytes).toString("utf8");
  });
}

function parseMail(raw: string): Pick<ReceivedMail, "headers" | "subject" | "text"> {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? quotedPrintableBytes(body.replace(/=\r?\n/g, "")).toString("utf8")
        : body;
  return { headers, subject: decodeWords(headers.get("subject") ?? ""), text };
}
