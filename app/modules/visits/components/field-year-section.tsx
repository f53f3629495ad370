// The year in review's section on what home visits found (its own component beside the reports module's). Client-safe.
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/format";
import type { FieldYear } from "../field-year.server";

export function FieldYearSection({ field }: { field: FieldYear }) {
  const { t, i18n } = useTranslation(["visitTools", "visits", "common"]);
  const lng = i18n.language;
  return (
    <section className="report__section" data-testid="review-field">
      <h2>{t("review.title")}</h2>
      <dl className="facts">
        <dt>{t("review.records")}</dt>
        <dd>{formatNumber(field.records, lng)}</dd>
        <dt>{t("review.needsFound")}</dt>
        <dd data-testid="review-needs">{formatNumber(field.needsFound, lng)}</dd>
        <dt>{t("review.referrals")}</dt>
        <dd>
          {formatNumber(field.referrals, lng)}（{t("review.openReferrals")}{" "}
          {formatNumber(field.openReferrals, lng)}）
        </dd>
        {field.topNeeds.length ? (
          <>
            <dt>{t("review.topNeeds")}</dt>
            <dd>
              {field.topNeeds
                .map((n) => `${t(`record.options.needs.${n.need}`)} ${formatNumber(n.n, lng)}`)
                .join("、")}
            </dd>
          </>
        ) : null}
        <dt>{t("stats.notSeen")}</dt>
        <dd>
          {field.notSeen.length
            ? field.notSeen
                .map((o) => `${t(`common:enum.visitOutcome.${o.outcome}`)} ${formatNumber(o.n, lng)}`)
                .join("、")
            : "0"}
        </dd>
      </dl>
      <p className="muted small">{t("stats.seenOnly")}</p>
    </section>
  );
}
