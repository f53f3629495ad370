// Accounts as an administrator creates them and their owners secure them; sign-in defences seen from outside.
import { connect } from "node:net";
import { generate } from "otplib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { launchBrowser, newContext, screenshot, signIn } from "../support/browser";
import { HttpClient } from "../support/http";

let app: AppServer;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([
    startAppServer({ database: "demo", env: { RATE_LIMIT_SIGN_IN: "20" } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const secretIn = (html: string) => /data-testid="totp-secret">([A-Z2-7]+)</.exec(html)?.[1];

describe("a new planner account", () => {
  it("is created by the administrator with a one-time password, must change it, then must set up two-factor sign-in", async () => {
    const admin = new HttpClient(app.baseUrl);
    await admin.signIn("admin@demo.local");
    const created = await admin.post("/admin/users/new", {
      email: "zhuoma@bureau.example.cn",
      name: "卓玛",
      role: "planner",
      regionId: "",
    });
    // No region for a planner: refused with a message, nothing created.
    expect(created.status).toBe(200);
    expect(await created.text()).toContain("请为该角色选择范围");

    const page = await admin.get("/admin/users/new");
    const regionId = /<option value="(\d+)">巴宜区/.exec(await page.text())?.[1];
    expect(regionId).toBeDefined();
    const ok = await admin.post("/admin/users/new", {
      email: "zhuoma@bureau.example.cn",
      name: "卓玛",
      role: "planner",
      regionId: regionId!,
    });
    const body = await ok.text();
    const temporary = /data-testid="temporary-password"[\s\S]*?<code>([^<]+)<\/code>/.exec(body)?.[1];
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);

    const planner = new HttpClient(app.baseUrl);
    await planner.signIn("zhuoma@bureau.example.cn", temporary!);
    const home = await planner.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/account/password");

    const weak = await planner.post("/account/password", {
      currentPassword: temporary!,
      newPassword: "password123",
      confirmPassword: "password123",
    });
    expect(await weak.text()).toContain("这是常见密码");
    const changed = await planner.post("/account/password", {
      currentPassword: temporary!,
      newPassword: "雪域高原的社工站",
      confirmPassword: "雪域高原的社工站",
    });
    expect(changed.status).toBe(302);
    expect(changed.headers.get("location")).toBe("/account/two-factor");
    expect((await planner.get("/people")).headers.get("location")).toBe("/account/two-factor");

    const setup = await planner.get("/account/two-factor");
    const secret = secretIn(await setup.text());
    expect(secret).toBeDefined();
    const wrong = await planner.post("/account/two-factor", {
      currentPassword: "雪域高原的社工站",
      code: "000000",
    });
    expect(await wrong.text()).toContain("验证码不正确");
    const enabled = await planner.post("/account/two-factor", {
      currentPassword: "雪域高原的社工站",
      code: await generate({ secret: secret! }),
    });
    const enabledHtml = await enabled.text();
    const recovery = [...enabledHtml.matchAll(/<code>([0-9a-f]{5}-[0-9a-f]{5})<\/code>/g)].map((m) => m[1]);
    expect(recovery).toHaveLength(10);
    expect((await planner.get("/")).status).toBe(200);

    // Next sign-in asks for the second factor; a recovery code works once.
    const again = new HttpClient(app.baseUrl);
    const step1 = await again.post("/login", {
      email: "zhuoma@bureau.example.cn",
      password: "雪域高原的社工站",
    });
    expect(step1.headers.get("location")).toBe("/login/verify");
    expect(again.hasSession()).toBe(false);
    const step2 = await again.post("/login/verify", { code: recovery[0] });
    expect(step2.status).toBe(302);
    expect(again.hasSession()).toBe(true);
    const reuse = new HttpClient(app.baseUrl);
    await reuse.post("/login", { email: "zhuoma@bureau.example.cn", password: "雪域高原的社工站" });
    const reuseBody = await (await reuse.post("/login/verify", { code: recovery[0] })).text();
    expect(reuseBody, reuseBody.slice(Math.max(0, reuseBody.indexOf("<main")), 3000)).toContain(
      "验证码不正确",
    );
  });

  it("is signed out everywhere at once when the administrator disables it", async () => {
    const admin = new HttpClient(app.baseUrl);
    await admin.signIn("admin@demo.local");
    const list = await (await admin.get("/admin/users?q=planner.gar")).text();
    const id = /href="\/admin\/users\/(\d+)">planner\.gar@demo\.local/.exec(list)?.[1];
    const gar = new HttpClient(app.baseUrl);
    await gar.signIn("planner.gar@demo.local");
    expect((await gar.get("/")).status).toBe(200);
    await admin.post(`/admin/users/${id}`, { intent: "disable" });
    expect((await gar.get("/")).status).toBe(302);
    const retry = await gar.post("/login", { email: "planner.gar@demo.local", password: "demo12345" });
    expect(await retry.text()).toContain("该账户已停用");
  });
});

describe("what a signed-in page tells the browser", () => {
  it("never sends the session id in a page or its data", async () => {
    const client = new HttpClient(app.baseUrl);
    await client.signIn("station.baiba@demo.local");
    const id = client.sessionId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const url of ["/", "/_root.data", "/people", "/people.data", "/visits", "/account"]) {
      const res = await client.get(url);
      expect(res.ok, url).toBe(true);
      expect(await res.text(), url).not.toContain(id!);
    }
  });
});

describe("sign-in defences", () => {
  it("locks an account after five wrong passwords, with a message saying when to retry", async () => {
    const client = new HttpClient(app.baseUrl);
    for (let i = 0; i < 5; i++)
      await client.post(
        "/login",
        { email: "auditor@demo.local", password: `wrong-${i}` },
        { headers: { "x-forwarded-for": `10.9.0.${i}` } },
      );
    const locked = await client.post(
      "/login",
      { email: "auditor@demo.local", password: "demo12345" },
      { headers: { "x-forwarded-for": "10.9.1.1" } },
    );
    const text = await locked.text();
    expect(text).toContain("已临时锁定");
    expect(client.hasSession()).toBe(false);
  });

  it("does not let five wrong passwords for one account refuse another account's right password from the same address", async () => {
    const office = { headers: { "x-forwarded-for": "10.9.2.2" } };
    const typist = new HttpClient(app.baseUrl);
    for (let i = 0; i < 5; i++)
      await typist.post("/login", { email: "planner.ngari@demo.local", password: `typo-${i}` }, office);
    const delayed = await typist.post(
      "/login",
      { email: "planner.ngari@demo.local", password: "demo12345" },
      office,
    );
    expect(await delayed.text()).toContain("已临时锁定");
    const colleague = new HttpClient(app.baseUrl);
    const ok = await colleague.post(
      "/login",
      { email: "planner.bayi@demo.local", password: "demo12345" },
      office,
    );
    expect(ok.status).toBe(302);
    expect(colleague.hasSession()).toBe(true);
  });

  it("slows an address that sprays passwords over many accounts", async () => {
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${app.baseUrl}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: `spray${i}@demo.local`, password: "Winter2026!" }),
        headers: { "x-forwarded-for": "10.7.7.7" },
        redirect: "manual",
      });
      answers.push((await res.text()).includes("已临时锁定") ? "slowed" : String(res.status));
    }
    // The first ten accounts are checked (and refused); from then on the address waits before any check.
    expect(answers.slice(0, 10)).toEqual(Array(10).fill("200"));
    expect(answers.slice(10)).toEqual(Array(10).fill("slowed"));
  });

  it("slows down a flood of sign-in posts from one address with 429 responses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await fetch(`${app.baseUrl}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: `flood${i}@demo.local`, password: "x" }),
        headers: { "x-forwarded-for": "10.8.8.8" },
        redirect: "manual",
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("refuses a form posted from another site before any route runs", async () => {
    const client = new HttpClient(app.baseUrl);
    await client.signIn("planner.bayi@demo.local");
    const cross = await client.post(
      "/locale",
      { locale: "en" },
      { headers: { Origin: "https://evil.example" } },
    );
    expect(cross.status).toBe(403);
    const fetchSite = await client.post("/logout", {}, { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(fetchSite.status).toBe(403);
    expect((await client.get("/")).status).toBe(200);
    const same = await client.post("/locale", { locale: "en" }, { headers: { Origin: app.baseUrl } });
    expect(same.status).toBe(302);
  });

  it("refuses an oversized or undeclared form body before any route reads it", async () => {
    const client = new HttpClient(app.baseUrl);
    await client.signIn("planner.bayi@demo.local");
    const huge = await client.post("/organizations/new", { name: "x".repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("Request body too large");
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("locale=en"));
        controller.close();
      },
    });
    const chunked = await fetch(`${app.baseUrl}/locale`, {
      method: "POST",
      body: chunks,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
    // Upload routes keep their own, larger limits — also at the `.data` URL a JavaScript form posts to.
    const org = new HttpClient(app.baseUrl);
    await org.signIn("org.gar@demo.local");
    const form = new FormData();
    form.append("summary", "附照片");
    form.append("photos", new Blob([new Uint8Array(3 * 1024 * 1024)], { type: "image/jpeg" }), "photo.jpg");
    const photoSized = await org.request("/activities/new.data", { method: "POST", body: form });
    // The route itself read the 3 MB photo and judged it (not a real JPEG), instead of the cap refusing the body.
    expect(photoSized.status).not.toBe(413);
    expect(await photoSized.text()).not.toContain("Request body too large");
    // An ordinary post still goes through.
    expect((await client.post("/locale", { locale: "en" })).status).toBe(302);
  });

  it("answers an oversized form the browser is still sending with 413, not a reset connection", async () => {
    // A browser writes a large body over a slow link for a while; the refusal must wait for it (CI once saw EPIPE).
    const url = new URL(app.baseUrl);
    const size = 3 * 1024 * 1024;
    const socket = connect(Number(url.port), url.hostname);
    const answer = new Promise<string>((resolve, reject) => {
      let text = "";
      socket.on("data", (d) => {
        text += d.toString("utf8");
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    socket.write(
      `POST /locale HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, "x");
    for (let sent = 0; sent < size; sent += chunk.length) {
      await new Promise<void>((resolve, reject) => socket.write(chunk, (e) => (e ? reject(e) : resolve())));
      await new Promise((r) => setTimeout(r, 5));
    }
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text).toContain("Request body too large");
  });

  it("sends security headers and a nonce-based script policy on every page", async () => {
    const res = await fetch(`${app.baseUrl}/login`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /nonce-([A-Za-z0-9+/=]+)/.exec(csp)![1];
    const html = await res.text();
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
    const cookie = (await new HttpClient(app.baseUrl).signIn("planner.bayi@demo.local")).headers
      .getSetCookie()
      .join("\n");
    expect(cookie).toMatch(/__Host-snc_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/__Host-snc_session=[^;]+;.*Secure/i);
    expect(cookie).toMatch(/__Host-snc_session=[^;]+;.*SameSite=Lax/i);
  });
});

describe("the account pages in the browser", () => {
  it("shows the two-factor setup with a QR code and the audit log to the administrator", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, app.baseUrl, "admin@demo.local");
    await page.goto(`${app.baseUrl}/account/two-factor`);
    expect(await page.locator("img.qr").isVisible()).toBe(true);
    await screenshot(page, "account-two-factor-setup");
    await page.goto(`${app.baseUrl}/audit?verify=1`);
    await expect(page.textContent('[data-testid="chain-status"]')).resolves.toContain("哈希链完整");
    await screenshot(page, "audit-log");
    await page.goto(`${app.baseUrl}/admin/users`);
    await screenshot(page, "admin-users");
    await context.close();
  });
});
