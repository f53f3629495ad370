// Reading the sign-off: a contract's months and their states, one month in detail, and the months waiting on
// someone (the organization: ended months never submitted, months returned or reopened; the planner: months
// submitted). `waitingMonths` is the one definition the list page, the home pages and the reminders count.
import { and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { careProjects, contractMonths, contracts, facilities, organizations, users } from "#db/schema";
import { contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { contractHeading, withParties } from "~/modules/contracts/summaries.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb, queryRows } from "~/utils/db.server";
import { isDue, type MonthState, reportingMonths } from "./months";
import { monthSummary } from "./summary.server";

/** A completed contract's last months are still owed for this long after its end. */
export const OWED_AFTER_END_DAYS = 62;

export const waitingFilters = ["todo", "submitted"] as const;
export type WaitingFilter = (typeof waitingFilters)[number];

export type WaitingMonth = {
  contractId: number;
  code: string;
  title: string;
  subjectName: string;
  organizationName: string;
  month: string;
  state: MonthState;
  /** When the planner returned or reopened it (null for a month never submitted). */
  decidedAt: string | null;
};

/**
 * The months waiting on the organization ("todo") or on the planner ("submitted"), in `scope` (SQL on contracts).
 * Owed: every month of an active contract (or one completed in the last OWED_AFTER_END_DAYS) from its first to the
 * one before the current month without a submission, and any month returned or reopened.
 */
export async function waitingMonths(
  db: DbOrTx,
  {
    scope,
    filter,
    today,
    limit = 1000,
    offset = 0,
  }: { scope: SQL; filter: WaitingFilter; today: string; limit?: number; offset?: number },
): Promise<{ rows: WaitingMonth[]; total: number }> {
  const series = sql`generate_series(date_trunc('month', ${contracts.startsOn}::timestamp),
      least(date_trunc('month', ${contracts.endsOn}::timestamp), date_trunc('month', ${today}::date::timestamp)),
      interval '1 month')`;
  const owing =
    filter === "todo"
      ? sql`(${contracts.status} = 'active' or (${contracts.status} = 'completed'
            and ${contracts.endsOn} >= ${addDaysToDate(today, -OWED_AFTER_END_DAYS)}::date))
          and ((${contractMonths.status} is null and gs.m < date_trunc('month', ${today}::date::timestamp))
            or ${contractMonths.status} in ('returned', 'reopened'))`
      : sql`${contractMonths.status} = 'submitted'`;
  const rows = await queryRows<WaitingMonth & { total: number }>(
    db,
    sql`select ${contracts.id} as "contractId", ${contracts.code} as code, ${contracts.title} as title,
        coalesce(${facilities.name}, ${careProjects.name}) as "subjectName", ${organizations.name} as "organizationName",
        to_char(gs.m, 'YYYY-MM') as month, coalesce(${contractMonths.status}, 'unsubmitted') as state,
        to_char(${contractMonths.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "decidedAt",
        (count(*) over ())::int as total
      from ${contracts}
      join ${organizations} on ${organizations.id} = ${contracts.organizationId}
      left join ${facilities} on ${facilities.id} = ${contracts.facilityId}
      left join ${careProjects} on ${careProjects.id} = ${contracts.careProjectId}
      cross join lateral ${series} as gs(m)
      left join ${contractMonths} on ${contractMonths.contractId} = ${contracts.id}
        and ${contractMonths.month} = to_char(gs.m, 'YYYY-MM')
      where (${scope}) and ${contracts.status} <> 'draft' and (${owing})
      order by gs.m, ${contracts.code}
      limit ${limit} offset ${offset}`,
  );
  return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export function listWaitingMonths({
  user,
  filter,
  page = 1,
  pageSize = 50,
  today = todayInShanghai(),
}: {
  user: SessionUser;
  filter: WaitingFilter;
  page?: number;
  pageSize?: number;
  today?: string;
}) {
  return waitingMonths(defaultDb, {
    scope: contractsInScope(user),
    filter,
    today,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
}

const submitter = alias(users, "submitter");
const decider = alias(users, "decider");

/** The contract's months, first to current, each with its state; null when the contract is not the user's to see. */
export async function contractMonthsPage({
  user,
  contractId,
  month,
  today = todayInShanghai(),
}: {
  user: SessionUser;
  contractId: number;
  month: string | null;
  today?: string;
}) {
  const [contract] = await withParties(defaultDb.select(contractHeading).from(contracts).$dynamic()).where(
    and(eq(contracts.id, contractId), contractsInScope(user)),
  );
  if (!contract) return null;
  const rows = await defaultDb
    .select({
      month: contractMonths.month,
      status: contractMonths.status,
      summary: contractMonths.summary,
      note: contractMonths.note,
      comment: contractMonths.comment,
      submittedAt: contractMonths.submittedAt,
      submittedBy: submitter.name,
      decidedAt: contractMonths.decidedAt,
      decidedBy: decider.name,
    })
    .from(contractMonths)
    .leftJoin(submitter, eq(submitter.id, contractMonths.submittedBy))
    .leftJoin(decider, eq(decider.id, contractMonths.decidedBy))
    .where(eq(contractMonths.contractId, contractId));
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const months = reportingMonths(contract.startsOn, contract.endsOn, today)
    .reverse()
    .map((m) => ({ month: m, state: (byMonth.get(m)?.status ?? "unsubmitted") as MonthState }));
  // Without a month asked for: the latest one waiting on someone, else the latest.
  const waiting = months.find((m) => m.state === "submitted" || isDue(m.state, m.month, today));
  const chosen =
    month && months.some((m) => m.month === month) ? month : ((waiting ?? months[0])?.month ?? null);
  const detail = chosen
    ? {
        month: chosen,
        state: (byMonth.get(chosen)?.status ?? "unsubmitted") as MonthState,
        record: byMonth.get(chosen) ?? null,
        live: await monthSummary(defaultDb, contractId, chosen),
      }
    : null;
  return { contract, months, detail, today };
}

/** The state of one month of a contract, for the monthly report. */
export async function monthSignoff(contractId: number, month: string) {
  const [row] = await defaultDb
    .select({
      status: contractMonths.status,
      comment: contractMonths.comment,
      submittedAt: contractMonths.submittedAt,
      decidedAt: contractMonths.decidedAt,
    })
    .from(contractMonths)
    .where(and(eq(contractMonths.contractId, contractId), eq(contractMonths.month, month)));
  return { state: (row?.status ?? "unsubmitted") as MonthState, ...(row ?? {}) };
}

/** How many months of the contract are approved, submitted and waiting on the organization, for the contract page. */
export async function signoffCounts(
  contractId: number,
  startsOn: string,
  endsOn: string,
  today = todayInShanghai(),
) {
  const rows = await defaultDb
    .select({ month: contractMonths.month, status: contractMonths.status })
    .from(contractMonths)
    .where(eq(contractMonths.contractId, contractId));
  const byMonth = new Map(rows.map((r) => [r.month, r.status]));
  const counts = { approved: 0, submitted: 0, owed: 0 };
  for (const m of reportingMonths(startsOn, endsOn, today)) {
    const s = byMonth.get(m);
    if (s === "approved") counts.approved++;
    else if (s === "submitted") counts.submitted++;
    else if (s === "returned" || s === "reopened" || m < today.slice(0, 7)) counts.owed++;
  }
  return counts;
}
