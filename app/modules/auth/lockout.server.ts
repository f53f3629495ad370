// Sign-in lock-out: 5 failed attempts in 15 minutes lock the account, and separately the IP address,
// until the oldest of those failures is 15 minutes old. A successful sign-in clears the account's count.
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/utils/db.server";

export const LOCKOUT_MAX_FAILURES = 5;
const LOCKOUT_WINDOW_MINUTES = 15;

export type Lockout = { locked: false } | { locked: true; by: "account" | "ip"; retryAfterMinutes: number };

export async function signInLockout({ email, ip }: { email: string; ip: string | null }): Promise<Lockout> {
  const window = sql`now() - make_interval(mins => ${LOCKOUT_WINDOW_MINUTES})`;
  const [row] = await queryRows<{
    account_failures: number;
    account_oldest: Date | null;
    ip_failures: number;
    ip_oldest: Date | null;
  }>(
    db,
    sql`with last_ok as (
          select coalesce(max(at), '-infinity'::timestamptz) as at from sign_in_attempts where email = ${email} and succeeded
        )
        select
          (select count(*)::int from sign_in_attempts, last_ok where email = ${email} and not succeeded and sign_in_attempts.at > greatest(${window}, last_ok.at)) as account_failures,
          (select min(sign_in_attempts.at) from sign_in_attempts, last_ok where email = ${email} and not succeeded and sign_in_attempts.at > greatest(${window}, last_ok.at)) as account_oldest,
          (select count(*)::int from sign_in_attempts where ${ip}::inet is not null and ip = ${ip}::inet and not succeeded and at > ${window}) as ip_failures,
          (select min(at) from sign_in_attempts where ${ip}::inet is not null and ip = ${ip}::inet and not succeeded and at > ${window}) as ip_oldest`,
  );
  const minutesLeft = (oldest: Date | null) =>
    oldest
      ? Math.max(
          1,
          Math.ceil((new Date(oldest).getTime() + LOCKOUT_WINDOW_MINUTES * 60_000 - Date.now()) / 60_000),
        )
      : LOCKOUT_WINDOW_MINUTES;
  if (row.account_failures >= LOCKOUT_MAX_FAILURES)
    return { locked: true, by: "account", retryAfterMinutes: minutesLeft(row.account_oldest) };
  if (row.ip_failures >= LOCKOUT_MAX_FAILURES)
    return { locked: true, by: "ip", retryAfterMinutes: minutesLeft(row.ip_oldest) };
  return { locked: false };
}
