// The processes the load benchmark drives: the built app (scripts/start.ts, production mode) and nginx from Debian as a
// foreground process with a generated configuration in a temp directory (never the system service).
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, spawnApp, stopProcess, untilAnswers } from "../../drills/support/processes";

const root = path.resolve(import.meta.dirname, "../../..");

export function buildApp() {
  const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The app did not build");
}

export type AppProcess = {
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

export async function startApp(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-load-app-"));
  // why: one process (spawnApp): killing it is the fault this benchmark injects, and must stop the real server.
  const { child, output } = spawnApp({
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    // why: every simulated user comes from 127.0.0.1; the per-address limits would throttle them as one client.
    RATE_LIMIT_SIGN_IN: "1000000",
    RATE_LIMIT_EXPENSIVE: "1000000",
  });
  const stop = async () => {
    await stopProcess(child, 10_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await untilAnswers(`http://127.0.0.1:${port}/healthz`, child, output, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, child, output, stop };
}

export type Nginx = { port: number; stop: () => Promise<void>; errorLog: () => string };

function nginxBinary(): string {
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx"])
    if (fs.existsSync(candidate)) return candidate;
  throw new Error("nginx is not installed: apt-get install -y nginx");
}

/** nginx in front of the app processes: round robin, keep-alive upstream connections, failed nodes taken out. */
export async function startNginx(upstreamPorts: number[]): Promise<Nginx> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-load-nginx-"));
  // why: nginx's worker runs as an unprivileged user when started by root; it writes its temp files here.
  fs.chmodSync(dir, 0o777);
  const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 64m;
  upstream app {
    ${upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=3 fail_timeout=5s;`).join("\n    ")}
    keepalive 128;
    # why: below Node's 5 s keep-alive timeout, so nginx never reuses a connection the app is closing (that error
    # would count against a healthy node and, with one node already dead, leave no live upstream at all).
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A node that is down: GETs move on to the next node; POSTs are never replayed (nginx's default), so a write
      # is acknowledged only by the node that did it.
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  const test = spawnSync(
    nginxBinary(),
    ["-t", "-p", dir, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")],
    {
      encoding: "utf8",
    },
  );
  if (test.status !== 0) throw new Error(`nginx refused the configuration:\n${test.stderr}`);
  const child = spawn(
    nginxBinary(),
    ["-p", dir, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let output = "";
  child.stderr?.on("data", (d) => (output += d));
  const stop = async () => {
    await stopProcess(child, 5_000, "SIGQUIT");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilAnswers(`http://127.0.0.1:${port}/healthz`, child, () => output, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    stop,
    errorLog: () => {
      try {
        return fs.readFileSync(path.join(dir, "error.log"), "utf8");
      } catch {
        return "";
      }
    },
  };
}

export function cpuSeconds(pid: number): number {
  // utime + stime from /proc, in seconds (clock ticks of 100 Hz on Linux).
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function statFields(pid: string | number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return [
      text.slice(0, text.indexOf(" ")),
      text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")),
      ...text.slice(text.lastIndexOf(") ") + 2).split(" "),
    ];
  } catch {
    return null;
  }
}

/**
 * PostgreSQL's CPU seconds on this machine: `all`, every server process's own time plus what each postmaster has
 * reaped from processes that already exited (parallel workers, closed connections); `backends`, only the live
 * connections to `database` (the statements the app sent, without autovacuum, the WAL writer or other databases'
 * sessions). why: an app process's CPU says nothing of the statements' cost, and on two cores the database and the
 * app compete for the same time.
 */
export function postgresCpuSeconds(database?: string): { all: number; backends: number } {
  const processes = fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((pid) => ({ pid, stat: statFields(pid) }))
    .filter((p): p is { pid: string; stat: string[] } => p.stat !== null && p.stat[1] === "postgres");
  const pids = new Set(processes.map((p) => p.stat[0]));
  let all = 0;
  let backends = 0;
  for (const { pid, stat } of processes) {
    // fields after the name: state(2) ppid(3) … utime(13) stime(14) cutime(15) cstime(16)
    const own = Number(stat[13]) + Number(stat[14]);
    all += own;
    if (!pids.has(stat[3])) all += Number(stat[15]) + Number(stat[16]);
    if (database && backendOf(pid) === database) backends += own;
  }
  return { all: all / 100, backends: backends / 100 };
}

/** The database a client backend serves, from its title ("postgres: 15/main: <user> <database> <client> …"). */
function backendOf(pid: string): string | null {
  try {
    const title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    return /^postgres: [^:]+: (\S+) (\S+) /.exec(title)?.[2] ?? null;
  } catch {
    return null;
  }
}

export function machineSummary(): string {
  const cpus = os.cpus();
  let pg = "";
  try {
    pg = execFileSync("psql", ["--version"], { encoding: "utf8" }).trim();
  } catch {}
  return `${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${pg ? `, ${pg}` : ""}`;
}
