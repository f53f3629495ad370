// Keeping the workforce register: registering a worker, editing the record, ending the employment (trainings:
// trainings.server.ts). Every write is audited; certificate numbers and phones never enter the audit log.
import { and, eq, sql } from "drizzle-orm";
import { contracts, facilities, users, workerCertificates, workers } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { fieldProblem, type Problems } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { todayInShanghai } from "~/utils/dates";
import type { Tx } from "~/utils/db.server";
import type { EndEmploymentInput, WorkerInput } from "./schemas";
import { facilitiesStaffedBy, workersInScope, workersManagedBy } from "./scope.server";

type Base = Writer & { now?: Date };

/** Numbers that identify a person's documents: the audit entry says they changed, not what they are. */
const hidden = (v: string | null | undefined) => (v ? "***" : null);

/** Checks across fields and against the register; answers the record's columns. */
async function columnsOf(tx: Tx, user: SessionUser, input: WorkerInput, today: string) {
  const problems: Problems = { fieldErrors: {} };
  const fail = (field: string, key: string) => {
    problems.fieldErrors![field] = [...(problems.fieldErrors![field] ?? []), key];
  };
  const [facility] = await tx
    .select({ id: facilities.id })
    .from(facilities)
    .where(and(eq(facilities.id, input.facilityId), facilitiesStaffedBy(user)));
  if (!facility) fail("facilityId", "validation.choice");
  // An organization's staff register only its own employees.
  const employer =
    user.role === "org_staff" && user.scope.kind === "organization"
      ? user.scope.organizationId
      : (input.employerOrganizationId ?? null);
  if (employer != null && facility) {
    const [contract] = await tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(
        and(
          eq(contracts.facilityId, input.facilityId),
          eq(contracts.organizationId, employer),
          sql`${contracts.status} <> 'draft'`,
        ),
      )
      .limit(1);
    if (!contract) fail("employerOrganizationId", "workforce:errors.employerNotUnderContract");
  }
  if (input.socialWorkLevel && !input.socialWorkCertificateNo)
    fail("socialWorkCertificateNo", "validation.required");
  if (!input.socialWorkLevel && (input.socialWorkCertificateNo || input.socialWorkYear))
    fail("socialWorkLevel", "validation.required");
  if (input.startsOn > today) fail("startsOn", "validation.futureDate");
  input.certificates.forEach((c, i) => {
    if (c.kind === "other" && !c.name) fail(`certificates[${i}].name`, "validation.required");
  });
  let userId: number | null = null;
  if (input.accountEmail) {
    // The account must belong to the facility or to the employer: a worker is never linked to a stranger's account.
    const [account] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          sql`lower(${users.email}) = ${input.accountEmail.toLowerCase()}`,
          sql`(${users.facilityId} = ${input.facilityId} or ${users.organizationId} = ${employer ?? 0})`,
        ),
      );
    if (account) userId = account.id;
    else fail("accountEmail", "workforce:errors.accountNotHere");
  }
  if (Object.keys(problems.fieldErrors!).length) refuse(problems);
  return {
    fullName: input.fullName,
    facilityId: input.facilityId,
    employerOrganizationId: employer,
    role: input.role,
    phone: input.phone ?? null,
    userId,
    socialWorkLevel: input.socialWorkLevel ?? null,
    socialWorkCertificateNo: input.socialWorkLevel ? (input.socialWorkCertificateNo ?? null) : null,
    socialWorkYear: input.socialWorkLevel ? (input.socialWorkYear ?? null) : null,
    startsOn: input.startsOn,
  };
}

async function replaceCertificates(tx: Tx, workerId: number, input: WorkerInput) {
  await tx.delete(workerCertificates).where(eq(workerCertificates.workerId, workerId));
  if (input.certificates.length)
    await tx.insert(workerCertificates).values(
      input.certificates.map((c) => ({
        workerId,
        kind: c.kind,
        name: c.kind === "other" ? (c.name ?? null) : null,
        number: c.number ?? null,
        year: c.year ?? null,
      })),
    );
}

/** What the audit keeps of a record: everything but the numbers of documents and the phone. */
function audited(columns: Awaited<ReturnType<typeof columnsOf>>, input: WorkerInput) {
  return {
    ...columns,
    phone: hidden(columns.phone),
    socialWorkCertificateNo: hidden(columns.socialWorkCertificateNo),
    certificates: input.certificates.map((c) => c.kind).join(",") || null,
  };
}

export async function registerWorker({
  user,
  actor,
  key,
  input,
  now = new Date(),
}: Base & { input: WorkerInput }): Promise<WriteResult<{ id: number }> | null> {
  const action = "worker.create";
  return write({ user, key, action }, async (tx) => {
    const columns = await columnsOf(tx, user, input, todayInShanghai(now));
    const [row] = await tx.insert(workers).values(columns).returning({ id: workers.id });
    await replaceCertificates(tx, row.id, input);
    await recordAudit(tx, actor, {
      action,
      entityType: "worker",
      entityId: row.id,
      changes: audited(columns, input),
    });
    return { id: row.id };
  });
}

/** The worker locked for a change, when the user keeps the record. */
async function lockWorker(tx: Tx, user: SessionUser, workerId: number) {
  const [row] = await tx
    .select()
    .from(workers)
    .where(and(eq(workers.id, workerId), workersInScope(user), workersManagedBy(user)))
    .for("update");
  return row ?? null;
}

/** A change of one worker's record: the row locked in the user's keeping, or nothing to act on (null). */
function changeWorker(
  { user, key }: Base,
  workerId: number,
  action: string,
  work: (tx: Tx, before: typeof workers.$inferSelect) => Promise<{ id: number }>,
): Promise<WriteResult<{ id: number }> | null> {
  return write({ user, key, action }, async (tx) => {
    const before = await lockWorker(tx, user, workerId);
    return before ? work(tx, before) : null;
  });
}

export async function updateWorker({
  workerId,
  input,
  now = new Date(),
  ...base
}: Base & { workerId: number; input: WorkerInput }): Promise<WriteResult<{ id: number }> | null> {
  const { user, actor } = base;
  const action = "worker.update";
  return changeWorker(base, workerId, action, async (tx, before) => {
    const columns = await columnsOf(tx, user, input, todayInShanghai(now));
    if (before.endsOn && columns.startsOn > before.endsOn)
      refuse(fieldProblem("startsOn", "validation.endBeforeStart"));
    await tx.update(workers).set(columns).where(eq(workers.id, workerId));
    await replaceCertificates(tx, workerId, input);
    const next = audited(columns, input);
    const changes = diffChanges(
      {
        ...before,
        phone: hidden(before.phone),
        socialWorkCertificateNo: hidden(before.socialWorkCertificateNo),
      },
      { ...next, certificates: undefined },
    );
    await recordAudit(tx, actor, {
      action,
      entityType: "worker",
      entityId: workerId,
      changes: { ...changes, certificates: next.certificates },
    });
    return { id: workerId };
  });
}

export async function endEmployment({
  workerId,
  input,
  now = new Date(),
  ...base
}: Base & { workerId: number; input: EndEmploymentInput }): Promise<WriteResult<{ id: number }> | null> {
  const action = "worker.end";
  return changeWorker(base, workerId, action, async (tx, before) => {
    if (before.endsOn) refuse(fieldProblem("endsOn", "workforce:errors.alreadyEnded"));
    if (input.endsOn < before.startsOn) refuse(fieldProblem("endsOn", "validation.endBeforeStart"));
    // why: a month ahead at most: a notice period is known, a date far ahead is a typing slip.
    const latest = new Date(now.getTime() + 31 * 86_400_000);
    if (input.endsOn > todayInShanghai(latest)) refuse(fieldProblem("endsOn", "validation.futureDate"));
    await tx
      .update(workers)
      .set({ endsOn: input.endsOn, endReason: input.endReason ?? null })
      .where(eq(workers.id, workerId));
    await recordAudit(tx, base.actor, {
      action,
      entityType: "worker",
      entityId: workerId,
      changes: { endsOn: input.endsOn, endReason: input.endReason ?? null },
    });
    return { id: workerId };
  });
}
