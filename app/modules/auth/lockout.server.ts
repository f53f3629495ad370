// Sign-in throttling with growing delays instead of hard locks, so that neither a colleague's typos behind the same
// address nor a stranger who knows an email can lock anyone else out:
// - an account, from one address: after 5 failures (since its last success, within 15 minutes) each further try
//   waits 30 s, then 1, 2, 4 … minutes (at most 15) after the last failure;
// - an account, from everywhere else: the same, counting failures from all addresses, except at an address where
//   the account signed in successfully in the last 30 days (so a stranger elsewhere cannot keep its owner out);
// - an address: only when it fails against 10 or more accounts (password spraying) does every try from it wait,
//   15 s and doubling per further account.
// A refused try is not checked, so it neither counts as a failure nor lengthens the delay.
import { sql } from "drizzle-orm";
import { signInAttempts } from "#db/schema";
import { db, queryRows } from "~/utils/db.server";

export const LOCKOUT_MAX_FAILURES = 5;
const KNOWN_ADDRESS_DAYS = 30;
export const SPRAY_ACCOUNTS = 10;
const WINDOW_MINUTES = 15;
const MAX_DELAY_SECONDS = 15 * 60;

export type Lockout =
  | { locked: false }
  | { locked: true; by: "account" | "ip"; retryAfterSeconds: number; retryAfterMinutes: number };

/** Seconds to wait after the last failure: `base` doubling for each failure past the threshold, capped. */
export function delaySeconds(count: number, threshold: number, base: number): number {
  if (count < threshold) return 0;
  return Math.min(MAX_DELAY_SECONDS, base * 2 ** Math.min(count - threshold, 20));
}

export async function signInLockout({
  email,
  ip,
  now = new Date(),
}: {
  email: string;
  ip: string | null;
  now?: Date;
}): Promise<Lockout> {
  const a = signInAttempts;
  const since = sql`${now.toISOString()}::timestamptz - make_interval(mins => ${WINDOW_MINUTES})`;
  const [row] = await queryRows<{
    account_failures: number;
    account_last: string | null;
    pair_failures: number;
    pair_last: string | null;
    ip_accounts: number;
    ip_last: string | null;
    known_address: boolean;
  }>(
    db,
    sql`with last_ok as (
          select coalesce(max(${a.at}), '-infinity'::timestamptz) as at from ${a}
          where ${a.email} = ${email} and ${a.succeeded}
        ), account as (
          select ${a.ip} as ip, ${a.at} as at from ${a}, last_ok
          where ${a.email} = ${email} and not ${a.succeeded} and ${a.at} > greatest(${since}, last_ok.at)
        ), spray as (
          select ${a.email} as email, ${a.at} as at from ${a}
          where ${ip}::inet is not null and ${a.ip} = ${ip}::inet and not ${a.succeeded} and ${a.at} > ${since}
        )
        select
          (select count(*)::int from account) as account_failures,
          (select max(at) from account) as account_last,
          (select count(*)::int from account where ip is not distinct from ${ip}::inet) as pair_failures,
          (select max(at) from account where ip is not distinct from ${ip}::inet) as pair_last,
          (select count(distinct email)::int from spray) as ip_accounts,
          (select max(at) from spray) as ip_last,
          exists (
            select 1 from ${a} where ${a.email} = ${email} and ${a.succeeded} and ${a.ip} = ${ip}::inet
            and ${a.at} > ${now.toISOString()}::timestamptz - make_interval(days => ${KNOWN_ADDRESS_DAYS})
          ) as known_address`,
  );
  const waitLeft = (last: string | null, seconds: number) =>
    last && seconds > 0 ? Math.ceil((new Date(last).getTime() + seconds * 1000 - now.getTime()) / 1000) : 0;
  const account = Math.max(
    waitLeft(row.pair_last, delaySeconds(row.pair_failures, LOCKOUT_MAX_FAILURES, 30)),
    row.known_address
      ? 0
      : waitLeft(row.account_last, delaySeconds(row.account_failures, LOCKOUT_MAX_FAILURES, 30)),
  );
  const address = waitLeft(row.ip_last, delaySeconds(row.ip_accounts, SPRAY_ACCOUNTS, 15));
  const left = Math.max(account, address);
  if (left <= 0) return { locked: false };
  return {
    locked: true,
    by: account >= address ? "account" : "ip",
    retryAfterSeconds: left,
    retryAfterMinutes: Math.max(1, Math.ceil(left / 60)),
  };
}
