// A Redis Sentinel group for the drills on loopback ports: one master, one replica and three Sentinels (quorum 2),
// from Debian's redis-server and redis-sentinel, in a temporary directory; never the machine's Redis on 6379.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { waitFor } from "./postgres";
import { type Cleanup, freePort } from "./processes";

export const MASTER_NAME = "mymaster";

function onPath(binary: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${binary}`]).status === 0;
}

/**
 * redis-sentinel comes in Debian's package of that name (the README's set-up installs it). Installed here when missing
 * and the drill runs as root with apt-get, as .ci/run installs Chromium; otherwise the drill stops and says how.
 */
export function ensureRedisSentinel(log: (line: string) => void) {
  if (!onPath("redis-server")) throw new Error("redis-server is missing: apt-get install -y redis-server");
  if (onPath("redis-sentinel")) return;
  if (process.getuid?.() !== 0 || !onPath("apt-get"))
    throw new Error(
      "redis-sentinel is missing: install Debian's package with `sudo apt-get install -y redis-sentinel`",
    );
  log("redis-sentinel is missing: apt-get install -y redis-sentinel");
  const install = () => spawnSync("apt-get", ["install", "-y", "redis-sentinel"], { encoding: "utf8" });
  let result = install();
  if (result.status !== 0) {
    spawnSync("apt-get", ["update"], { encoding: "utf8" });
    result = install();
  }
  if (result.status !== 0 || !onPath("redis-sentinel"))
    throw new Error(`could not install redis-sentinel:\n${result.stdout}${result.stderr}`);
}

export type RedisNode = {
  port: number;
  /** Starts (again) with the same configuration file. */
  start: () => Promise<void>;
  kill: (signal?: NodeJS.Signals) => void;
  client: () => Redis;
};

function quietClient(port: number): Redis {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  client.on("error", () => {});
  return client;
}

async function answers(port: number): Promise<boolean> {
  const client = quietClient(port);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function redisProcess(cleanup: Cleanup, binary: string, config: string, port: number): RedisNode {
  let child: ChildProcess | null = null;
  const node: RedisNode = {
    port,
    start: async () => {
      child = spawn(binary, [config], { stdio: "ignore" });
      await waitFor(() => answers(port), `${binary} on ${port}`, 10_000, 50);
    },
    kill: (signal = "SIGKILL") => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    client: () => {
      const client = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 1 });
      client.on("error", () => {});
      return client;
    },
  };
  cleanup.add(() => node.kill("SIGKILL"));
  return node;
}

export type SentinelGroup = {
  master: RedisNode;
  replica: RedisNode;
  sentinels: RedisNode[];
  /** REDIS_URL for the app and the workers. */
  url: string;
  /** The master the Sentinels name now. */
  currentMaster: () => Promise<number | null>;
};

/** Master and replica without persistence (the outbox in PostgreSQL is what survives), Sentinels that decide in ~1 s. */
export async function startSentinelGroup(cleanup: Cleanup): Promise<SentinelGroup> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-drill-redis-"));
  cleanup.add(() => fs.rmSync(dir, { recursive: true, force: true }));
  const [masterPort, replicaPort, ...sentinelPorts] = await Promise.all(
    [1, 2, 3, 4, 5].map(() => freePort()),
  );
  const dataNode = (name: string, port: number, extra: string[] = []) => {
    const file = path.join(dir, `${name}.conf`);
    fs.writeFileSync(
      file,
      [
        `port ${port}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `dbfilename ${name}.rdb`,
        'save ""',
        "appendonly no",
        "repl-diskless-sync yes",
        "repl-diskless-sync-delay 0",
        ...extra,
        "",
      ].join("\n"),
    );
    return redisProcess(cleanup, "redis-server", file, port);
  };
  const master = dataNode("master", masterPort);
  const replica = dataNode("replica", replicaPort, [`replicaof 127.0.0.1 ${masterPort}`]);
  await master.start();
  await replica.start();
  await waitFor(
    async () => {
      const client = master.client();
      const info = await client.info("replication").finally(() => client.disconnect());
      return /connected_slaves:1/.test(info) && /slave0:[^\n]*state=online/.test(info);
    },
    "the replica to sync",
    20_000,
  );
  const sentinels = sentinelPorts.map((port, i) => {
    const file = path.join(dir, `sentinel${i + 1}.conf`);
    fs.writeFileSync(
      file,
      [
        `port ${port}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${masterPort} 2`,
        `sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
        `sentinel failover-timeout ${MASTER_NAME} 10000`,
        `sentinel parallel-syncs ${MASTER_NAME} 1`,
        "",
      ].join("\n"),
    );
    return redisProcess(cleanup, "redis-sentinel", file, port);
  });
  for (const s of sentinels) await s.start();
  // Each Sentinel must know the replica and the two other Sentinels before it can vote for a failover.
  await waitFor(
    async () => {
      for (const s of sentinels) {
        const client = s.client();
        try {
          const replicas = (await client.call("SENTINEL", "REPLICAS", MASTER_NAME)) as unknown[];
          const peers = (await client.call("SENTINEL", "SENTINELS", MASTER_NAME)) as unknown[];
          if (replicas.length < 1 || peers.length < 2) return false;
        } finally {
          client.disconnect();
        }
      }
      return true;
    },
    "the Sentinels to know the replica and each other",
    30_000,
    250,
  );
  const currentMaster = async () => {
    const client = sentinels[0].client();
    try {
      const addr = (await client.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)) as string[] | null;
      return addr ? Number(addr[1]) : null;
    } finally {
      client.disconnect();
    }
  };
  return {
    master,
    replica,
    sentinels,
    url: `redis+sentinel://${sentinelPorts.map((p) => `127.0.0.1:${p}`).join(",")}/${MASTER_NAME}`,
    currentMaster,
  };
}
