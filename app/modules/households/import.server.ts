// The people import's household columns (户编号, 与户主关系): each row's cells checked, the file's households checked
// against each other and the register, then the imported people placed in households — an existing household of the
// row's village with that number is joined, a new one is created.
import { and, eq, inArray, sql } from "drizzle-orm";
import { householdMembers, households } from "#db/schema";
import boCommon from "~/locales/bo/common.json";
import enCommon from "~/locales/en/common.json";
import zhCommon from "~/locales/zh-CN/common.json";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { type Message, message } from "~/modules/kernel/messages";
import type { DbOrTx } from "~/utils/db.server";
import { type HouseholdRelation, householdRelations } from "./relations";

/** The import's columns for households, appended to the people import's (app/modules/imports/people.server.ts). */
export const householdImportColumns = [
  { field: "householdNumber", headers: ["户编号", "householdnumber", "household number", "household"] },
  { field: "relation", headers: ["与户主关系", "relation", "relationship"] },
] as const;

const relationByLabel = new Map<string, HouseholdRelation>();
for (const r of householdRelations) relationByLabel.set(r, r);
for (const labels of [
  zhCommon.enum.householdRelation,
  enCommon.enum.householdRelation,
  boCommon.enum.householdRelation,
])
  for (const [code, label] of Object.entries(labels)) {
    const relation = householdRelations.find((r) => r === code);
    if (!relation) continue;
    relationByLabel.set(label.toLowerCase(), relation);
    relationByLabel.set(label.replace(/[\s\u0F0B\u0F0D]+$/u, "").toLowerCase(), relation);
  }
for (const [label, relation] of [
  ["户主", "head"],
  ["本人", "head"],
  ["本人/户主", "head"],
  ["妻", "spouse"],
  ["夫", "spouse"],
  ["子", "child"],
  ["女", "child"],
  ["儿子", "child"],
  ["女儿", "child"],
  ["父亲", "parent"],
  ["母亲", "parent"],
  ["孙子", "grandchild"],
  ["孙女", "grandchild"],
  ["兄弟", "sibling"],
  ["姐妹", "sibling"],
] as const)
  relationByLabel.set(label, relation);

export type ImportedHousehold = { number: string; relation: HouseholdRelation };

/** One row's household cells: nothing, a household to join (a member by default), or a problem by field. */
export function householdOfRow(values: { householdNumber?: string; relation?: string }): {
  household?: ImportedHousehold;
  problem?: { field: string; message: Message };
} {
  const { householdNumber: number, relation: label } = values;
  if (!number)
    return label ? { problem: { field: "householdNumber", message: "households:import.numberMissing" } } : {};
  if ([...number].length > 40)
    return { problem: { field: "householdNumber", message: message("validation.tooLong", { max: 40 }) } };
  const relation = label ? relationByLabel.get(label.trim().toLowerCase()) : "other";
  if (!relation)
    return {
      problem: {
        field: "relation",
        message: message("households:import.unknownRelation", { value: label! }),
      },
    };
  return { household: { number, relation } };
}

type Placed = { line: number; villageId: number; household: ImportedHousehold };

/**
 * Problems between rows and with the register: two heads for one household in the file, or a head for a household
 * that already has one.
 */
export async function householdImportProblems(
  db: DbOrTx,
  rows: Placed[],
): Promise<{ row: number; field: string; message: Message }[]> {
  const problems: { row: number; field: string; message: Message }[] = [];
  const headLine = new Map<string, number>();
  for (const r of rows) {
    if (r.household.relation !== "head") continue;
    const key = `${r.villageId}|${r.household.number}`;
    const earlier = headLine.get(key);
    if (earlier)
      problems.push({
        row: r.line,
        field: "relation",
        message: message("households:import.secondHead", { row: earlier }),
      });
    else headLine.set(key, r.line);
  }
  const heads = rows.filter((r) => r.household.relation === "head");
  if (heads.length) {
    const existing = await db
      .select({ villageId: households.villageId, number: households.number })
      .from(households)
      .innerJoin(
        householdMembers,
        and(eq(householdMembers.householdId, households.id), eq(householdMembers.relation, "head")),
      )
      .where(
        and(
          inArray(households.villageId, [...new Set(heads.map((r) => r.villageId))]),
          inArray(households.number, [...new Set(heads.map((r) => r.household.number))]),
        ),
      );
    const headed = new Set(existing.map((e) => `${e.villageId}|${e.number}`));
    for (const r of heads)
      if (headed.has(`${r.villageId}|${r.household.number}`))
        problems.push({ row: r.line, field: "relation", message: "households:import.hasHead" });
  }
  return problems;
}

/** The step the import's transaction runs once its people are written: joins or creates their households. */
export async function placeImportedPeople(
  tx: DbOrTx,
  {
    user,
    actor,
    rows,
  }: {
    user: SessionUser;
    actor: AuditActor;
    rows: { personId: number; villageId: number; address: string | null; household: ImportedHousehold }[];
  },
): Promise<void> {
  if (rows.length === 0) return;
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.villageId}|${r.household.number}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const created: number[] = [];
  const joined: number[] = [];
  for (const group of byKey.values()) {
    const { villageId, household } = group[0];
    const address = (group.find((r) => r.household.relation === "head") ?? group[0]).address;
    // Created unless the village has it already (one statement either way; the unique index decides).
    const [row] = await tx
      .insert(households)
      .values({ number: household.number, villageId, address, createdBy: user.id })
      .onConflictDoUpdate({
        target: [households.villageId, households.number],
        set: { updatedAt: sql`now()` },
      })
      .returning({ id: households.id, isNew: sql<boolean>`(xmax = 0)` });
    (row.isNew ? created : joined).push(row.id);
    await tx.insert(householdMembers).values(
      group.map((r) => ({
        personId: r.personId,
        householdId: row.id,
        relation: r.household.relation,
        addedBy: user.id,
      })),
    );
  }
  await recordAudit(tx, actor, {
    action: "household.import",
    entityType: "household",
    entityId: null,
    changes: { created, joined, members: rows.length },
  });
}
