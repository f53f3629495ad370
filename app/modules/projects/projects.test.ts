import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, careProjects, regions } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { message, messageKey } from "~/modules/kernel/messages";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/contract-users";
import { submissionOf, validInput } from "../../../test/factories/forms";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { createProject, updateProject } from "./mutations.server";
import { getProject } from "./queries.server";
import { type ProjectInput, projectSchema } from "./schemas";

useTestDatabase({ template: "demo" });

const regionId = async (code: string) =>
  (await db.select({ id: regions.id }).from(regions).where(eq(regions.code, code)))[0].id;

/** A project form's fields: a valid project unless the test says otherwise. */
const defaults = {
  code: "GAR-YLGA",
  name: "噶尔县农牧区老年人关爱项目",
  kind: "elderly",
  regionId: "1",
  startsOn: "2025-01-01",
  endsOn: "2025-12-31",
};

/** Parses form fields the way the route does (Conform turns empty inputs into undefined). */
const parse = (fields: Record<string, string>) => submissionOf(projectSchema, { ...defaults, ...fields });

const input = (fields: Record<string, string>): ProjectInput =>
  validInput(projectSchema, { ...defaults, ...fields });

const auditRows = (id: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "care_project"), eq(auditLog.entityId, String(id))));

describe("care projects", () => {
  let ngari: SessionUser;
  let bayi: SessionUser;
  let gar: number;
  let bayiDistrict: number;
  beforeAll(async () => {
    [ngari, bayi] = await Promise.all([
      sessionUserFor("planner.ngari@demo.local"),
      sessionUserFor("planner.bayi@demo.local"),
    ]);
    [gar, bayiDistrict] = await Promise.all([regionId("542523000000"), regionId("540402000000")]);
  });

  it("explains each mistake in the project form with a message key, next to its field", () => {
    const errors = (fields: Record<string, string>) => {
      const submission = parse({ regionId: String(gar), ...fields });
      return submission.status === "success" ? {} : (submission.error ?? {});
    };
    expect(errors({})).toEqual({});
    // "required" is a minimum length of 1, which parseForm passes along as the message's value.
    expect(errors({ name: "   " }).name?.map(messageKey)).toEqual(["validation.required"]);
    expect(errors({ code: "GAR ETGA!" }).code).toEqual(["projects:validation.code"]);
    expect(errors({ code: "X".repeat(41) }).code).toEqual([message("validation.tooLong", { max: 40 })]);
    expect(errors({ kind: "sports" }).kind).toEqual(["validation.choice"]);
    expect(errors({ regionId: "north" }).regionId).toEqual(["validation.choice"]);
    expect(errors({ startsOn: "2025-02-30" }).startsOn).toEqual(["validation.date"]);
    expect(errors({ endsOn: "2024-12-31" }).endsOn).toEqual(["validation.endBeforeStart"]);
  });

  it("registers a care project once per form key and audits it", async () => {
    const key = randomUUID();
    const fields = input({ regionId: String(gar), description: "入户探访高龄独居老人" });
    const first = await createProject({ user: ngari, actor: testActor(ngari), key, input: fields });
    const again = await createProject({ user: ngari, actor: testActor(ngari), key, input: fields });
    if (!first?.ok) throw new Error(JSON.stringify(first));
    expect(again).toEqual({ ...first, replayed: true });
    const rows = await db.select().from(careProjects).where(eq(careProjects.code, "GAR-YLGA"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "elderly", regionId: gar, description: "入户探访高龄独居老人" });
    const audit = await auditRows(first.value.id);
    expect(audit.map((a) => a.action)).toEqual(["project.create"]);
    expect(audit[0].actorUserId).toBe(ngari.id);
    expect(audit[0].changes).toMatchObject({ code: "GAR-YLGA", name: "噶尔县农牧区老年人关爱项目" });
  });

  it("refuses a code another project holds, naming that project", async () => {
    const result = await createProject({
      ...by(ngari),
      input: input({ code: "RUT-ETGA", regionId: String(gar) }),
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        code: [message("projects:validation.duplicateCode", { name: "日土县留守和困境儿童关爱保护项目" })],
      },
    });
  });

  it("edits a project and audits what changed, field by field", async () => {
    const [project] = await db.select().from(careProjects).where(eq(careProjects.code, "COQ-ETGA"));
    const result = await updateProject({
      ...by(ngari),
      projectId: project.id,
      input: input({
        code: project.code,
        name: "措勤县留守和困境儿童关爱保护项目（二期）",
        kind: project.kind,
        regionId: String(project.regionId),
        startsOn: project.startsOn,
        endsOn: project.endsOn,
        description: project.description ?? "",
      }),
    });
    expect(result).toEqual({ ok: true, value: { id: project.id }, replayed: false });
    const [after] = await db.select().from(careProjects).where(eq(careProjects.id, project.id));
    expect(after.name).toBe("措勤县留守和困境儿童关爱保护项目（二期）");
    const audit = await auditRows(project.id);
    expect(audit.map((a) => a.action)).toEqual(["project.update"]);
    expect(audit[0].changes).toEqual({
      name: { from: "措勤县留守和困境儿童关爱保护项目", to: "措勤县留守和困境儿童关爱保护项目（二期）" },
    });
  });

  it("refuses a code another project holds on edit too", async () => {
    const [project] = await db.select().from(careProjects).where(eq(careProjects.code, "GAR-ETGA"));
    const result = await updateProject({
      ...by(ngari),
      projectId: project.id,
      input: input({ code: "ALI-ETGA", regionId: String(project.regionId) }),
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        code: [message("projects:validation.duplicateCode", { name: "阿里地区留守和困境儿童关爱保护项目" })],
      },
    });
  });

  it("keeps a planner to the projects of their own region: no register, no edit, not even a sight of one outside", async () => {
    const refused = await createProject({
      ...by(bayi),
      input: input({ code: "BYQ-INTO-NGARI", regionId: String(gar) }),
    });
    expect(refused).toEqual({ ok: false, fieldErrors: { regionId: ["validation.choice"] } });
    expect(await db.select().from(careProjects).where(eq(careProjects.code, "BYQ-INTO-NGARI"))).toEqual([]);

    const [rutog] = await db.select().from(careProjects).where(eq(careProjects.code, "RUT-ETGA"));
    expect(await getProject({ user: bayi, id: rutog.id })).toBeNull();
    // Moving it into their own region does not help: the row itself is not theirs to change (a 404 for the route).
    const edit = await updateProject({
      ...by(bayi),
      projectId: rutog.id,
      input: input({ code: rutog.code, name: "x", regionId: String(bayiDistrict) }),
    });
    expect(edit).toBeNull();
    // Nor may the region's own planner move a project out of the region.
    const away = await updateProject({
      ...by(ngari),
      projectId: rutog.id,
      input: input({ code: rutog.code, name: rutog.name, regionId: String(bayiDistrict) }),
    });
    expect(away).toEqual({ ok: false, fieldErrors: { regionId: ["validation.choice"] } });
    const [unchanged] = await db.select().from(careProjects).where(eq(careProjects.id, rutog.id));
    expect(unchanged).toEqual(rutog);
    expect(await auditRows(rutog.id)).toEqual([]);
  });

  it("shows organization staff a project their organization runs, but lets them change nothing", async () => {
    const staff = await sessionUserFor("org.rutog-sunshine@demo.local");
    const [rutog] = await db.select().from(careProjects).where(eq(careProjects.code, "RUT-ETGA"));
    const seen = await getProject({ user: staff, id: rutog.id });
    expect(seen?.canEdit).toBe(false);
    const edit = await updateProject({
      ...by(staff),
      projectId: rutog.id,
      input: input({ code: rutog.code, name: "x", regionId: String(rutog.regionId) }),
    });
    expect(edit).toEqual({ ok: false, fieldErrors: { regionId: ["validation.choice"] } });
  });
});
