// Beside a form whose save became a conflict (ADR 014): where to look at both versions. Client-safe.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ConflictRef } from "~/modules/kernel/conflicts";

export function ConflictNotice({ conflict }: { conflict?: ConflictRef | null }) {
  const { t } = useTranslation();
  if (!conflict) return null;
  return (
    <div className="notice" role="alert" data-testid="conflict-notice">
      {t("conflict.notice")} <Link to={`/conflicts/${conflict.id}`}>{t("conflict.open")}</Link>
    </div>
  );
}

/** The conflict an action answered with, if any (its data is a union of form results and conflicts). */
export function conflictOf(data: unknown): ConflictRef | null {
  return data && typeof data === "object" && "conflict" in data ? (data.conflict as ConflictRef) : null;
}
