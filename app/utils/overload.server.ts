// Load shedding: when the process is past its capacity — too many requests in flight, or the event loop lagging —
// a new request is answered at once with 503 and Retry-After instead of queueing until connections time out. Sign-in,
// sign-out and static assets are always served, so people can still get in and pages still load their scripts.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { NextFunction, Request, Response } from "express";

export type OverloadLimits = { maxInFlight: number; maxEventLoopDelayMs: number; retryAfterSeconds: number };

const alwaysServed = /^\/(assets\/|login(\/verify)?(\.data)?$|logout(\.data)?$|favicon|manifest)/;

export function loadShedder(limits: OverloadLimits) {
  // why: the 99th percentile of the last half second's loop delay; one slow tick must not trip it, a backlog does.
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let loopDelayMs = 0;
  const sampler = setInterval(() => {
    loopDelayMs = histogram.count ? histogram.percentile(99) / 1e6 : 0;
    histogram.reset();
  }, 500);
  sampler.unref();
  let inFlight = 0;

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const overloaded = inFlight >= limits.maxInFlight || loopDelayMs > limits.maxEventLoopDelayMs;
    if (overloaded && !alwaysServed.test(req.path)) {
      res.status(503).set("Retry-After", String(limits.retryAfterSeconds));
      // why: a body is never read here; left on the socket, a client still sending it waits forever (CI saw an
      // upload hang 120 s), and a kept-alive connection would take its rest for the next request.
      if (req.get("content-length") !== undefined || req.get("transfer-encoding"))
        res.set("Connection", "close");
      const wantsPage =
        req.method === "GET" && !req.path.endsWith(".data") && req.accepts(["html", "text"]) === "html";
      if (wantsPage) res.type("html").send(busyPage(limits.retryAfterSeconds));
      else res.type("text/plain").send(`Busy: retry in ${limits.retryAfterSeconds} s`);
      return;
    }
    inFlight++;
    res.once("close", () => {
      inFlight--;
    });
    next();
  };
  return Object.assign(middleware, { stats: () => ({ inFlight, loopDelayMs }) });
}

/** A page that needs nothing else from the server (no scripts, no styles to fetch) and tries again by itself. */
function busyPage(seconds: number): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${seconds}"><title>系统繁忙 · Busy</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.6">
<h1 style="font-size:1.25rem">系统繁忙，请稍候</h1><p>访问的人较多，本页将在 ${seconds} 秒后自动重试。</p>
<p lang="en" style="color:#555">The system is busy. This page tries again in ${seconds} seconds.</p></body></html>`;
}
