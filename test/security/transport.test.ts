// What the server entry decides before any route runs, probed as an outside security test did: limits that letter
// case and escapes must not bypass, bodies that are not forms, methods nobody uses, and forwarded headers from a
// peer that is not a trusted proxy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

let app: AppServer;
beforeAll(async () => {
  app = await startAppServer({
    database: "demo",
    // why: a small limit to reach; and loopback (where the test connects from) is not a trusted proxy here.
    env: { RATE_LIMIT_EXPENSIVE: "3", TRUST_PROXY: "10.255.255.0/24" },
  });
});
afterAll(async () => {
  await app?.stop();
});

async function plannerClient() {
  const client = new HttpClient(app.baseUrl);
  await client.signIn("planner.bayi@demo.local");
  return client;
}

describe("rate limits", () => {
  it("count every spelling of an export, map or report URL against one limit, coverage and reports included", async () => {
    const client = await plannerClient();
    // Three requests fit in the limit; each is spelled differently, so a bypass by case or escape would leave room.
    for (const url of ["/People/Export", "/people/%65xport", "/API/facilities.GEOJSON"])
      expect((await client.get(url)).status, url).not.toBe(429);
    for (const url of [
      "/people/export",
      "/reports/year-in-review.XLSX?year=2023",
      "/coverage",
      "/Coverage?region=540402000000",
      "/reports/year-in-review",
      "/REPORTS",
    ])
      expect((await client.get(url)).status, url).toBe(429);
  });
});

describe("requests that are not forms", () => {
  it("answers a JSON, text or empty post with 415, never 500", async () => {
    const client = await plannerClient();
    const bodies: [string, RequestInit][] = [
      ["json", { body: JSON.stringify({ intent: "risk" }), headers: { "Content-Type": "application/json" } }],
      ["text", { body: "intent=risk", headers: { "Content-Type": "text/plain" } }],
      ["empty", {}],
    ];
    for (const [name, init] of bodies)
      for (const url of ["/people/new", "/people/new.data", "/_root.data", "/login"]) {
        const res = await client.request(url, { ...init, method: "POST" });
        expect(res.status, `${name} ${url}`).toBe(415);
      }
  });

  it("answers OPTIONS with the allowed methods and other methods with 405", async () => {
    for (const url of ["/people.data", "/visits.data", "/_root.data", "/"]) {
      const options = await fetch(`${app.baseUrl}${url}`, { method: "OPTIONS" });
      expect(options.status, url).toBe(204);
      expect(options.headers.get("allow")).toBe("GET, HEAD, POST");
      expect(options.headers.get("access-control-allow-origin")).toBeNull();
      for (const method of ["PUT", "DELETE", "PATCH"])
        expect((await fetch(`${app.baseUrl}${url}`, { method })).status, `${method} ${url}`).toBe(405);
    }
  });
});

describe("forwarded headers", () => {
  it("do not let a peer that is not a trusted proxy pass a cross-site post as same-site", async () => {
    const client = await plannerClient();
    const res = await client.post(
      "/locale",
      { locale: "en", redirectTo: "/" },
      { headers: { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" } },
    );
    expect(res.status).toBe(403);
    const same = await client.post(
      "/locale",
      { locale: "zh-CN", redirectTo: "/" },
      { headers: { Origin: app.baseUrl } },
    );
    expect(same.status).toBe(302);
  });

  it("do not change the address a calendar feed link names", async () => {
    const staff = new HttpClient(app.baseUrl);
    await staff.signIn("station.baiba@demo.local");
    const res = await staff.post(
      "/settings/calendar",
      { intent: "enable" },
      { headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" } },
    );
    const page = await res.text();
    expect(page).toContain("/api/visits.ics?token=");
    expect(page).not.toContain("evil.example");
    expect(page).toContain(new URL(app.baseUrl).host);
  });

  it("do not change the address the app thinks it is served at", async () => {
    const res = await fetch(`${app.baseUrl}/login?redirectTo=%2Fpeople`, {
      headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
    });
    expect(await res.text()).not.toContain("evil.example");
  });
});
