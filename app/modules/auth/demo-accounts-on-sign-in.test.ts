// The sign-in page lists the demo accounts and their password only while the database holds the demo data
// (the seed's marker in app_meta), never on an installation without it.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appMeta, users } from "#db/schema";
import { DEMO_DATA_KEY } from "~/modules/meta/queries.server";
import { loader } from "~/routes/login";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";

async function signInPage() {
  return loader({
    request: new Request("http://localhost/login"),
    params: {},
    context: { requestId: "test", cspNonce: "" },
  });
}

describe("on a database seeded with the demo", () => {
  useTestDatabase({ template: "demo" });

  it("lists the demo accounts with their password", async () => {
    const page = await signInPage();
    expect(page.demoAccounts.map((a) => a.email)).toEqual(
      expect.arrayContaining(["planner.bayi@demo.local", "station.baiba@demo.local", "admin@demo.local"]),
    );
    expect(page.demoPassword).toBe("demo12345");
  });

  it("hides them once the demo marker is gone, though the demo users are still there", async () => {
    await db.delete(appMeta).where(eq(appMeta.key, DEMO_DATA_KEY));
    const [planner] = await db.select().from(users).where(eq(users.email, "planner.bayi@demo.local"));
    expect(planner).toBeDefined();
    const page = await signInPage();
    expect(page.demoAccounts).toEqual([]);
    expect(page.demoPassword).toBeNull();
  });
});

describe("on a database without demo data", () => {
  useTestDatabase({ template: "empty" });

  it("shows no demo accounts and no password", async () => {
    expect(await db.select({ id: users.id }).from(users)).toEqual([]);
    const page = await signInPage();
    expect(page.demoAccounts).toEqual([]);
    expect(page.demoPassword).toBeNull();
  });

  it("still shows none after someone creates an account named like a demo one", async () => {
    await db.insert(users).values({
      email: "planner.bayi@demo.local",
      name: "Not a demo",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
      role: "admin",
    });
    const page = await signInPage();
    expect(page.demoAccounts).toEqual([]);
    expect(page.demoPassword).toBeNull();
  });
});
