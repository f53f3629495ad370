// The patches in patches/ that keep Remix's per-build route objects between requests (ADR 011): the route modules,
// the server's React routes and the static router's data routes are built once per build, so the route matcher's
// ranked branches (patched @remix-run/router) are reused instead of rebuilt on every document request.
import { createEntryRouteModules } from "@remix-run/server-runtime/dist/entry.js";

type RouteManifest = Parameters<typeof createEntryRouteModules>[0];

import { createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";

const routes = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "people", path: "people", loader: () => "list" },
      { id: "person", path: "people/:id", loader: () => "one" },
    ],
  },
];

async function contextFor(url: string) {
  const context = await createStaticHandler(routes).query(new Request(`http://app${url}`));
  if (context instanceof Response) throw new Error("unexpected response");
  return context;
}

describe("route objects kept per build", () => {
  it("builds a build's route-module map once", () => {
    const manifest = { root: { module: { default: () => null } }, people: { module: {} } };
    const first = createEntryRouteModules(manifest as unknown as RouteManifest);
    expect(createEntryRouteModules(manifest as unknown as RouteManifest)).toBe(first);
    expect(first).toEqual({ root: manifest.root.module, people: manifest.people.module });
    expect(createEntryRouteModules({ ...manifest } as unknown as RouteManifest)).not.toBe(first);
  });

  it("converts a routes array to data routes once, and still matches each request's own page", async () => {
    const list = createStaticRouter(routes, await contextFor("/people"));
    const one = createStaticRouter(routes, await contextFor("/people/42"));
    expect(one.routes).toBe(list.routes);
    expect(list.state.matches.map((m) => m.route.id)).toEqual(["root", "people"]);
    expect(one.state.matches.map((m) => [m.route.id, m.params.id])).toEqual([
      ["root", "42"],
      ["person", "42"],
    ]);
    // the matches carry the router's own data routes, as before the patch
    expect(one.state.matches[1].route).toBe(one.routes[0].children?.[1]);
  });
});
