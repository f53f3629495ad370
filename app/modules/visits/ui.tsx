// Small pieces of the visit pages: how urgent a visit is and what kind it is. Client-safe.
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { daysBetween } from "~/utils/dates";
import { formatDate } from "~/utils/format";

export function DueBadge({ dueOn, today }: { dueOn: string; today: string }) {
  const { t } = useTranslation("visits");
  const days = daysBetween(today, dueOn);
  if (days < 0)
    return (
      <Badge tone="bad">
        <span data-testid="overdue-badge">{t("due.overdue", { count: -days })}</span>
      </Badge>
    );
  if (days === 0) return <Badge tone="warn">{t("due.today")}</Badge>;
  if (days <= 7) return <Badge tone="info">{t("due.inDays", { count: days })}</Badge>;
  return <Badge tone="neutral">{t("due.inDays", { count: days })}</Badge>;
}

export function VisitKindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const tone = kind === "event" ? "bad" : kind === "follow_up" ? "warn" : "neutral";
  return <Badge tone={tone}>{t(`common:enum.visitKind.${kind}`)}</Badge>;
}

export function DueDate({ dueOn, today }: { dueOn: string; today: string }) {
  const { i18n } = useTranslation();
  return (
    <span className="due-date">
      <span className="nowrap">{formatDate(dueOn, i18n.language)}</span>{" "}
      <DueBadge dueOn={dueOn} today={today} />
    </span>
  );
}
