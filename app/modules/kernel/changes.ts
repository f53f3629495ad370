// What an edit changed, field by field, for the audit log.

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffChanges(
  before: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    Object.entries(next)
      .filter(([k, v]) => !same(before[k], v))
      .map(([k, v]) => [k, { from: before[k] ?? null, to: v ?? null }]),
  );
}
