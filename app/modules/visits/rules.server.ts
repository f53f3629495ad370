// The visiting policy in force: the general rules (installed by migration 0005, edited by the admin) and the regions'
// overrides, all from the visit_rules table, and each person's interval under them.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { people, regions, visitRules } from "#db/schema";
import { regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { formProblem } from "~/modules/kernel/messages";
import { refused, type WriteResult } from "~/modules/kernel/write-result";
import { codeAndAncestors } from "~/modules/regions/codes";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";
import { literal } from "~/utils/sql-literals";
import {
  type AppliedRule,
  applicableVisitRules,
  FALLBACK_INTERVAL_DAYS,
  type VisitRule,
  visitIntervalDays,
} from "./rules";

/**
 * Every rule: the general ones and each region's overrides. A regional rule replaces the general one for its own
 * subject in its own region only (see applicableVisitRules), so saving one never changes the policy elsewhere.
 */
export async function loadVisitRules(db: DbOrTx = defaultDb): Promise<VisitRule[]> {
  return db
    .select({
      regionId: visitRules.regionId,
      category: visitRules.category,
      riskTier: visitRules.riskTier,
      intervalDays: visitRules.intervalDays,
    })
    .from(visitRules);
}

type PersonForRules = { id: number; categories: string[]; riskTier: string; villageId: number };

/** Region chains (most specific first) for a set of villages. */
async function regionChains(db: DbOrTx, villageIds: number[]): Promise<Map<number, number[]>> {
  if (villageIds.length === 0) return new Map();
  const villages = await db
    .select({ id: regions.id, code: regions.code })
    .from(regions)
    .where(inArray(regions.id, [...new Set(villageIds)]));
  return chainsOfVillages(db, villages);
}

/** Region chains (most specific first) of villages whose codes are known. */
async function chainsOfVillages(
  db: DbOrTx,
  villages: { id: number; code: string }[],
): Promise<Map<number, number[]>> {
  const chains = new Map<number, number[]>();
  if (villages.length === 0) return chains;
  const codes = [...new Set(villages.flatMap((v) => codeAndAncestors(v.code)))];
  const ids = new Map(
    (
      await db
        .select({ id: regions.id, code: regions.code })
        .from(regions)
        .where(inArray(regions.code, codes))
    ).map((r) => [r.code, r.id]),
  );
  for (const v of villages)
    chains.set(
      v.id,
      codeAndAncestors(v.code)
        .map((c) => ids.get(c))
        .filter((id): id is number => id !== undefined),
    );
  return chains;
}

/** Each person's routine interval in days under the rules in force. */
export async function intervalsForPeople(
  db: DbOrTx,
  personIds: number[],
  rules?: VisitRule[],
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (personIds.length === 0) return result;
  const policy = rules ?? (await loadVisitRules(db));
  const rows: PersonForRules[] = [];
  for (let i = 0; i < personIds.length; i += 5000) {
    rows.push(
      ...(await db
        .select({
          id: people.id,
          categories: people.categories,
          riskTier: people.riskTier,
          villageId: people.villageId,
        })
        .from(people)
        .where(inArray(people.id, personIds.slice(i, i + 5000)))),
    );
  }
  const intervals = await intervalsForFiles(db, rows, policy);
  for (const [i, p] of rows.entries()) result.set(p.id, intervals[i]);
  return result;
}

/** The routine interval of each file described (not necessarily stored yet, e.g. rows of an import), in order. */
export async function intervalsForFiles(
  db: DbOrTx,
  files: Omit<PersonForRules, "id">[],
  rules?: VisitRule[],
): Promise<number[]> {
  if (files.length === 0) return [];
  const policy = rules ?? (await loadVisitRules(db));
  const chains = await regionChains(
    db,
    files.map((r) => r.villageId),
  );
  return files.map(
    (p) =>
      visitIntervalDays(
        { categories: p.categories, riskTier: p.riskTier, regionIds: chains.get(p.villageId) ?? [] },
        policy,
      ) ?? FALLBACK_INTERVAL_DAYS,
  );
}

/**
 * One person's routine interval, as intervalsForPeople answers it. A recorded visit asks for it inside its
 * transaction, where each round trip to PostgreSQL is a socket write of the app's (issue 17): the rules and the person
 * with the village's code are asked for together, the village's chain after — three statements in two round trips
 * instead of four in four.
 */
export async function intervalForPerson(db: DbOrTx, personId: number): Promise<number> {
  const [policy, [person]] = await Promise.all([
    loadVisitRules(db),
    db
      .select({
        categories: people.categories,
        riskTier: people.riskTier,
        villageId: people.villageId,
        villageCode: regions.code,
      })
      .from(people)
      .leftJoin(regions, eq(regions.id, people.villageId))
      .where(eq(people.id, personId)),
  ]);
  if (!person) return FALLBACK_INTERVAL_DAYS;
  const { villageId, villageCode } = person;
  const chains = villageCode ? await chainsOfVillages(db, [{ id: villageId, code: villageCode }]) : new Map();
  return (
    visitIntervalDays(
      { categories: person.categories, riskTier: person.riskTier, regionIds: chains.get(villageId) ?? [] },
      policy,
    ) ?? FALLBACK_INTERVAL_DAYS
  );
}

/** The rules behind one person's cadence, for the file page ("why weekly?"). */
export async function rulesForPerson(
  person: { categories: string[]; riskTier: string; villageId: number },
  db: DbOrTx = defaultDb,
): Promise<AppliedRule[]> {
  const [policy, chains] = await Promise.all([loadVisitRules(db), regionChains(db, [person.villageId])]);
  return applicableVisitRules(
    {
      categories: person.categories,
      riskTier: person.riskTier,
      regionIds: chains.get(person.villageId) ?? [],
    },
    policy,
  ).sort((a, b) => a.intervalDays - b.intervalDays);
}

/** Every rule with the name of its region, for the rules page. */
export async function listVisitRules(db: DbOrTx = defaultDb) {
  return db
    .select({
      id: visitRules.id,
      regionId: visitRules.regionId,
      regionName: regions.name,
      regionCode: regions.code,
      category: visitRules.category,
      riskTier: visitRules.riskTier,
      intervalDays: visitRules.intervalDays,
      note: visitRules.note,
      updatedAt: visitRules.updatedAt,
    })
    .from(visitRules)
    .leftJoin(regions, eq(regions.id, visitRules.regionId))
    .orderBy(
      sql`${visitRules.regionId} is not null`,
      asc(regions.code),
      sql`${visitRules.riskTier} is null`,
      sql`case ${visitRules.riskTier} when ${literal(visitRules.riskTier, "high")} then 0 when ${literal(visitRules.riskTier, "key")} then 1 else 2 end`,
      asc(visitRules.category),
    );
}

/** Regions a user may set rules for: planners their own region and below; the admin everywhere (null = general). */
export async function ruleRegionsFor(user: SessionUser, db: DbOrTx = defaultDb) {
  if (user.scope.kind === "all")
    return db
      .select({ id: regions.id, name: regions.name, code: regions.code, level: regions.level })
      .from(regions)
      .where(inArray(regions.level, ["prefecture", "county", "township"]))
      .orderBy(asc(regions.code));
  if (user.scope.kind !== "region") return [];
  return db
    .select({ id: regions.id, name: regions.name, code: regions.code, level: regions.level })
    .from(regions)
    .where(and(inArray(regions.level, ["prefecture", "county", "township"]), regionsInScope(user)))
    .orderBy(asc(regions.code));
}

/** Why the user may not set a rule for this region (null = everywhere), or null when they may. */
async function ruleRegionProblem(db: DbOrTx, user: SessionUser, regionId: number | null) {
  if (regionId === null) return user.scope.kind === "all" ? null : "visitTools:rules.errors.generalAdminOnly";
  const allowed = await ruleRegionsFor(user, db);
  return allowed.some((r) => r.id === regionId) ? null : "visitTools:rules.errors.regionOutOfScope";
}

const stored = <T>(value: T) => ({ ok: true as const, value, replayed: false });

// why: a rule is a setting (posting it twice stores the same), so its forms carry no form key and these writes
// run in a transaction of their own rather than through `write`.

/** Creates or changes the rule for one subject in one region (or everywhere, for the admin). */
export async function saveVisitRule({
  user,
  actor,
  input: { regionId = null, subject, intervalDays, note },
}: {
  user: SessionUser;
  actor: AuditActor;
  input: { regionId?: number | null; subject: string; intervalDays: number; note?: string };
}): Promise<WriteResult> {
  return defaultDb.transaction(async (tx) => {
    const problem = await ruleRegionProblem(tx, user, regionId);
    if (problem) return refused(formProblem(problem));
    const [kind, value] = subject.split(":");
    const category = kind === "category" ? value : null;
    const riskTier = kind === "tier" ? value : null;
    const [existing] = await tx
      .select()
      .from(visitRules)
      .where(
        and(
          regionId === null ? isNull(visitRules.regionId) : eq(visitRules.regionId, regionId),
          category === null ? isNull(visitRules.category) : eq(visitRules.category, category),
          riskTier === null ? isNull(visitRules.riskTier) : eq(visitRules.riskTier, riskTier),
        ),
      )
      .for("update");
    let id: number;
    if (existing) {
      await tx
        .update(visitRules)
        .set({ intervalDays, note: note ?? null, updatedBy: user.id })
        .where(eq(visitRules.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx
        .insert(visitRules)
        .values({ regionId, category, riskTier, intervalDays, note: note ?? null, updatedBy: user.id })
        .returning({ id: visitRules.id });
      id = row.id;
    }
    await recordAudit(tx, actor, {
      action: "visit_rule.save",
      entityType: "visit_rule",
      entityId: id,
      changes: { regionId, subject, intervalDays: [existing?.intervalDays ?? null, intervalDays] },
      reason: note ?? null,
    });
    return stored({ id });
  });
}

/** Removes a regional rule (the general policy applies again there). General rules can be changed, not removed. */
export async function deleteVisitRule({
  user,
  actor,
  ruleId,
}: {
  user: SessionUser;
  actor: AuditActor;
  ruleId: number;
}): Promise<WriteResult> {
  return defaultDb.transaction(async (tx) => {
    const [rule] = await tx.select().from(visitRules).where(eq(visitRules.id, ruleId)).for("update");
    const problem = !rule
      ? "visitTools:rules.errors.notFound"
      : rule.regionId === null
        ? "visitTools:rules.errors.generalNotRemovable"
        : await ruleRegionProblem(tx, user, rule.regionId);
    if (problem) return refused(formProblem(problem));
    await tx.delete(visitRules).where(eq(visitRules.id, ruleId));
    await recordAudit(tx, actor, {
      action: "visit_rule.delete",
      entityType: "visit_rule",
      entityId: ruleId,
      changes: {
        regionId: rule.regionId,
        subject: rule.category ? `category:${rule.category}` : `tier:${rule.riskTier}`,
        intervalDays: rule.intervalDays,
      },
    });
    return stored({ id: ruleId });
  });
}
