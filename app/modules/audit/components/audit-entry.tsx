// One audit entry in words: the action by name, the actor by name and role, the object as a link where the viewer
// may open it, and what changed as key/value lines instead of raw JSON.
import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/format";

/** Pages an audited object opens on, by entity type. */
const entityPaths: Record<string, string> = {
  person: "/people/",
  facility: "/facilities/",
  activity: "/activities/",
  visit: "/visits/",
  contract: "/contracts/",
  organization: "/organizations/",
  funding_source: "/funding/",
  care_project: "/projects/",
  user: "/admin/users/",
};

/** The object types the log names, for the filter. */
export const auditEntityTypes = [
  "person",
  "visit",
  "activity",
  "facility",
  "contract",
  "organization",
  "care_project",
  "funding_source",
  "allocation",
  "expenditure",
  "visit_rule",
  "region",
  "user",
  "reminder",
  "emergency",
  "budget",
  "year_in_review",
  "audit_log",
] as const;

/** An action's label key: i18next reads "." and ":" as separators, the action names use both. */
const labelKey = (action: string) => action.replace(/[.:]/g, "__");

export function auditActionLabel(t: TFunction, action: string): string {
  return t(`audit:actionNames.${labelKey(action)}`, { defaultValue: action });
}

export function auditEntityLabel(t: TFunction, entityType: string): string {
  return t(`audit:entityNames.${entityType}`, { defaultValue: entityType });
}

export type AuditRow = {
  id: number;
  at: string | Date;
  actorEmail: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: unknown;
  reason: string | null;
  ip: string | null;
};

function valueText(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? t("audit:yes") : t("audit:no");
  if (Array.isArray(value)) return value.map((v) => valueText(t, v)).join("、");
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ("from" in o && "to" in o && Object.keys(o).length === 2)
      return t("audit:changedFromTo", { from: valueText(t, o.from), to: valueText(t, o.to) });
    return Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${fieldLabel(t, k)}: ${valueText(t, v)}`)
      .join("; ");
  }
  return String(value);
}

function fieldLabel(t: TFunction, key: string): string {
  return t(`audit:fieldNames.${key}`, { defaultValue: key });
}

/** What changed, one line per key. */
export function AuditChanges({ changes }: { changes: unknown }) {
  const { t } = useTranslation(["audit"]);
  if (changes === null || changes === undefined) return null;
  if (typeof changes !== "object" || Array.isArray(changes))
    return <div className="audit-changes">{valueText(t, changes)}</div>;
  const entries = Object.entries(changes as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return null;
  return (
    <dl className="audit-changes">
      {entries.map(([key, value]) => (
        <div key={key} className="audit-changes__line">
          <dt>{fieldLabel(t, key)}</dt>
          <dd>{valueText(t, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AuditEntryRow({ row, linkable }: { row: AuditRow; linkable: readonly string[] }) {
  const { t, i18n } = useTranslation(["audit", "common"]);
  const path = entityPaths[row.entityType];
  const entity = auditEntityLabel(t, row.entityType);
  const target =
    row.entityId && path && linkable.includes(row.entityType) && /^\d+$/.test(row.entityId) ? (
      <Link to={`${path}${row.entityId}`}>
        {entity} #{row.entityId}
      </Link>
    ) : (
      <>
        {entity}
        {row.entityId ? ` #${row.entityId}` : ""}
      </>
    );
  return (
    <tr data-testid="audit-row" data-action={row.action}>
      <td className="nowrap" data-label={t("at")}>
        {formatDateTime(row.at, i18n.language)}
      </td>
      <td data-label={t("actor")}>
        {row.actorEmail ? (
          <>
            <span className="audit-actor">{row.actorName ?? row.actorEmail}</span>
            {row.actorRole ? (
              <span className="muted small"> · {t(`common:roles.${row.actorRole}`)}</span>
            ) : null}
            <div className="muted small">{row.actorEmail}</div>
          </>
        ) : (
          <span className="muted">{t("systemActor")}</span>
        )}
      </td>
      <td data-label={t("action")}>
        <span className="audit-action" title={row.action}>
          {auditActionLabel(t, row.action)}
        </span>
      </td>
      <td data-label={t("entity")}>{target}</td>
      <td className="audit-details" data-label={t("details")}>
        {row.reason ? (
          <div>
            <span className="muted">{t("reason")}</span> {row.reason}
          </div>
        ) : null}
        <AuditChanges changes={row.changes} />
      </td>
      <td className="nowrap muted" data-label="IP">
        {row.ip ?? ""}
      </td>
    </tr>
  );
}
