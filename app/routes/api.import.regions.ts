// POST /api/import/regions — the region import for scripts: a CSV body (code,name,parent_code,lat,lng,population),
// or boundary GeoJSON with ?kind=boundaries. ?datum=gcj02 declares GCJ-02 input, ?dryRun=1 only checks.
// Answers a JSON report; with any problem (422) nothing is written.
import type { ActionFunctionArgs } from "@remix-run/node";
import { auditActor } from "~/modules/audit/audit.server";
import { runRegionImport } from "~/modules/imports/regions.server";
import { requirePermission } from "~/utils/auth.server";

const MAX_BYTES = 30 * 1024 * 1024;

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Use POST" }, { status: 405 });
  const user = await requirePermission(request, "import:regions");
  const url = new URL(request.url);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BYTES) return Response.json({ error: "File too large" }, { status: 413 });
  const text = await request.text();
  if (text.length > MAX_BYTES) return Response.json({ error: "File too large" }, { status: 413 });
  const type = request.headers.get("content-type") ?? "";
  const kind =
    url.searchParams.get("kind") === "boundaries" || /geo\+json|application\/json/.test(type)
      ? "boundaries"
      : "regions";
  const report = await runRegionImport({
    user,
    actor: auditActor(request, context, user),
    kind,
    text,
    datum: url.searchParams.get("datum") === "gcj02" ? "gcj02" : "wgs84",
    codeProperty: url.searchParams.get("codeProperty") ?? undefined,
    commit: url.searchParams.get("dryRun") !== "1",
  });
  return Response.json(report, { status: report.problems.length ? 422 : 200 });
}

export function loader() {
  return Response.json({ error: "Use POST with a CSV body" }, { status: 405 });
}
