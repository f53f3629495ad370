// The HTTP server: security headers, CSRF origin check, static assets, the Remix handler, graceful shutdown.
// Runs the built app in production (`npm start`) and Vite's middleware in development (`npm run dev`).
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import { createLoadContext, runWithLoadContext } from "~/load-context";
import { closeDatabase, pinToPrimaryCookie, readsFromFor } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { tileOrigins } from "~/utils/map-tiles";
import { tileConfig } from "~/utils/map-tiles.server";
import { loadShedder } from "~/utils/overload.server";

type StartOptions = { port?: number; host?: string; onShutdown?: () => Promise<void> };

function securityHeaders(production: boolean) {
  const tileOrigin = tileOrigins(tileConfig()).join(" ");
  return (req: Request, res: Response, next: NextFunction) => {
    // The request's load context: its id, CSP nonce and (on GET/HEAD) the session look-up its loaders share.
    const context = createLoadContext(req.method, readsFromFor(req.method, req.headers.cookie));
    res.locals.loadContext = context;
    // Read-your-writes: after a post this browser reads from the primary for a few seconds (none without replicas).
    const pin = pinToPrimaryCookie(req.method);
    if (pin) res.append("Set-Cookie", pin);
    const nonce = context.cspNonce;
    // why: the app reads the client address only from this header, set here from Express's trust-proxy
    // aware req.ip, so a client cannot spoof it with its own X-Forwarded-For.
    req.headers["x-client-ip"] = req.ip ?? "";
    res.setHeader("X-Request-Id", context.requestId);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(self), geolocation=(self), microphone=()");
    if (production) {
      res.setHeader(
        "Content-Security-Policy",
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          // why: Leaflet positions tiles and markers with inline style attributes.
          "style-src 'self' 'unsafe-inline'",
          `img-src 'self' data: blob: ${tileOrigin}`.trim(),
          "connect-src 'self'",
          "font-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
        ].join("; "),
      );
      if (env().INSECURE_COOKIES !== "1") {
        res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      }
    }
    next();
  };
}

/**
 * Forwarded host and protocol headers count only from a trusted proxy (TRUST_PROXY); from anyone else they are
 * removed before anything reads them (the origin check, Remix's request URL, links in calendar feeds).
 */
export function dropUntrustedForwarding(req: Request, _res: Response, next: NextFunction) {
  const trusted = req.app.get("trust proxy fn") as (addr: string | undefined, i: number) => boolean;
  if (!trusted(req.socket.remoteAddress, 0)) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
  }
  next();
}

/** The host browsers reach the app at: APP_URL's when configured, else what the (trusted) request says. */
function publicHost(req: Request): string | undefined {
  const appUrl = env().APP_URL;
  if (appUrl) return new URL(appUrl).host;
  return req.get("x-forwarded-host") ?? req.get("host");
}

/**
 * CSRF defence for every state-changing request: browsers send Origin (and Sec-Fetch-Site) on POSTs;
 * a cross-site one is refused before any route runs. Requests without either (scripts, curl) pass,
 * since they carry no ambient browser cookies.
 */
export function rejectCrossSite(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const site = req.get("sec-fetch-site");
  const origin = req.get("origin");
  const host = publicHost(req);
  let crossOrigin = false;
  if (origin && origin !== "null") {
    try {
      crossOrigin = new URL(origin).host !== host;
    } catch {
      crossOrigin = true;
    }
  } else if (origin === "null") {
    crossOrigin = true;
  }
  if (site === "cross-site" || crossOrigin) {
    res.status(403).type("text/plain").send("Cross-site request refused");
    return;
  }
  next();
}

/** Routes that take files; they read their bodies as a stream with their own, larger limits (app/utils/upload.server.ts). */
const UPLOAD_ROUTES = new Set([
  "/activities/new",
  "/people/import",
  "/regions/import",
  "/api/import/regions",
]);
/** Every other form post is a few fields: 2 MB is far above any real one and far below what would hurt memory. */
export const FORM_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * The path as the router matches it — percent-escapes decoded, any letter case, without the single-fetch `.data`
 * suffix — so that `/People/%45xport.data` meets the same limits as `/people/export`.
 */
export function routePath(req: Request): string {
  let path = req.path;
  try {
    path = decodeURIComponent(path);
  } catch {}
  return path
    .toLowerCase()
    .replace(/\.data$/, "")
    .replace(/\/{2,}/g, "/");
}

/**
 * Caps the body of every non-upload post before Remix reads it whole: a declared length above the cap is answered
 * 413, and a body without a declared length (chunked) 411 — browsers always declare it for forms.
 */
export function limitFormBodies(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  // why: resumable uploads (tus) send raw bytes; the upload route checks each against the photo limit itself.
  if (isUploadPath(req)) return next();
  // why: with single fetch, a form submitted by JavaScript posts to the route's `.data` URL.
  if (UPLOAD_ROUTES.has(routePath(req))) {
    // why: an upload refused part-way leaves the rest of its body unread on the socket; a client reusing that
    // connection would wait for an answer that never comes. Uploads are rare, so each gets a connection of its own.
    res.set("Connection", "close");
    return next();
  }
  const declared = req.get("content-length");
  if (declared === undefined && req.get("transfer-encoding")) {
    refuseBody(req, res, 411, "请求须声明长度 / Length required");
    return;
  }
  if (Number(declared ?? 0) > FORM_BODY_LIMIT_BYTES) {
    refuseBody(req, res, 413, "请求内容过大 / Request body too large");
    return;
  }
  // Every action reads a form; a JSON, text or empty body without a form type is not one (Remix would answer 500).
  if (!req.is(["application/x-www-form-urlencoded", "multipart/form-data"])) {
    res.status(415).type("text/plain").send("请以表单提交 / Send a form (application/x-www-form-urlencoded)");
    return;
  }
  next();
}

/** Bodies larger than this are not read to the end before refusing: the socket is closed on them. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Answers a refused body only once the client has sent it: a browser still writing when the server closes the
 * socket sees a reset (EPIPE) instead of the answer. What arrives is discarded; past DRAIN_LIMIT_BYTES the socket is
 * cut without reading further.
 */
function refuseBody(req: Request, res: Response, status: number, text: string) {
  const answer = () => {
    if (!res.headersSent) res.status(status).set("Connection", "close").type("text/plain").send(text);
  };
  let received = 0;
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > DRAIN_LIMIT_BYTES) {
      answer();
      req.socket.destroy();
    }
  });
  req.on("end", answer);
  req.on("error", () => req.socket.destroy());
  req.resume();
}

/** The resumable upload endpoint (tus: POST creates, HEAD reads the offset, PATCH appends, DELETE discards). */
function isUploadPath(req: Request): boolean {
  const path = routePath(req);
  return path === "/uploads" || path.startsWith("/uploads/");
}

/** Methods the app answers; OPTIONS gets the list (no CORS: the app is same-origin only), anything else 405. */
export function onlyKnownMethods(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "POST") return next();
  if ((req.method === "PATCH" || req.method === "DELETE") && isUploadPath(req)) return next();
  res.set("Allow", "GET, HEAD, POST");
  if (req.method === "OPTIONS") res.status(204).end();
  else res.status(405).type("text/plain").send("Method not allowed");
}

/**
 * Pages and data are about people and money and change with every write: no browser or proxy may keep them, unless
 * a route says otherwise (static assets are served before this and keep their long cache).
 */
export function noStoreByDefault(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("Cache-Control", "no-store");
  next();
}

/**
 * A NUL in the URL (`%00`, in the path or the query) has no legitimate use and PostgreSQL text cannot hold it:
 * refuse it here, before any route reads a parameter into a query.
 */
export function rejectNulInUrl(req: Request, res: Response, next: NextFunction) {
  if (req.originalUrl.includes("%00")) {
    res.status(400).type("text/plain").send("Bad request: the address contains a NUL character");
    return;
  }
  next();
}

/**
 * Per-address limits, in memory per process (see docs/scaling.md for the shared store beyond one node):
 * sign-in posts on top of the account lock-out, and the expensive exports and map/coverage APIs.
 */
function rateLimits() {
  const signIn = rateLimit({
    windowMs: 60_000,
    limit: env().RATE_LIMIT_SIGN_IN,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    message: "Too many sign-in attempts from this address; wait a minute.",
  });
  const expensive = rateLimit({
    windowMs: 60_000,
    limit: env().RATE_LIMIT_EXPENSIVE,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    message: "Too many requests for exports or map data; wait a minute.",
  });
  // Exports, map data and the pages that aggregate a whole region (coverage, reports) cost the most per request.
  const isExpensive = (path: string) =>
    path.startsWith("/api/") ||
    /\.(csv|xlsx|geojson|ics)$/.test(path) ||
    /\/export\b/.test(path) ||
    /^\/(coverage|reports)(\/|$)/.test(path);
  return (req: Request, res: Response, next: NextFunction) => {
    const path = routePath(req);
    if (req.method === "POST" && (path === "/login" || path === "/login/verify"))
      return signIn(req, res, next);
    if (isExpensive(path)) return expensive(req, res, next);
    next();
  };
}

/**
 * A hashed asset's copy compressed at build time (Brotli 11 or gzip 9, scripts/build/precompress.ts), when the browser
 * accepts it: a fifth fewer bytes than on-the-fly level-1 gzip, which matters on a 50 KiB/s village link (issue 13).
 */
function precompressedAssets(dir: string) {
  const files = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    if (!/^[\w.-]+$/.test(name)) return next();
    const accepted = req.get("accept-encoding") ?? "";
    for (const [encoding, suffix] of [
      ["br", ".br"],
      ["gzip", ".gz"],
    ] as const) {
      if (!accepted.includes(encoding) || !files.has(name + suffix)) continue;
      res.setHeader("Content-Encoding", encoding);
      res.setHeader("Vary", "Accept-Encoding");
      res.type(path.extname(name));
      return res.sendFile(path.join(dir, name + suffix), {
        immutable: true,
        maxAge: "1y",
        etag: false,
        lastModified: false,
      });
    }
    next();
  };
}

/**
 * The client build's hashed scripts and styles (precompressed copies first), cached for a year, with only the header
 * that acts on them: the document's policies (CSP, framing, referrer, permissions) govern the page that loads these
 * files, not the files, and on a field page's 30-odd requests they were ~0.6 KiB each on a 50 KiB/s link (issue 13).
 * No ETag or Last-Modified either: an immutable file is never revalidated.
 */
function serveHashedAssets(app: express.Express) {
  const dir = path.resolve("build/client/assets");
  app.use("/assets", (_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    next();
  });
  app.use("/assets", precompressedAssets(dir));
  app.use(
    "/assets",
    express.static(dir, { immutable: true, maxAge: "1y", etag: false, lastModified: false }),
  );
}

/** The rest of the client build (service worker, web manifest, icons) for an hour, with the security headers. */
function serveBuiltFiles(app: express.Express) {
  // why: express.static looks every request up on disk (a stat per page, ~5 % of the app's CPU under the load
  // benchmark's mix); the build does not change while the server runs, so its few files outside /assets are listed
  // once and only those paths reach it.
  const clientDir = path.resolve("build/client");
  const rootFiles = new Set(filesUnder(clientDir).filter((p) => !p.startsWith("/assets/")));
  const serveRoot = express.static(clientDir, { maxAge: "1h" });
  app.use((req, res, next) => (rootFiles.has(req.path) ? serveRoot(req, res, next) : next()));
}

/** The files under `dir` as URL paths ("/sw.js", "/icons/icon-192.png"). */
function filesUnder(dir: string, prefix = ""): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesUnder(path.join(dir, entry.name), `${prefix}/${entry.name}`)
        : [`${prefix}/${entry.name}`],
    );
}

export async function createApp({ mode }: { mode: "production" | "development" }) {
  const app = express();
  app.disable("x-powered-by");
  // Which proxies may set X-Forwarded-For (Express syntax: "loopback", a CIDR list, or a hop count).
  app.set("trust proxy", env().TRUST_PROXY);
  // why: level 1 (zlib's fast path) costs a third of the default level's CPU for pages ~15% larger; under load the
  // CPU is what runs out (docs/performance.md).
  app.use(compression({ level: 1 }));
  if (mode === "production") serveHashedAssets(app);
  app.use(securityHeaders(mode === "production"));
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  if (mode === "production") serveBuiltFiles(app);
  // why: after the built files: a script or stylesheet is a file read, and refusing one to a page that is already
  // loading breaks it (a client navigation whose route chunk got 503 ends on the error page) instead of relieving load.
  const { OVERLOAD_MAX_IN_FLIGHT, OVERLOAD_MAX_LOOP_DELAY_MS, OVERLOAD_RETRY_AFTER_S } = env();
  app.use(
    loadShedder({
      maxInFlight: OVERLOAD_MAX_IN_FLIGHT,
      maxEventLoopDelayMs: OVERLOAD_MAX_LOOP_DELAY_MS,
      retryAfterSeconds: OVERLOAD_RETRY_AFTER_S,
    }),
  );
  app.use(rejectNulInUrl);
  app.use(onlyKnownMethods);
  app.use(dropUntrustedForwarding);
  app.use(rejectCrossSite);
  app.use(limitFormBodies);
  app.use(rateLimits());

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (mode === "development") {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = path.resolve("build");
    build = (await import(/* @vite-ignore */ path.join(buildDir, "server/index.js"))) as ServerBuild;
  }

  const handleRemix = createRequestHandler({
    build,
    mode,
    getLoadContext: (_req, res) => res.locals.loadContext as AppLoadContext,
  });
  app.use(noStoreByDefault);
  app.all("*", (req, res, next) =>
    runWithLoadContext(res.locals.loadContext as AppLoadContext, () => handleRemix(req, res, next)),
  );
  return app;
}

export async function startServer(
  options: StartOptions & { mode: "production" | "development" },
): Promise<Server> {
  const app = await createApp({ mode: options.mode });
  const port = options.port ?? env().PORT;
  const host = options.host ?? "0.0.0.0";
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, host, () => resolve(s));
  });
  logger.info({ port, host, mode: options.mode }, "listening");

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    const forceExit = setTimeout(() => process.exit(1), 15_000);
    forceExit.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections?.();
    await options.onShutdown?.().catch((err) => logger.error({ err }, "shutdown hook failed"));
    await closeDatabase();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return server;
}
