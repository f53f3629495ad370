// The figures heading a contractor's or a care project's page: the money of its contracts and its activities
// this year, read the same on both.
import { useTranslation } from "react-i18next";
import { Stat } from "~/components/ui/stat";
import { executionRate } from "~/modules/contracts/budget-flags";
import { Wan } from "~/modules/kernel/money";
import { formatNumber } from "~/utils/format";
import { RateBar } from "./money";

/** Amount, allocated, spent and 执行率 over all the contracts. */
export function ContractMoneyStats({
  money,
  rateTestId,
}: {
  money: { amountFen: number; allocatedFen: number; spentFen: number };
  rateTestId?: string;
}) {
  const { t } = useTranslation(["contracts", "organizations"]);
  return (
    <>
      <Stat
        label={t("contracts:money.amount")}
        value={<Wan fen={money.amountFen} />}
        hint={t("organizations:detail.allContracts")}
      />
      <Stat label={t("contracts:money.allocated")} value={<Wan fen={money.allocatedFen} />} />
      <Stat label={t("contracts:money.spent")} value={<Wan fen={money.spentFen} />} />
      <Stat
        label={t("contracts:money.rate")}
        value={<RateBar rate={executionRate(money.spentFen, money.allocatedFen)} testId={rateTestId} />}
      />
    </>
  );
}

/** The activities held this year and the person-times they reached. */
export function ActivitiesThisYearStat({
  activity,
}: {
  activity: { thisYear: number; personTimesThisYear: number };
}) {
  const { t, i18n } = useTranslation("organizations");
  const lang = i18n.language;
  return (
    <Stat
      label={t("organizations:detail.activitiesThisYear")}
      value={formatNumber(activity.thisYear, lang)}
      hint={t("organizations:detail.personTimes", { n: formatNumber(activity.personTimesThisYear, lang) })}
    />
  );
}
