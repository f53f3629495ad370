// A group robot on a real socket for tests: records what it is sent and answers as WeCom and DingTalk do, so the
// app's own post (address, signature, body) is what a test checks. Loopback only: the test sets ROBOT_HOSTS.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type RobotPost = { path: string; query: URLSearchParams; body: string };

export type LocalRobot = {
  port: number;
  /** Every post, oldest first, as it arrived. */
  received: RobotPost[];
  /** The robot's address in WeCom's form, `…/cgi-bin/webhook/send?key=<key>`. */
  webhookUrl: (key: string) => string;
  close: () => Promise<void>;
};

/** `answer` is the JSON the robot replies with (WeCom's "ok" unless a test wants a refusal). */
export async function localRobot({
  answer = () => ({ errcode: 0, errmsg: "ok" }),
}: {
  answer?: () => object;
} = {}): Promise<LocalRobot> {
  const received: RobotPost[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      received.push({ path: url.pathname, query: url.searchParams, body });
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(answer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    webhookUrl: (key) => `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${key}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
