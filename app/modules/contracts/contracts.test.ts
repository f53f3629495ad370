import { randomUUID } from "node:crypto";
import { and, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, contracts, expenditures, facilities } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { cookieFor, postForm } from "~/modules/activities/testing.server";
import { type Message, messageKey } from "~/modules/kernel/messages";
import { action as expendituresAction } from "~/routes/contracts.$id_.expenditures";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { validInput } from "../../../test/factories/forms";
import { useTestDatabase } from "../../../test/setup/database";
import { createContract, transitionContract, updateContract } from "./mutations.server";
import { getContract } from "./queries.server";
import { type ContractInput, contractSchema } from "./schemas";

useTestDatabase({ template: "demo" });

const facilityId = async (code: string) =>
  (await db.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code)))[0].id;

/** The first form error of a refused write, with its values, as a string to search. */
const formText = (result: unknown) => JSON.stringify((result as { formErrors: Message[] }).formErrors[0]);

let serial = 0;
/** A contract form as the route parses it. */
function contractInput(fields: Record<string, string>): ContractInput {
  serial++;
  return validInput(contractSchema, {
    code: `TEST-${serial}-${randomUUID().slice(0, 6)}`,
    title: `测试合同 ${serial}`,
    procurementMethod: "single_source",
    amount: "120,000",
    activitiesPerMonth: "2",
    ...fields,
  });
}

describe("contracts", () => {
  let ngari: SessionUser;
  let bayi: SessionUser;
  let rutogOrg: string;
  let rebang: number;
  beforeAll(async () => {
    [ngari, bayi] = await Promise.all([
      sessionUserFor("planner.ngari@demo.local"),
      sessionUserFor("planner.bayi@demo.local"),
    ]);
    const rutogStaff = await sessionUserFor("org.rutog-sunshine@demo.local");
    rutogOrg = String(rutogStaff.scope.kind === "organization" ? rutogStaff.scope.organizationId : 0);
    // 热帮乡 station (Rutog) is still under construction and has no contract yet.
    rebang = await facilityId("542524200000-SW01");
  });

  const create = async (user: SessionUser, input: ContractInput) =>
    (await createContract({ user, actor: testActor(user), key: randomUUID(), input }))!;
  /** The id of a stored contract (the test stops when it was refused). */
  const stored = (result: Awaited<ReturnType<typeof create>>) => {
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.value.id;
  };

  it("creates a draft, puts it into force and completes it, recording who and when at each step", async () => {
    const created = await create(
      ngari,
      contractInput({
        organizationId: rutogOrg,
        subject: `facility:${rebang}`,
        startsOn: "2030-01-01",
        endsOn: "2030-12-31",
      }),
    );
    const createdId = stored(created);
    const at = new Date("2030-01-02T03:00:00Z");
    expect(
      await transitionContract({
        user: ngari,
        actor: testActor(ngari),
        id: createdId,
        input: { intent: "activate" },
        now: at,
      }),
    ).toEqual({ ok: true, value: { id: createdId }, replayed: false });
    const active = (await getContract({ user: ngari, id: createdId }))!;
    expect(active).toMatchObject({
      status: "active",
      activatedBy: ngari.id,
      activatedByName: "阿里地区民政局 规划员",
      amountFen: 120_000_00,
    });
    expect(active.activatedAt?.toISOString()).toBe(at.toISOString());
    expect(active.deliverables).toEqual({ activitiesPerMonth: 2 });
    // Activating twice is refused: the status it must be in is part of the update.
    const again = await transitionContract({
      user: ngari,
      actor: testActor(ngari),
      id: createdId,
      input: { intent: "activate" },
    });
    expect(again).toEqual({
      ok: false,
      formErrors: [{ key: "contracts:errors.wrongState", values: { status: "active" } }],
    });
    await transitionContract({
      user: ngari,
      actor: testActor(ngari),
      id: createdId,
      input: { intent: "complete", reason: undefined },
    });
    const done = (await getContract({ user: ngari, id: createdId }))!;
    expect(done).toMatchObject({ status: "completed", closedBy: ngari.id });
    const audit = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "contract"), eq(auditLog.entityId, String(createdId))));
    expect(audit.map((a) => a.action)).toEqual(["contract.create", "contract.activate", "contract.complete"]);
  });

  it("refuses to activate a contract whose period overlaps the active one, naming the contract in the way", async () => {
    const purangStation = await facilityId("542521100000-SW01");
    const [current] = await db
      .select()
      .from(contracts)
      .where(and(eq(contracts.facilityId, purangStation), eq(contracts.status, "active")));
    const draft = await create(
      ngari,
      contractInput({
        organizationId: rutogOrg,
        subject: `facility:${purangStation}`,
        startsOn: current.endsOn,
        endsOn: "2031-06-30",
      }),
    );
    const refused = await transitionContract({
      user: ngari,
      actor: testActor(ngari),
      id: stored(draft),
      input: { intent: "activate" },
    });
    expect(refused?.ok).toBe(false);
    const message = (refused as { formErrors: Message[] }).formErrors[0];
    expect(messageKey(message)).toBe("contracts:errors.overlap");
    expect((message as { values: unknown }).values).toEqual({
      code: current.code,
      title: current.title,
      organization: "普兰县神山社会工作服务中心",
      startsOn: current.startsOn,
      endsOn: current.endsOn,
    });
    // Saved and put into force at once: the same refusal, and nothing is stored.
    const direct = await create(
      ngari,
      contractInput({
        organizationId: rutogOrg,
        subject: `facility:${purangStation}`,
        startsOn: current.startsOn,
        endsOn: current.startsOn,
        intent: "activate",
      }),
    );
    expect(direct.ok).toBe(false);
    expect(formText(direct)).toContain(current.code);
    // Editing the active contract's period into another active contract is refused the same way.
    const later = await create(
      ngari,
      contractInput({
        organizationId: rutogOrg,
        subject: `facility:${purangStation}`,
        startsOn: "2032-01-01",
        endsOn: "2032-12-31",
        intent: "activate",
      }),
    );
    const stretched = await updateContract({
      user: ngari,
      actor: testActor(ngari),
      id: stored(later),
      input: contractInput({
        organizationId: rutogOrg,
        subject: `facility:${purangStation}`,
        startsOn: current.startsOn,
        endsOn: "2032-12-31",
      }),
    });
    expect(formText(stretched)).toContain(current.code);
  });

  it("lets exactly one of two drafts win when both are activated at the same moment on separate connections", async () => {
    for (let round = 0; round < 5; round++) {
      const year = 2040 + round * 3;
      const a = await create(
        ngari,
        contractInput({
          organizationId: rutogOrg,
          subject: `facility:${rebang}`,
          startsOn: `${year}-01-01`,
          endsOn: `${year}-12-31`,
        }),
      );
      const b = await create(
        ngari,
        contractInput({
          organizationId: rutogOrg,
          subject: `facility:${rebang}`,
          startsOn: `${year}-06-01`,
          endsOn: `${year + 1}-05-31`,
        }),
      );
      const results = await Promise.all(
        [stored(a), stored(b)].map((id) =>
          transitionContract({ user: ngari, actor: testActor(ngari), id, input: { intent: "activate" } }),
        ),
      );
      const winners = results.filter((r) => r?.ok);
      const losers = results.filter((r) => r && !r.ok);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(losers, `round ${round}`).toHaveLength(1);
      const winner = await getContract({ user: ngari, id: stored(winners[0]!) });
      expect(formText(losers[0])).toContain(winner!.code);
      const active = await db
        .select()
        .from(contracts)
        .where(and(eq(contracts.facilityId, rebang), eq(contracts.status, "active")));
      expect(active.filter((c) => c.startsOn.startsWith(String(year)))).toHaveLength(1);
    }
  });

  it("keeps planners to contracts, organizations and facilities of their own region", async () => {
    const refused = await create(
      bayi,
      contractInput({
        organizationId: rutogOrg,
        subject: `facility:${rebang}`,
        startsOn: "2050-01-01",
        endsOn: "2050-12-31",
      }),
    );
    expect(refused).toEqual({ ok: false, fieldErrors: { organizationId: ["validation.choice"] } });
    const [ngariContract] = await db
      .select()
      .from(contracts)
      .where(eq(contracts.facilityId, rebang))
      .limit(1);
    expect(await getContract({ user: bayi, id: ngariContract.id })).toBeNull();
    expect(
      await transitionContract({
        user: bayi,
        actor: testActor(bayi),
        id: ngariContract.id,
        input: { intent: "terminate", reason: "x" },
      }),
    ).toBeNull();
    const org = await sessionUserFor("org.rutog-sunshine@demo.local");
    expect(
      await transitionContract({
        user: org,
        actor: testActor(org),
        id: ngariContract.id,
        input: { intent: "terminate", reason: "x" },
      }),
    ).toEqual({ ok: false, formErrors: ["errors.forbidden"] });
  });

  it("answers an expenditure posted to another organization's contract with 404, whether its fields are valid or not", async () => {
    const [rutog] = await db
      .select({ id: contracts.id, startsOn: contracts.startsOn })
      .from(contracts)
      .where(and(like(contracts.code, "ALI-%-SW-04"), eq(contracts.status, "active")));
    const cookie = await cookieFor("org.gar@demo.local");
    const post = (fields: Record<string, string>) =>
      expendituresAction({
        request: postForm(`/contracts/${rutog.id}/expenditures`, cookie, { _key: randomUUID(), ...fields }),
        params: { id: String(rutog.id) },
        context: { requestId: "test", cspNonce: "" },
      }).then(
        (r) => r,
        (thrown: unknown) => thrown,
      );
    const [before] = await db.select({ n: count() }).from(expenditures);
    const valid = { spentOn: rutog.startsOn, category: "activities", amount: "100", description: "越权登记" };
    for (const fields of [valid, { ...valid, amount: "-5", spentOn: "not a day" }, {}]) {
      const outcome = await post(fields);
      expect(outcome, JSON.stringify(fields)).toBeInstanceOf(Response);
      expect((outcome as Response).status).toBe(404);
    }
    expect((await db.select({ n: count() }).from(expenditures))[0].n).toBe(before.n);
  });
});
