// Money at the edge: yuan for single amounts, 万元 where bureaus compare budgets. Client-safe.
import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { formatPercent, formatWan, formatYuan } from "~/utils/format";

export function Yuan({ fen }: { fen: number | null | undefined }) {
  const { i18n } = useTranslation();
  return <span className="num">{formatYuan(fen, i18n.language)}</span>;
}

/** 万元, with the exact yuan amount on hover. */
export function Wan({ fen }: { fen: number | null | undefined }) {
  const { i18n } = useTranslation();
  return (
    <span className="num" title={formatYuan(fen, i18n.language)}>
      {formatWan(fen, i18n.language)}
    </span>
  );
}

/** A table cell of money in 万元. */
export function WanCell({ fen, label }: { fen: number | null | undefined; label?: string }) {
  return (
    <td className="num" data-label={label}>
      <Wan fen={fen} />
    </td>
  );
}

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
