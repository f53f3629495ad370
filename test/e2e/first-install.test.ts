// A real first installation on PostgreSQL: `npm start` creates no account on an empty database and says how to make
// the first administrator; `npm run admin:create` makes one whose password must be changed at first sign-in.
import { spawnSync } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

const root = path.resolve(import.meta.dirname, "../..");
let app: AppServer;
beforeAll(async () => {
  app = await startAppServer({ database: "empty" });
});
afterAll(async () => {
  await app?.stop();
});

function adminCreate(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: app.databaseUrl!, NODE_ENV: "production", LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
}

describe("a first installation on PostgreSQL", () => {
  it("starts with no account at all and says how to create the first administrator", async () => {
    const sql = postgres(app.databaseUrl!, { max: 1, onnotice: () => {} });
    try {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from users`;
      expect(n).toBe(0);
      const [{ people }] = await sql<{ people: number }[]>`select count(*)::int as people from people`;
      expect(people).toBe(0);
    } finally {
      await sql.end();
    }
    expect(app.output()).toContain("npm run admin:create -- --email");
    const login = await fetch(`${app.baseUrl}/login`);
    expect(await login.text()).not.toContain("demo12345");
  });

  it("creates an administrator from the command line who must change the password at first sign-in", async () => {
    const made = adminCreate(["--email", "Zhang.Wei@Bureau.example.cn", "--name", "张伟"]);
    expect(made.status, made.stderr).toBe(0);
    const password = /One-time password \(shown only now\): (\S+)/.exec(made.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);

    const client = new HttpClient(app.baseUrl);
    await client.signIn("zhang.wei@bureau.example.cn", password!);
    const home = await client.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/account/password");

    const again = adminCreate(["--email", "zhang.wei@bureau.example.cn"]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("exists already");
    expect(adminCreate([]).status).toBe(1);
  });
});
