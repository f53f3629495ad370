// Carries field problems out of a transaction so it rolls back (and an idempotency key stays unused).
export class FieldProblems extends Error {
  constructor(readonly problems: { field: string; error: string }[]) {
    super("field problems");
  }
}

/** Problems as Conform field errors: { field: [i18n key, …] }. */
export function toFieldErrors(problems: { field: string; error: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) out[p.field] = [...(out[p.field] ?? []), p.error];
  return out;
}
