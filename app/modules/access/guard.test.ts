// The loaders of one page share one session look-up through the request's load context; nothing else shares it.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { createLoadContext, runWithLoadContext } from "~/load-context";
import { startSession } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { getUser, loadSessionUser, seesContractMoney, wearing } from "./guard.server";
import { assignmentKey } from "./types";

useTestDatabase({ template: "demo" });

async function userIdOf(email: string): Promise<number> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row.id;
}

async function signedInCookie(email: string): Promise<string> {
  const setCookie = await startSession(new Request("http://localhost/login"), await userIdOf(email));
  return setCookie.split(";")[0];
}

/** Two Request copies of one HTTP request, as Remix hands one to each loader. */
function copies(method: string, cookie: string): [Request, Request] {
  const make = () => new Request("http://localhost/visits", { method, headers: { Cookie: cookie } });
  return [make(), make()];
}

describe("getUser", () => {
  it("looks the user up once for all the loaders of one GET", async () => {
    const cookie = await signedInCookie("station.baiba@demo.local");
    const [first, second] = copies("GET", cookie);
    await runWithLoadContext(createLoadContext("GET"), async () => {
      const a = getUser(first);
      expect(getUser(second)).toBe(a);
      expect((await a)?.email).toBe("station.baiba@demo.local");
    });
  });

  it("does not share a look-up between two GETs, or with another cookie in the same GET", async () => {
    const cookie = await signedInCookie("station.baiba@demo.local");
    const other = await signedInCookie("planner.bayi@demo.local");
    const [first, second] = copies("GET", cookie);
    const a = runWithLoadContext(createLoadContext("GET"), () => getUser(first));
    const b = runWithLoadContext(createLoadContext("GET"), () => getUser(second));
    expect(b).not.toBe(a);
    await Promise.all([a, b]);
    await runWithLoadContext(createLoadContext("GET"), async () => {
      const [mine] = copies("GET", cookie);
      const [theirs] = copies("GET", other);
      expect((await getUser(mine))?.email).toBe("station.baiba@demo.local");
      expect((await getUser(theirs))?.email).toBe("planner.bayi@demo.local");
    });
  });

  it("does not share a look-up in a POST, where the action may change the session before the loaders run", async () => {
    const cookie = await signedInCookie("station.baiba@demo.local");
    const [action, loader] = copies("POST", cookie);
    await runWithLoadContext(createLoadContext("POST"), async () => {
      const a = getUser(action);
      const b = getUser(loader);
      expect(b).not.toBe(a);
      expect(getUser(action)).toBe(a);
      await Promise.all([a, b]);
    });
  });

  it("resolves once per Request object outside an HTTP request (a loader called directly)", async () => {
    const cookie = await signedInCookie("station.baiba@demo.local");
    const [first, second] = copies("GET", cookie);
    const a = getUser(first);
    expect(getUser(first)).toBe(a);
    expect(getUser(second)).not.toBe(a);
    expect((await getUser(second))?.email).toBe((await a)?.email);
  });
});

describe("the role an account works as", () => {
  it("is the primary until the session chooses another; the chosen one leads, the permissions stay the union", async () => {
    const id = await userIdOf("worker.gar@demo.local");
    const primary = (await loadSessionUser(id))!;
    expect(primary.role).toBe("station_staff");
    const org = primary.assignments!.find((a) => a.role === "org_staff")!;

    const chosen = (await loadSessionUser(id, "", { actingAs: assignmentKey(org) }))!;
    expect(chosen.role).toBe("org_staff");
    expect(chosen.scope).toEqual(org.scope);
    expect(chosen.assignments!.map((a) => a.role)).toEqual(["org_staff", "station_staff"]);
    // Both roles' work stays open, each in its own scope.
    expect(wearing(chosen, "write:visit")?.scope.kind).toBe("station");
    expect(wearing(chosen, "write:activity")?.scope.kind).toBe("organization");
    // Where both roles would do, the page uses the one worked as (the organization's people, not the station's).
    expect(wearing(primary, "read:person")?.scope.kind).toBe("station");
    expect(wearing(chosen, "read:person")?.scope.kind).toBe("organization");

    // A key the account does not hold (a role taken away since) falls back to the primary.
    const stale = (await loadSessionUser(id, "", { actingAs: "planner:1" }))!;
    expect(stale.role).toBe("station_staff");
  });
});

describe("who sees a contract's money", () => {
  it("is whoever reads funding or expenditures: an organization's worker yes, a station's no", async () => {
    const id = await userIdOf("worker.gar@demo.local");
    const station = (await loadSessionUser(id))!;
    const org = station.assignments!.find((a) => a.role === "org_staff")!;
    const asOrg = (await loadSessionUser(id, "", { actingAs: assignmentKey(org) }))!;
    expect(seesContractMoney(station)).toBe(false);
    expect(seesContractMoney(asOrg)).toBe(true);
  });
});
