// Every search of people's files is audited (PIPL; issue 7). The search text is kept, except that anything
// that could be an ID number is masked first, so the audit log never holds a plain ID number.
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { maskIdNumber, maskIdNumbersIn } from "~/utils/id-number-mask";
import type { PeopleFilters } from "./schemas";

export function maskedSearchText(q: string): string {
  return maskIdNumbersIn(q).replace(/[0-9Xx]{6,}/g, (digits) =>
    digits.length >= 8 ? maskIdNumber(digits) : "*".repeat(digits.length),
  );
}

/** Records a search when the user searched or filtered (the plain, unfiltered register is not a search). */
export async function auditPeopleSearch(
  actor: AuditActor,
  filters: PeopleFilters,
  results: number,
  /** The count stopped at a cap: there are more than `results`. */
  more = false,
): Promise<void> {
  const { q, status: _status, ...rest } = filters;
  const narrowed = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (!q && Object.keys(narrowed).length === 0) return;
  await recordAuditNow(actor, {
    action: "search",
    entityType: "person",
    changes: { ...(q ? { q: maskedSearchText(q) } : {}), ...narrowed, results, ...(more ? { more } : {}) },
  });
}

/** The activity form's live search for people a contract served: every search, with how many came back masked. */
export async function auditContractPeopleSearch(
  actor: AuditActor,
  { contractId, q, results, masked }: { contractId: number; q: string; results: number; masked: number },
): Promise<void> {
  await recordAuditNow(actor, {
    action: "search",
    entityType: "person",
    changes: { q: maskedSearchText(q), contractId, results, ...(masked ? { masked } : {}) },
  });
}
