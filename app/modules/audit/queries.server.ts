// Searching the audit log. Administrators see everything; auditors see what was done by accounts inside their region.
import { and, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { auditLog, facilities, organizations, users } from "#db/schema";
import { regionIdsUnder } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { addDaysToDate, isIsoDate } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { shanghaiInstant } from "~/utils/shanghai-instant";

import { AUDIT_PAGE_SIZE } from "./constants";

export type AuditFilters = {
  actor?: string;
  /** One or more actions (a link may name a group, e.g. every bulk export); the filter form offers one. */
  actions?: string[];
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
};

function actorsInScope(user: SessionUser): SQL {
  const { scope } = user;
  if (scope.kind === "all") return sql`true`;
  if (scope.kind !== "region") return sql`false`;
  const inRegion = regionIdsUnder(scope.codePrefix);
  return sql`${auditLog.actorUserId} in (
    select ${users.id} from ${users}
    left join ${organizations} on ${organizations.id} = ${users.organizationId}
    left join ${facilities} on ${facilities.id} = ${users.facilityId}
    where ${users.regionId} in ${inRegion} or ${organizations.regionId} in ${inRegion} or ${facilities.townshipId} in ${inRegion}
  )`;
}

function whereFor(user: SessionUser, f: AuditFilters): SQL {
  return and(
    actorsInScope(user),
    f.actor ? or(ilike(users.email, `%${f.actor}%`), ilike(users.name, `%${f.actor}%`)) : undefined,
    f.actions?.length ? inArray(auditLog.action, f.actions) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.from ? gte(auditLog.at, shanghaiInstant(f.from)) : undefined,
    f.to ? lt(auditLog.at, shanghaiInstant(addDaysToDate(f.to, 1))) : undefined,
  )!;
}

export async function searchAuditLog({
  user,
  filters,
  page,
  limit = AUDIT_PAGE_SIZE,
  withActions = true,
}: {
  user: SessionUser;
  filters: AuditFilters;
  page: number;
  limit?: number;
  /** The actions the filter offers (a scan of the whole log); off where only the rows and total are needed. */
  withActions?: boolean;
}) {
  const where = whereFor(user, filters);
  const [rows, [{ total }], actions] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorEmail: users.email,
        actorName: users.name,
        actorRole: users.role,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        changes: auditLog.changes,
        reason: auditLog.reason,
        ip: auditLog.ip,
        requestId: auditLog.requestId,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .offset((page - 1) * limit),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where),
    withActions
      ? db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action)
      : Promise.resolve([]),
  ]);
  return { rows, total, actions: actions.map((a) => a.action) };
}

/** Filters from the query string; unknown or malformed values are ignored. */
export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const text = (k: string) => params.get(k)?.trim().slice(0, 100) || undefined;
  const date = (k: string) => {
    const v = params.get(k);
    return v && isIsoDate(v) ? v : undefined;
  };
  return {
    actor: text("actor"),
    actions: params
      .getAll("action")
      .map((a) => a.trim().slice(0, 100))
      .filter(Boolean)
      .slice(0, 20),
    entityType: text("entityType"),
    entityId: text("entityId"),
    from: date("from"),
    to: date("to"),
  };
}
