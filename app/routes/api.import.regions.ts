// POST /api/import/regions — the region import for scripts: a CSV body (code,name,parent_code,lat,lng,population),
// or boundary GeoJSON with ?kind=boundaries. ?datum=gcj02 declares GCJ-02 input, ?dryRun=1 only checks.
// Answers a JSON report; with any problem (422) nothing is written. A body over 30 MB is cut off while it streams
// (413); UTF-8 (with or without BOM), UTF-16 with BOM and GBK/GB18030 are accepted.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { REGION_IMPORT_MAX_BYTES } from "~/modules/imports/parse";
import { runRegionImport } from "~/modules/imports/regions.server";
import { decodeUploadText, readBodyLimited, UploadTooLargeError } from "~/utils/upload.server";

const MAX_BYTES = REGION_IMPORT_MAX_BYTES;

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Use POST" }, { status: 405 });
  const user = await requirePermission(request, "import:regions");
  const url = new URL(request.url);
  const refuse = async (key: string, status: number) => {
    // why: the message in the caller's language (the signed-in user's choice), with the key for scripts.
    const t = await i18nServer.getFixedT(user.locale, "imports");
    return Response.json({ error: t(key), code: key }, { status });
  };
  let bytes: Uint8Array;
  try {
    bytes = await readBodyLimited(request, MAX_BYTES);
  } catch (error) {
    if (error instanceof UploadTooLargeError) return refuse("errors.tooLarge", 413);
    throw error;
  }
  const text = decodeUploadText(bytes).text;
  if (!text.trim()) return refuse("errors.noFile", 400);
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
