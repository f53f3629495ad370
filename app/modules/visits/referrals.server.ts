// Referrals made on home visits (转介): open until their result is recorded, listed with the visit and on the file.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { referrals } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { formProblem } from "~/modules/kernel/messages";
import { refuse, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { type DbOrTx, db } from "~/utils/db.server";
import { lockVisit, type Writer } from "./mutations.server";

export type ReferralResultInput = {
  referralId: number;
  result: "granted" | "refused" | "withdrawn" | "other";
  resultNote?: string;
  resultOn: string;
};

/** Closes an open referral of this visit with its result. */
export async function recordReferralResult({
  visitId,
  input,
  ...writer
}: Writer & { visitId: number; input: ReferralResultInput }): Promise<WriteResult | null> {
  const { user, actor, key } = writer;
  return write({ user, key, action: "referral.result" }, async (tx) => {
    const visit = await lockVisit(tx, user, visitId);
    if (!visit) return null;
    const [closed] = await tx
      .update(referrals)
      .set({
        status: "closed",
        result: input.result,
        resultNote: input.resultNote ?? null,
        resultOn: input.resultOn,
        closedBy: user.id,
      })
      .where(
        and(eq(referrals.id, input.referralId), eq(referrals.visitId, visitId), eq(referrals.status, "open")),
      )
      .returning({ id: referrals.id, kind: referrals.kind });
    if (!closed) refuse(formProblem("visits:errors.referralClosed"));
    await recordAudit(tx, actor, {
      action: "referral.result",
      entityType: "visit",
      entityId: visitId,
      changes: { referralId: closed.id, kind: closed.kind, result: input.result, resultOn: input.resultOn },
    });
    return { id: closed.id };
  });
}

const referralColumns = {
  id: referrals.id,
  visitId: referrals.visitId,
  kind: referrals.kind,
  note: referrals.note,
  status: referrals.status,
  result: referrals.result,
  resultNote: referrals.resultNote,
  resultOn: referrals.resultOn,
  createdAt: referrals.createdAt,
};

/** The referrals of some visits (the caller checked scope on the visits). */
export async function referralsOfVisits(visitIds: number[], database: DbOrTx = db) {
  if (visitIds.length === 0) return [];
  return database
    .select(referralColumns)
    .from(referrals)
    .where(inArray(referrals.visitId, visitIds))
    .orderBy(desc(referrals.status), asc(referrals.id));
}
