import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, facilities, regions, workers } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { newFormKey } from "~/modules/kernel/form-key";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { validInput } from "../../../test/factories/forms";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { facilityWorkforce, regionWorkforce, trainingsOver, yearToDate } from "./figures.server";
import { maskCertificateNo } from "./masking";
import { endEmployment, registerWorker, updateWorker } from "./mutations.server";
import { getWorker, listWorkers } from "./queries.server";
import { trainingSchema, workerSchema } from "./schemas";
import { recordTraining } from "./trainings.server";

useTestDatabase({ template: "demo" });

const TODAY = "2026-06-15";
const NOW = new Date(`${TODAY}T04:00:00Z`);

const facilityId = async (code: string) =>
  (await db.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code)))[0].id;

describe("the workforce register", () => {
  let planner: SessionUser;
  let plannerNgari: SessionUser;
  let auditor: SessionUser;
  let orgBayi: SessionUser;
  let head: SessionUser;
  let staff: SessionUser;
  let baiba: number;
  let gar: number;
  beforeAll(async () => {
    [planner, plannerNgari, auditor, orgBayi, head, staff] = await Promise.all(
      [
        "planner.bayi@demo.local",
        "planner.ngari@demo.local",
        "auditor@demo.local",
        "org.bayi-qihang@demo.local",
        "station.baiba.head@demo.local",
        "station.baiba@demo.local",
      ].map(sessionUserFor),
    );
    [baiba, gar] = await Promise.all([facilityId("540402101000-SW01"), facilityId("542523100000-SW01")]);
  });

  const worker = (fields: Record<string, string> = {}) =>
    validInput(workerSchema, {
      fullName: "示例·测试社工",
      facilityId: String(baiba),
      role: "social_worker",
      phone: "13912345678",
      startsOn: "2026-03-01",
      ...fields,
    });

  it("registers a worker with a qualification and a certificate, and the station's certified share counts them", async () => {
    const window = yearToDate(TODAY);
    const before = await facilityWorkforce(baiba, window);
    const outcome = await registerWorker({
      ...by(planner),
      now: NOW,
      input: worker({
        socialWorkLevel: "intermediate",
        socialWorkCertificateNo: "ZJ2024540099",
        socialWorkYear: "2024",
        "certificates[0].kind": "elderly_carer",
        "certificates[0].number": "YL2025000001",
        "certificates[0].year": "2025",
      }),
    });
    expect(outcome).toMatchObject({ ok: true });
    const id = outcome?.ok ? outcome.value.id : 0;
    const after = await facilityWorkforce(baiba, window);
    expect(after.workers).toBe(before.workers + 1);
    expect(after.certified).toBe(before.certified + 1);
    const shown = await getWorker({ user: planner, id });
    expect(shown).toMatchObject({
      socialWorkCertificateNo: "ZJ2024540099",
      phone: "13912345678",
      certificates: [{ kind: "elderly_carer", number: "YL2025000001", year: 2025 }],
    });
    // The audit says what was registered, never the numbers of the documents or the phone.
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "worker.create"), eq(auditLog.entityId, String(id))));
    expect(JSON.stringify(entry.changes)).not.toContain("ZJ2024540099");
    expect(JSON.stringify(entry.changes)).not.toContain("13912345678");
    expect(entry.changes).toMatchObject({ socialWorkLevel: "intermediate", certificates: "elderly_carer" });
  });

  it("shows certificate numbers and phones in full to whoever keeps the record, masked to the auditor", async () => {
    const { rows } = await listWorkers({ user: auditor, filters: { facility: gar }, now: NOW });
    const certified = rows.find((r) => r.socialWorkCertificateNo);
    expect(certified).toBeDefined();
    const [stored] = await db.select().from(workers).where(eq(workers.id, certified!.id));
    expect(certified!.socialWorkCertificateNo).toBe(maskCertificateNo(stored.socialWorkCertificateNo));
    expect(certified!.socialWorkCertificateNo).not.toBe(stored.socialWorkCertificateNo);
    expect(certified!.phone).not.toBe(stored.phone);
    const full = await getWorker({ user: plannerNgari, id: certified!.id });
    expect(full).toMatchObject({
      canManage: true,
      socialWorkCertificateNo: stored.socialWorkCertificateNo,
      phone: stored.phone,
    });
    // Out of scope: not found at all.
    expect(await getWorker({ user: planner, id: certified!.id })).toBeNull();
  });

  it("refuses a qualification without its certificate number, and a start in the future", async () => {
    const outcome = await registerWorker({
      ...by(planner),
      now: NOW,
      input: worker({ socialWorkLevel: "assistant", startsOn: "2026-07-01" }),
    });
    expect(outcome).toEqual({
      ok: false,
      fieldErrors: { socialWorkCertificateNo: ["validation.required"], startsOn: ["validation.futureDate"] },
    });
  });

  it("lets an organization register only its own employees at the stations it runs, and a station's head only at that station", async () => {
    const own = await registerWorker({
      ...by(orgBayi),
      now: NOW,
      input: worker({ fullName: "示例·启航社工" }),
    });
    expect(own).toMatchObject({ ok: true });
    const [row] = await db.select().from(workers).where(eq(workers.fullName, "示例·启航社工"));
    expect(row.employerOrganizationId).toBe(
      orgBayi.scope.kind === "organization" ? orgBayi.scope.organizationId : -1,
    );
    const elsewhere = await registerWorker({
      ...by(orgBayi),
      now: NOW,
      input: worker({ facilityId: String(gar) }),
    });
    expect(elsewhere).toMatchObject({ ok: false, fieldErrors: { facilityId: ["validation.choice"] } });
    const byHead = await registerWorker({
      ...by(head),
      now: NOW,
      input: worker({ fullName: "示例·站长登记" }),
    });
    expect(byHead).toMatchObject({ ok: true });
    // A station's staff who is not its head keeps no register: the station is no choice for them.
    const byStaff = await registerWorker({
      ...by(staff),
      now: NOW,
      input: worker({ fullName: "示例·社工登记" }),
    });
    expect(byStaff).toMatchObject({ ok: false, fieldErrors: { facilityId: ["validation.choice"] } });
  });

  it("ends an employment once: the worker leaves the figures, the record stays", async () => {
    const created = await registerWorker({
      ...by(planner),
      now: NOW,
      input: worker({ fullName: "示例·将离岗" }),
    });
    const id = created?.ok ? created.value.id : 0;
    const window = yearToDate(TODAY);
    const before = await facilityWorkforce(baiba, window);
    const base = { user: planner, actor: testActor(planner), workerId: id, now: NOW };
    expect(
      await endEmployment({ ...base, key: newFormKey(), input: { endsOn: "2026-06-10", endReason: "调离" } }),
    ).toMatchObject({ ok: true });
    expect((await facilityWorkforce(baiba, window)).workers).toBe(before.workers - 1);
    expect(await endEmployment({ ...base, key: newFormKey(), input: { endsOn: "2026-06-12" } })).toEqual({
      ok: false,
      fieldErrors: { endsOn: ["workforce:errors.alreadyEnded"] },
    });
    const { rows } = await listWorkers({
      user: planner,
      filters: { status: "ended", q: "将离岗" },
      now: NOW,
    });
    expect(rows.map((r) => r.id)).toEqual([id]);
    // The Ngari planner does not keep it: nothing in scope.
    expect(
      await updateWorker({ ...base, user: plannerNgari, key: newFormKey(), input: worker() }),
    ).toBeNull();
  });

  it("records a training with workers and outside participants; hours per worker follow", async () => {
    const window = yearToDate(TODAY);
    const before = await regionWorkforce("540402", window);
    const { rows } = await listWorkers({
      user: planner,
      filters: { facility: baiba, status: "active" },
      now: NOW,
    });
    const ids = rows.slice(0, 2).map((r) => String(r.id));
    const [region] = await db
      .select({ id: regions.id })
      .from(regions)
      .where(eq(regions.code, "540402000000"));
    /** The planner records a training that Bayi district's civil affairs bureau held on 1 June. */
    const record = (fields: Record<string, string | string[]>) =>
      recordTraining({
        ...by(planner),
        now: NOW,
        input: validInput(trainingSchema, {
          regionId: String(region!.id),
          heldOn: "2026-06-01",
          organizer: "巴宜区民政局",
          ...fields,
        }),
      });
    const outcome = await record({
      topic: "测试培训",
      hours: "5",
      outsideParticipants: "20",
      workerIds: ids,
    });
    expect(outcome).toMatchObject({ ok: true });
    const after = await regionWorkforce("540402", window);
    expect(after.total.trainingHours).toBe(before.total.trainingHours + 10);
    const year = await trainingsOver("540402", window);
    const recorded = year.list.find((t) => t.topic === "测试培训");
    expect(recorded).toMatchObject({ hours: 5, participants: 22 });
    // A worker the planner does not see cannot be named a participant.
    const [ngariWorker] = await db
      .select({ id: workers.id })
      .from(workers)
      .where(eq(workers.facilityId, gar))
      .limit(1);
    const refused = await record({ topic: "越权", hours: "2", workerIds: [String(ngariWorker.id)] });
    expect(refused).toEqual({ ok: false, fieldErrors: { workerIds: ["validation.choice"] } });
    const [last] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "training.create"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(last.changes).toMatchObject({ workers: 2, outsideParticipants: 20, hours: 5 });
  });
});

describe("the articles' figures in the demo", () => {
  it("Ngari's carers are all certified at the end of 2023 (持证上岗率 100%)", async () => {
    const ngari = await regionWorkforce("5425", { from: "2023-01-01", asOf: "2023-12-31" });
    expect(ngari.total.carers).toBeGreaterThan(15);
    expect(ngari.total.carersCertifiedShare).toBe(1);
    // Not every worker holds a certificate: the overall share is a figure of its own.
    expect(ngari.total.certifiedShare).toBeLessThan(1);
  });

  it("Bayi ran three trainings in 2023 with 100+ participants", async () => {
    const bayi = await trainingsOver("540402", { from: "2023-01-01", asOf: "2023-12-31" });
    expect(bayi.trainings).toBe(3);
    expect(bayi.participants).toBe(108);
  });
});
