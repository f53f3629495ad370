// The top of a contractor's or a care project's page: its title with the links to contract with it and to edit it,
// and the figures heading it (the money of its contracts, its activities this year), read the same on both.
import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
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

/**
 * The header, the "saved" notice after an edit and the headline figures of a page that contracts hang from. `lead`
 * is a figure of its own before the money; `newContractTo` and `editTo` are left out for a reader who may not.
 */
export function ContractHolderHeader({
  register,
  title,
  subtitle,
  newContractTo,
  editTo,
  lead,
  money,
  showMoney,
  rateTestId,
  activity,
}: {
  register: "organizations" | "projects";
  title: ReactNode;
  subtitle: ReactNode;
  newContractTo: string | null;
  editTo: string | null;
  lead?: ReactNode;
  money: { amountFen: number; allocatedFen: number; spentFen: number };
  showMoney: boolean;
  rateTestId?: string;
  activity: { thisYear: number; personTimesThisYear: number };
}) {
  const { t } = useTranslation([register, "common"]);
  const [search] = useSearchParams();
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          <>
            {newContractTo ? (
              <Link to={newContractTo} className="btn btn--secondary">
                {t("detail.newContract")}
              </Link>
            ) : null}
            {editTo ? (
              <Link to={editTo} className="btn">
                {t("common:actions.edit")}
              </Link>
            ) : null}
          </>
        }
      />
      {search.get("saved") ? <p className="flash">{t("detail.saved")}</p> : null}
      <StatGrid>
        {lead}
        {showMoney ? <ContractMoneyStats money={money} rateTestId={rateTestId} /> : null}
        <ActivitiesThisYearStat activity={activity} />
      </StatGrid>
    </>
  );
}
