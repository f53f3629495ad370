import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, organizations, regions } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { message } from "~/modules/kernel/messages";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { submissionOf } from "../../../test/factories/forms";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { createOrganization, updateOrganization } from "./mutations.server";
import { partyBranchCoverage } from "./queries.server";
import { organizationSchema } from "./schemas";

useTestDatabase({ template: "demo" });

const regionId = async (code: string) =>
  (await db.select({ id: regions.id }).from(regions).where(eq(regions.code, code)))[0].id;

/** Parses form fields the way the route does (Conform coerces checkboxes and numbers). */
function parse(fields: Record<string, string>) {
  const submission = submissionOf(organizationSchema, {
    name: "阿里地区新希望社会工作服务中心",
    kind: "social_service_agency",
    regionId: "1",
    ...fields,
  });
  return submission.status === "success"
    ? ({ success: true, data: submission.value } as const)
    : ({
        success: false,
        error: new Error(JSON.stringify(submission.error)),
        issues: submission.error ?? {},
      } as const);
}

describe("organization register", () => {
  let ngari: SessionUser;
  let bayi: SessionUser;
  let ngariId: number;
  beforeAll(async () => {
    [ngari, bayi] = await Promise.all([
      sessionUserFor("planner.ngari@demo.local"),
      sessionUserFor("planner.bayi@demo.local"),
    ]);
    ngariId = await regionId("542500000000");
  });

  it("explains what is wrong with a malformed credit code in the form's message", () => {
    const problem = (code: string) => {
      const result = parse({ creditCode: code });
      return result.success ? null : (result.issues.creditCode?.[0] ?? null);
    };
    expect(problem("91330100716105852F")).toBeNull();
    expect(problem("91330100716105852G")).toMatchObject({ key: "organizations:creditCode.check" });
    expect(problem("9133010071610585F")).toEqual(
      message("organizations:creditCode.length", { length: 17, chars: "" }),
    );
    expect(problem("91330100716105852f")).toEqual(
      message("organizations:creditCode.lowercase", { length: 18, chars: "f" }),
    );
    expect(problem("9135O100M000100Y43")).toEqual(
      message("organizations:creditCode.excluded", { length: 18, chars: "O" }),
    );
    // Spaces around a pasted code are forgiven.
    expect(problem("  91350100M000100Y43 ")).toBeNull();
  });

  it("registers an organization once per form key and audits it", async () => {
    const key = randomUUID();
    const input = parse({
      creditCode: "91350100M000100Y43",
      regionId: String(ngariId),
      hasPartyBranch: "on",
    });
    if (!input.success) throw input.error;
    const first = await createOrganization({ user: ngari, actor: testActor(ngari), key, input: input.data });
    const again = await createOrganization({ user: ngari, actor: testActor(ngari), key, input: input.data });
    if (!first?.ok) throw new Error("not created");
    expect(again).toEqual({ ...first, replayed: true });
    const rows = await db
      .select()
      .from(organizations)
      .where(eq(organizations.creditCode, "91350100M000100Y43"));
    expect(rows).toHaveLength(1);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "organization"), eq(auditLog.entityId, String(first.value.id))));
    expect(audit.map((a) => a.action)).toEqual(["organization.create"]);
  });

  it("refuses a credit code another organization holds, naming that organization", async () => {
    const [gar] = await db.select().from(organizations).where(eq(organizations.name, "噶尔县社区服务中心"));
    const input = parse({ creditCode: gar.creditCode, regionId: String(ngariId) });
    if (!input.success) throw input.error;
    const result = await createOrganization({
      ...by(ngari),
      input: input.data,
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        creditCode: [message("organizations:creditCode.duplicate", { name: "噶尔县社区服务中心" })],
      },
    });
  });

  it("lets planners register and edit only in their own region", async () => {
    const input = parse({ creditCode: "9144030071526726XG", regionId: String(ngariId) });
    if (!input.success) throw input.error;
    const refused = await createOrganization({
      ...by(bayi),
      input: input.data,
    });
    expect(refused).toEqual({ ok: false, fieldErrors: { regionId: ["validation.choice"] } });
    const [gar] = await db.select().from(organizations).where(eq(organizations.name, "噶尔县社区服务中心"));
    const edit = parse({
      creditCode: gar.creditCode,
      regionId: String(await regionId("540402000000")),
      name: "x",
    });
    if (!edit.success) throw edit.error;
    // Moving it into their own region does not help: the row itself is not theirs to change (a 404 for the route).
    expect(
      await updateOrganization({
        ...by(bayi),
        organizationId: gar.id,
        input: edit.data,
      }),
    ).toBeNull();
    expect((await db.select().from(organizations).where(eq(organizations.id, gar.id)))[0].name).toBe(
      "噶尔县社区服务中心",
    );
  });

  it("reports party-organization coverage over the active organizations in scope", async () => {
    const bayiCoverage = await partyBranchCoverage(bayi);
    expect(bayiCoverage).toEqual({ withBranch: 2, total: 2, ratio: 1 });
    const admin = await sessionUserFor("admin@demo.local");
    const all = await partyBranchCoverage(admin);
    // 9 demo organizations, Gerze's without a party branch, plus the one registered above with a branch.
    expect(all.total).toBe(10);
    expect(all.withBranch).toBe(9);
  });
});
