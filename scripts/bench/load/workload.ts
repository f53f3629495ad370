// The simulated users: real sign-ins (password, and a TOTP code for planners), then one autocannon connection per
// user cycling through that user's script of pages, searches, map data and form posts, each with the user's cookie.
// Every response is recorded with its kind; every acknowledged write (a redirect after a post) is kept for checking.
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import type { Sample } from "./stats";

export type Step = {
  kind: string;
  method: "GET" | "POST";
  path: string;
  form?: Record<string, string>;
  /** A write whose acknowledgement is checked against the database afterwards. */
  write?: "expenditure" | "visit outcome";
};

export type SimUser = {
  email: string;
  role: string;
  cookie: string;
  /** Called with the user's step counter; returns the next request. */
  next: (n: number) => Step;
};

export type Write = {
  kind: NonNullable<Step["write"]>;
  key: string;
  path: string;
  status: number;
  location: string;
  at: number;
};

/** Signs in through the real form (and the second-factor form when asked) and returns the Cookie header. */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  totp: () => Promise<string>,
): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        jar.delete(pair.slice(0, eq).trim());
      else jar.set(pair.slice(0, eq).trim(), value);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(new URL(path, baseUrl), {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { cookie: cookie() },
      redirect: "manual",
    });
    remember(res);
    return res;
  };
  let res = await post("/login", { email, password });
  if (res.status !== 302) throw new Error(`Sign-in of ${email} answered ${res.status}`);
  if (res.headers.get("location")?.startsWith("/login/verify")) {
    res = await post("/login/verify", { code: await totp() });
    if (res.status !== 302 || res.headers.get("location")?.startsWith("/login"))
      throw new Error(`Second factor of ${email} answered ${res.status} → ${res.headers.get("location")}`);
  }
  return cookie();
}

export type LoadResult = {
  samples: Sample[];
  writes: Write[];
  connectionErrors: number;
  timeouts: number;
  startedAt: number;
  endedAt: number;
  /** The first few unexpected answers, with the start of their body. */
  unexpected: string[];
};

const expected = (step: Step, status: number, location: string) =>
  step.method === "GET"
    ? status === 200
    : (status === 302 || status === 303) && !location.startsWith("/login");

/**
 * Drives `users` (one connection each) against `baseUrl` for `seconds`; `onTick` runs every second with the elapsed
 * seconds (the kill of an app process hangs off it).
 */
export async function runLoad({
  baseUrl,
  users,
  seconds,
  rate = 0,
  onTick,
}: {
  baseUrl: string;
  users: SimUser[];
  /** Requests per second for all users together (0: each user sends its next request as soon as it is answered). */
  rate?: number;
  seconds: number;
  onTick?: (elapsed: number) => void;
}): Promise<LoadResult> {
  const samples: Sample[] = [];
  const writes: Write[] = [];
  let nextUser = 0;
  const stepOfUser = users.map(() => 0);
  type Context = { u?: number; n?: number; step?: Step; key?: string; location?: string; body?: string };
  const unexpected: string[] = [];
  const request = {
    setupRequest: (req: Record<string, unknown>, context: Context) => {
      let n: number;
      if (rate > 0) {
        // why: with a rate, autocannon hands the budget to whichever connections are ready first; taking the users in
        // turn (each with its own place in its script) keeps the mix of pages the same as in the closed loop.
        context.u = nextUser++ % users.length;
        n = stepOfUser[context.u]++;
      } else {
        if (context.u === undefined) context.u = nextUser++ % users.length;
        n = context.n = (context.n ?? -1) + 1;
      }
      const user = users[context.u];
      const step = user.next(n);
      context.step = step;
      const headers: Record<string, string> = { cookie: user.cookie, "accept-encoding": "gzip" };
      let body: string | undefined;
      if (step.method === "POST") {
        context.key = randomUUID();
        body = new URLSearchParams({ ...step.form, _key: context.key }).toString();
        headers["content-type"] = "application/x-www-form-urlencoded";
      }
      return { ...req, method: step.method, path: step.path, headers, body };
    },
    onResponse: (
      status: number,
      _body: string,
      context: Context,
      headers: Record<string, string | string[]>,
    ) => {
      const step = context.step;
      const location = String(headers.location ?? headers.Location ?? "");
      context.location = location;
      context.body =
        status >= 200 && status < 400 && step?.method === "GET"
          ? ""
          : String(_body ?? "")
              .replace(/\s+/g, " ")
              .slice(0, 200);
      if (!step?.write || !context.key) return;
      writes.push({ kind: step.write, key: context.key, path: step.path, status, location, at: Date.now() });
    },
  };
  const instance = autocannon({
    url: baseUrl,
    connections: users.length,
    duration: seconds,
    timeout: 30,
    ...(rate > 0 ? { overallRate: rate } : {}),
    // why: a long script array keeps each connection's context (its user) for the whole run; autocannon resets the
    // context only when it wraps around the array.
    requests: Array.from({ length: 100_000 }, () => request) as never,
  }) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  let connectionErrors = 0;
  let timeouts = 0;
  // biome-ignore lint/suspicious/noExplicitAny: autocannon's client object is not typed.
  instance.on("response", (client: any, status: number, _bytes: number, ms: number) => {
    const context = client.requestIterator.context as Context;
    const step = context.step;
    if (!step) return;
    samples.push({
      kind: step.kind,
      at: Date.now(),
      ms,
      status,
      ok: expected(step, status, context.location ?? ""),
    });
  });
  instance.on("reqError", () => connectionErrors++);
  instance.on("timeout", () => timeouts++);
  const startedAt = Date.now();
  const ticker = setInterval(() => onTick?.(Math.round((Date.now() - startedAt) / 1000)), 1000);
  await instance;
  clearInterval(ticker);
  return { samples, writes, connectionErrors, timeouts, startedAt, endedAt: Date.now(), unexpected };
}

/**
 * A closed loop of users who behave as the app's pages do when it is busy: after a 503 they wait its Retry-After before
 * asking again. autocannon's closed loop re-sends at once, so past saturation it measured a storm of 503s (8,904 in
 * ten seconds beside 151 answered pages), not the app's throughput (issue 17).
 */
export async function runPatientLoop({
  baseUrl,
  users,
  seconds,
}: {
  baseUrl: string;
  users: SimUser[];
  seconds: number;
}): Promise<LoadResult> {
  const samples: Sample[] = [];
  const writes: Write[] = [];
  let connectionErrors = 0;
  let timeouts = 0;
  const startedAt = Date.now();
  const end = startedAt + seconds * 1000;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all(
    users.map(async (user) => {
      for (let n = 0; Date.now() < end; n++) {
        const step = user.next(n);
        const headers: Record<string, string> = { cookie: user.cookie, "accept-encoding": "gzip" };
        let body: string | undefined;
        let key: string | undefined;
        if (step.method === "POST") {
          key = randomUUID();
          body = new URLSearchParams({ ...step.form, _key: key }).toString();
          headers["content-type"] = "application/x-www-form-urlencoded";
        }
        const sent = performance.now();
        let res: Response;
        try {
          res = await fetch(new URL(step.path, baseUrl), {
            method: step.method,
            headers,
            body,
            redirect: "manual",
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
        } catch (error) {
          if ((error as Error).name === "TimeoutError") timeouts++;
          else connectionErrors++;
          await pause(100);
          continue;
        }
        const ms = performance.now() - sent;
        const location = res.headers.get("location") ?? "";
        samples.push({
          kind: step.kind,
          at: Date.now(),
          ms,
          status: res.status,
          ok: expected(step, res.status, location),
        });
        if (step.write && key)
          writes.push({
            kind: step.write,
            key,
            path: step.path,
            status: res.status,
            location,
            at: Date.now(),
          });
        if (res.status === 503) await pause(Math.max(1, Number(res.headers.get("retry-after")) || 1) * 1000);
      }
    }),
  );
  return { samples, writes, connectionErrors, timeouts, startedAt, endedAt: Date.now(), unexpected: [] };
}

/** The floor: the same tool, the same connections, a static route without a session. */
export async function runFloor(baseUrl: string, connections: number, seconds: number) {
  const result = await autocannon({ url: `${baseUrl}/healthz`, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Users who each ask only for `kind`, in the order their own scripts would (users without that kind are left out). */
export function onlyKind(users: SimUser[], kind: string): SimUser[] {
  return users.flatMap((u) => {
    const first = Array.from({ length: 64 }, (_, n) => n).find((n) => u.next(n).kind === kind);
    if (first === undefined) return [];
    let m = first;
    const nextOfKind = () => {
      for (let tries = 0; tries < 64; tries++) {
        const step = u.next(m++);
        if (step.kind === kind) return step;
      }
      return u.next(first);
    };
    return [{ ...u, next: () => nextOfKind() }];
  });
}

/** Every user asks for the floor page: a signed-in page that loads the session and renders the shell, nothing more. */
export function floorUsers(users: SimUser[]): SimUser[] {
  return users.map((u) => ({
    ...u,
    next: () => ({ kind: FLOOR_KIND, method: "GET", path: "/about" }),
  }));
}
export const FLOOR_KIND = "GET floor page (/about)";

/**
 * A request kind run in this process instead of over HTTP: a read-only function of the app's own modules, timed
 * like a request (for a comparison the app does not serve as a page, e.g. a query as it was before a change).
 */
export type InProcessKind = { kind: string; run: (n: number) => Promise<unknown> };

/**
 * Runs `kinds` in `loops` loops until `seconds` have passed, each loop taking every kind in turn (the order reversed
 * every other round, so that neither one always finds the cache the other warmed), then pausing `pauseMs`.
 */
export async function runInProcess({
  kinds,
  loops,
  seconds,
  pauseMs = 0,
}: {
  kinds: InProcessKind[];
  loops: number;
  seconds: number;
  pauseMs?: number;
}): Promise<Sample[]> {
  const samples: Sample[] = [];
  const until = Date.now() + seconds * 1000;
  let round = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (Date.now() < until) {
        const n = round++;
        const order = n % 2 === 0 ? kinds : [...kinds].reverse();
        for (const k of order) {
          const start = performance.now();
          let ok = true;
          try {
            await k.run(n);
          } catch {
            ok = false;
          }
          samples.push({
            kind: k.kind,
            at: Date.now(),
            ms: performance.now() - start,
            status: ok ? 200 : 0,
            ok,
          });
        }
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    }),
  );
  return samples;
}
