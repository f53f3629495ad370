// The one write path (ADR 008): a module's exported write runs its work through `write`, which owns the
// transaction and the form key. Work refuses with `refuse(...)` (everything rolls back, the key stays unused) and
// answers `null` for a row outside the user's scope.
import type { SessionUser } from "~/modules/access/types";
import type { AuditActor } from "~/modules/audit/audit.server";
import { db, type Tx } from "~/utils/db.server";
import { PG, pgError } from "~/utils/db-errors.server";
import { runOnce } from "./idempotency.server";
import { formProblem, type Problems } from "./messages";
import { type Refused, refused, type WriteResult } from "./write-result";

/** Thrown inside a write (or a step it calls) to roll everything back and answer the form with these problems. */
export class Refusal extends Error {
  constructor(readonly problems: Problems) {
    super("refused");
  }
}

export function refuse(problems: Problems): never {
  throw new Refusal(problems);
}

/** Who writes, audited as whom, under which form key: what a module's exported write takes besides its input. */
export type Writer = { user: SessionUser; actor: AuditActor; key: string | null };

/** What a keyless edit of one row (`writeWithoutKey`) takes: who writes, audited as whom, which row, the form. */
export type RowEdit<Input> = Omit<Writer, "key"> & { id: number; input: Input };

/** Thrown by `write` to roll back work that found nothing in scope. */
class OutOfScope extends Error {}

export type WriteOptions = {
  user: { id: number };
  /** The form key (`formKeyFrom(formData)`); null when the form sent none or a malformed one. */
  key: string | null;
  /** What the key is used for, e.g. "person.risk": the same key posted to another action is refused (409). */
  action: string;
  /**
   * Turns an error the database raised (a unique or exclusion constraint) into problems the user can fix, after the
   * transaction rolled back; returning null rethrows the error.
   */
  explain?: (error: unknown) => Promise<Problems | null> | Problems | null;
};

/**
 * Runs `work` once per form key in one transaction. A repeat of a key that succeeded gets the first result back
 * (`replayed`), before any check runs again; a refusal or an error stores nothing.
 */
export async function write<T extends Record<string, unknown>>(
  { user, key, action, explain }: WriteOptions,
  work: (tx: Tx) => Promise<T | null>,
): Promise<WriteResult<T> | null> {
  if (!key) return refused(formProblem("validation.formExpired"));
  try {
    const { result, replayed } = await againIfTransient(() =>
      runOnce({ key, userId: user.id, action }, async (tx) => {
        const value = await work(tx);
        if (value === null) throw new OutOfScope();
        return value;
      }),
    );
    return { ok: true, value: result, replayed };
  } catch (error) {
    return settle(error, explain);
  }
}

/**
 * A write whose form carries no key, for forms whose repeat is harmless (a lifecycle button, a review form: the
 * repeat meets the state the first one left) or whose answer must not be stored (an administrator's account forms
 * answer a one-time password, which has no place in `form_submissions`). The same transaction, refusals and
 * `null` as `write`, without replay.
 */
export async function writeWithoutKey<T extends Record<string, unknown>>(
  { explain }: Pick<WriteOptions, "explain">,
  work: (tx: Tx) => Promise<T | null>,
): Promise<WriteResult<T> | null> {
  try {
    const value = await againIfTransient(() =>
      db.transaction(async (tx) => {
        const done = await work(tx);
        if (done === null) throw new OutOfScope();
        return done;
      }),
    );
    return { ok: true, value, replayed: false };
  } catch (error) {
    return settle(error, explain);
  }
}

/**
 * Runs a whole transaction again when PostgreSQL refused it only for meeting another one: two activations of
 * overlapping contracts at the same instant each wait on the other's new row in the exclusion index, and one is
 * chosen as the deadlock's victim (CI: "deadlock detected" instead of the overlap message). Run again, the victim
 * meets the winner's committed row and is refused with the usual message.
 */
async function againIfTransient<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const { code } = pgError(error);
      if (attempt >= attempts || (code !== PG.deadlockDetected && code !== PG.serializationFailure))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
    }
  }
}

async function settle(error: unknown, explain: WriteOptions["explain"]): Promise<Refused | null> {
  if (error instanceof OutOfScope) return null;
  if (error instanceof Refusal) return refused(error.problems);
  const problems = explain ? await explain(error) : null;
  if (problems) return refused(problems);
  throw error;
}
