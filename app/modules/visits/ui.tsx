// Small pieces of the visit pages: how urgent a visit is and what kind it is. Client-safe.
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { daysBetween } from "~/utils/dates";
import { formatDate } from "~/utils/format";

/**
 * `overdueDays` is the visit's own count (schedule.ts `daysOverdue`), which knows an event visit's deadline; without
 * it the badge can go only by the date.
 */
function DueBadge({ dueOn, today, overdueDays }: { dueOn: string; today: string; overdueDays?: number }) {
  const { t } = useTranslation("visits");
  const days = daysBetween(today, dueOn);
  const late = overdueDays ?? Math.max(0, -days);
  if (late > 0)
    return (
      <Badge tone="bad">
        <span data-testid="overdue-badge">{t("due.overdue", { count: late })}</span>
      </Badge>
    );
  if (days <= 0) return <Badge tone="warn">{t("due.today")}</Badge>;
  if (days <= 7) return <Badge tone="info">{t("due.inDays", { count: days })}</Badge>;
  return <Badge tone="neutral">{t("due.inDays", { count: days })}</Badge>;
}

export function VisitKindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const tone = kind === "event" ? "bad" : kind === "follow_up" ? "warn" : "neutral";
  return <Badge tone={tone}>{t(`common:enum.visitKind.${kind}`)}</Badge>;
}

export function DueDate({
  dueOn,
  today,
  overdueDays,
}: {
  dueOn: string;
  today: string;
  overdueDays?: number;
}) {
  const { i18n } = useTranslation();
  return (
    <span className="due-date">
      <span className="nowrap">{formatDate(dueOn, i18n.language)}</span>{" "}
      <DueBadge dueOn={dueOn} today={today} overdueDays={overdueDays} />
    </span>
  );
}
