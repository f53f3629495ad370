// Per-kind figures of a load run: throughput, latency percentiles and errors of the answered requests; overload
// answers (503 with Retry-After, issue 17) are counted apart as busy, neither answered nor errors.

export type Sample = { kind: string; at: number; ms: number; status: number; ok: boolean };

export type KindFigures = {
  kind: string;
  count: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Answered 503 by the load shedder. */
  busy: number;
  statuses: Record<string, number>;
};

export const BUSY = 503;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function figures(samples: Sample[], seconds: number, kind = "all"): KindFigures {
  const answered = samples.filter((s) => s.status !== BUSY);
  const ms = answered.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    kind,
    count: answered.length,
    rps: answered.length / seconds,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    errors: answered.filter((s) => !s.ok).length,
    busy: samples.length - answered.length,
    statuses,
  };
}

export function byKind(samples: Sample[], seconds: number): KindFigures[] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = groups.get(s.kind);
    if (list) list.push(s);
    else groups.set(s.kind, [s]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, list]) => figures(list, seconds, kind))
    .concat([figures(samples, seconds, "overall")]);
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

/** A Markdown table (prints well in a terminal and pastes into docs/performance.md). */
export function table(rows: KindFigures[]): string {
  const lines = [
    "| request kind | answered | req/s | p50 ms | p95 ms | p99 ms | errors | busy (503) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    const bold = r.kind === "overall" ? "**" : "";
    lines.push(
      `| ${bold}${r.kind}${bold} | ${r.count} | ${f1(r.rps)} | ${f0(r.p50)} | ${f0(r.p95)} | ${f0(r.p99)} | ${r.errors} | ${r.busy} |`,
    );
  }
  return lines.join("\n");
}
