// node --import tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 30]
// Where a V8 CPU profile's busy time went: by package (node_modules/<name>, the app's own folders, node: internals),
// inclusive (a sample counts once for every package on its stack) and self, then the hottest functions by self time.
// Idle and the profiler's own samples are left out of "busy".
import fs from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const file = process.argv[2];
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [--top N]");
const topIndex = process.argv.indexOf("--top");
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 30;
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function packageOf(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName === "(garbage collector)" ? "(gc)" : `(${functionName || "native"})`;
  if (url.startsWith("node:")) return url.split("/")[0];
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const app = /\/(app|build|db|server)\/(.*)$/.exec(url);
  if (app) return app[1] === "build" ? "build (app)" : `${app[1]}/${app[2].split("/").slice(0, 2).join("/")}`;
  return url.split("/").slice(-2).join("/");
}

const idle = new Set(["(idle)", "(program)"]);
const inclusive = new Map<string, number>();
const self = new Map<string, number>();
const selfFn = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id)!;
  if (idle.has(node.callFrame.functionName)) return;
  busy += dt;
  const pkg = packageOf(node);
  self.set(pkg, (self.get(pkg) ?? 0) + dt);
  const file = node.callFrame.url.split("/").slice(-2).join("/");
  const fn = `${node.callFrame.functionName || "(anonymous)"} ${pkg} ${file}:${node.callFrame.lineNumber + 1}`;
  selfFn.set(fn, (selfFn.get(fn) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const p = packageOf(byId.get(at)!);
    if (p === "(root)" || seen.has(p)) continue;
    seen.add(p);
    inclusive.set(p, (inclusive.get(p) ?? 0) + dt);
  }
});

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
const rows = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${pct(v)}  ${k}`)
    .join("\n");
console.log(
  `busy ${(busy / 1e6).toFixed(1)} s of ${(profile.timeDeltas.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} s`,
);
console.log(`\n## inclusive, by package\n${rows(inclusive)}`);
console.log(`\n## self, by package\n${rows(self)}`);
console.log(`\n## self, by function\n${rows(selfFn)}`);
