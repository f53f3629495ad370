// For fault tests: a redis-server of the test's own on a free port (never the shared one), and worker processes
// (`node --import tsx workers/index.ts`) that the test can SIGTERM or SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { Redis } from "ioredis";
import { freePort } from "../../scripts/drills/support/processes";

const root = path.resolve(import.meta.dirname, "../..");

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type OwnRedis = {
  port: number;
  url: string;
  start: () => Promise<void>;
  /** Stops the server; without persistence its data is gone, like a crashed cache. */
  stop: () => Promise<void>;
  flushAll: () => Promise<void>;
};

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const answers = async () => {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  };
  const self: OwnRedis = {
    port,
    url,
    start: async () => {
      child = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        {
          stdio: "ignore",
        },
      );
      await until(answers, 10_000, "redis-server to start");
    },
    stop: async () => {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await exited;
    },
    flushAll: async () => {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
  };
  await self.start();
  return self;
}

export type WorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  let output = "";
  // why: node with the tsx loader, not the tsx CLI, which SIGKILLs a child slow to acknowledge SIGTERM.
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Removes a test's BullMQ keys from a shared Redis (tests there use a prefix of their own). */
export async function removeKeysWithPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
