// How contracts and budgets read at a glance: 执行率 as a bar, the contract status and the budget flags. Client-safe.
// The money amounts themselves are kernel/money.tsx.
import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { formatPercent } from "~/utils/format";

/**
 * 执行率 as a bar: the filled part is spent ÷ allocated; the optional tick marks how much of the time has gone,
 * so burn can be read against time at a glance.
 */
export function RateBar({
  rate,
  timeShare,
  testId,
}: {
  rate: number | null;
  timeShare?: number | null;
  testId?: string;
}) {
  const { t, i18n } = useTranslation("contracts");
  const tone =
    rate == null ? "none" : rate > 1 ? "bad" : timeShare != null && rate < timeShare - 0.25 ? "warn" : "good";
  return (
    <span className={`rate rate--${tone}`}>
      <span className="rate__track" aria-hidden="true">
        <span className="rate__fill" style={{ width: `${Math.min(100, Math.max(0, (rate ?? 0) * 100))}%` }} />
        {timeShare != null ? (
          <span
            className="rate__time"
            style={{ left: `${Math.min(100, Math.max(0, timeShare * 100))}%` }}
            title={t("money.timeElapsed", { share: formatPercent(timeShare, i18n.language) })}
          />
        ) : null}
      </span>
      <span className="rate__value num" data-testid={testId}>
        {formatPercent(rate, i18n.language)}
      </span>
    </span>
  );
}

const contractStatusTone: Record<string, BadgeTone> = {
  draft: "neutral",
  active: "good",
  completed: "info",
  terminated: "bad",
};

export function ContractStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge tone={contractStatusTone[status] ?? "neutral"}>{t(`common:enum.contractStatus.${status}`)}</Badge>
  );
}

export function FlagBadges({ flags }: { flags: string[] }) {
  const { t } = useTranslation("budget");
  return (
    <>
      {flags.map((f) => (
        <Badge key={f} tone={f === "overspent" ? "bad" : "warn"}>
          {t(`flags.${f}`)}
        </Badge>
      ))}
    </>
  );
}
