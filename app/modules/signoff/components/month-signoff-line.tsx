// The monthly contract report's line on the month's sign-off: its state, when it was submitted and decided, the
// planner's comment, and the link to the month's sign-off page.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/format";
import type { MonthState } from "../months";
import { MonthStateBadge } from "./month-state";

export function MonthSignoffLine({
  contractId,
  month,
  signoff,
}: {
  contractId: number;
  month: string;
  signoff: {
    state: MonthState;
    comment?: string | null;
    submittedAt?: string | Date;
    decidedAt?: string | Date | null;
  };
}) {
  const { t, i18n } = useTranslation("signoff");
  const lng = i18n.language;
  return (
    <p className="report__signoff" data-testid="report-signoff" data-state={signoff.state}>
      <strong>{t("reportLine")}</strong> <MonthStateBadge state={signoff.state} />
      {signoff.submittedAt ? (
        <span className="muted"> {t("submittedOn", { at: formatDateTime(signoff.submittedAt, lng) })}</span>
      ) : null}
      {signoff.decidedAt ? (
        <span className="muted"> · {t("decidedOn", { at: formatDateTime(signoff.decidedAt, lng) })}</span>
      ) : null}
      {signoff.comment ? <span> · {signoff.comment}</span> : null}{" "}
      <Link to={`/contracts/${contractId}/months?month=${month}`} className="no-print">
        {t("open")}
      </Link>
    </p>
  );
}
