import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { auditFiltersFrom, searchAuditLog } from "~/modules/audit/queries.server";
import { csvResponse } from "~/utils/csv.server";

/** The audit log as CSV, with the page's filters; exporting is itself audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit");
  const filters = auditFiltersFrom(new URL(request.url).searchParams);
  const { rows } = await searchAuditLog({ user, filters, page: 1, limit: 100_000 });
  await recordAuditNow(auditActor(request, context, user), {
    action: "export",
    entityType: "audit_log",
    changes: { filters, rows: rows.length },
  });
  return csvResponse(
    "audit-log.csv",
    ["id", "at", "actor", "action", "entity_type", "entity_id", "changes", "reason", "ip", "request_id"],
    rows.map((r) => [
      r.id,
      r.at.toISOString(),
      r.actorEmail,
      r.action,
      r.entityType,
      r.entityId,
      JSON.stringify(r.changes ?? null),
      r.reason,
      r.ip,
      r.requestId,
    ]),
  );
}
