// A group robot's address at rest and on the wire: sealed with a key derived from DATA_KEY (the ID numbers' helper,
// app/utils/crypto.server.ts), shown only as a hint, and for DingTalk's "加签" robots signed per request
// (timestamp + HMAC-SHA256 of "timestamp\nsecret" with the secret, base64, URL-encoded, as DingTalk documents it).
import { createHmac } from "node:crypto";
import type { RobotKind } from "#db/schema";
import { openText, sealText } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";

export type SealedRobot = { kind: RobotKind; urlSealed: string; secretSealed: string | null };

export const sealRobotText = (plain: string) => sealText("robot-encryption", plain);
const openRobotText = (sealed: string) => openText("robot-encryption", sealed);

/** DingTalk's `sign` parameter for a timestamp (ms), URL-encoded as it goes into the query string. */
export function dingTalkSign(secret: string, timestampMs: number): string {
  const digest = createHmac("sha256", secret).update(`${timestampMs}\n${secret}`, "utf8").digest("base64");
  return encodeURIComponent(digest);
}

/** The address to post to: the robot's own, plus DingTalk's timestamp and signature when it has a secret. */
export function robotPostUrl(
  robot: { kind: RobotKind; url: string; secret: string | null },
  now: Date = new Date(),
): string {
  if (robot.kind !== "dingtalk" || !robot.secret) return robot.url;
  const timestamp = now.getTime();
  const separator = robot.url.includes("?") ? "&" : "?";
  return `${robot.url}${separator}timestamp=${timestamp}&sign=${dingTalkSign(robot.secret, timestamp)}`;
}

/** A sealed robot's address, ready to post to (signed when it has a secret). */
export function openRobotUrl(robot: SealedRobot, now: Date = new Date()): string {
  return robotPostUrl(
    {
      kind: robot.kind,
      url: openRobotText(robot.urlSealed),
      secret: robot.secretSealed ? openRobotText(robot.secretSealed) : null,
    },
    now,
  );
}

/** "oapi.dingtalk.com …3f9a": enough to recognise a robot, not enough to post to it. */
export function robotUrlHint(url: string): string {
  const parsed = new URL(url);
  const key = parsed.searchParams.get("key") ?? parsed.searchParams.get("access_token") ?? parsed.pathname;
  return `${parsed.host} …${key.slice(-4)}`;
}

/** Whether the server may post to this address: http(s), and a host the operator allowed (ROBOT_HOSTS). */
export function robotHostAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  if (parsed.username || parsed.password) return false;
  return env().ROBOT_HOSTS.includes(parsed.hostname.toLowerCase());
}
