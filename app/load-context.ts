// What the server entry gives every loader and action besides the request: one object per HTTP request, created by
// server.ts and handed by Remix to each loader and action as `context`. Code that has only the Request (the
// permission guard) reads the same object through `currentLoadContext()`.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/modules/access/types";

declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    /**
     * The signed-in user by Cookie header, looked up once and shared by the loaders of one page (Remix hands each
     * loader its own copy of the Request). Only on GET and HEAD: an action may change the session before the loaders
     * run in the same request, so a POST gets none and each Request looks its user up itself.
     */
    sessionUsers?: Map<string, Promise<SessionUser | null>>;
    /**
     * Where `db` sends this request's selects when read replicas are configured (app/utils/db.server.ts): "replicas"
     * for a GET or HEAD of a session that has not written lately; "primary" (or absent) otherwise, and from the
     * request's first write.
     */
    readsFrom?: "primary" | "replicas";
  }
}

export function createLoadContext(
  method: string,
  readsFrom: "primary" | "replicas" = "primary",
): AppLoadContext {
  return {
    requestId: randomUUID(),
    cspNonce: randomBytes(16).toString("base64"),
    sessionUsers: method === "GET" || method === "HEAD" ? new Map() : undefined,
    readsFrom,
  };
}

declare global {
  // why: server.ts and the Remix build are separate module graphs (see db.server.ts); both must use one store.
  var __stationNetworkLoadContext: AsyncLocalStorage<AppLoadContext> | undefined;
}
globalThis.__stationNetworkLoadContext ??= new AsyncLocalStorage<AppLoadContext>();
const store = globalThis.__stationNetworkLoadContext;

/** Runs the Remix handler of one request so that everything it calls can reach that request's context. */
export function runWithLoadContext<T>(context: AppLoadContext, handle: () => T): T {
  return store.run(context, handle);
}

/** The load context of the request being handled, or undefined outside one (tests calling a loader directly). */
export function currentLoadContext(): AppLoadContext | undefined {
  return store.getStore();
}
