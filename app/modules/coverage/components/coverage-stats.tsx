// The coverage page's headline figures: townships covered (and under contract), the stations covering them (those in
// trial operation apart), villages and people reached.
import { useTranslation } from "react-i18next";
import { Stat, StatGrid } from "~/components/ui/stat";
import { formatNumber, formatPercent } from "~/utils/format";
import type { CoverageReach, CoverageTownships } from "./page-types";

export function CoverageStats({ townships, reach }: { townships: CoverageTownships; reach: CoverageReach }) {
  const { t, i18n } = useTranslation(["coverage"]);
  const lang = i18n.language;
  const n = (v: number | null | undefined) => formatNumber(v, lang);
  return (
    <StatGrid>
      <Stat
        label={t("stats.townshipsCovered")}
        value={`${n(townships.covered)} / ${n(townships.total)}`}
        hint={formatPercent(townships.ratio, lang)}
        tone={townships.total > 0 && townships.covered === townships.total ? "good" : "warn"}
        testId="townships-covered"
      />
      <Stat
        label={t("stats.stationsCovering")}
        value={n(townships.stationsCovering)}
        hint={
          <span data-testid="stations-in-trial">
            {t("stats.inTrial", { n: n(townships.stationsInTrial) })}
          </span>
        }
        testId="stations-covering"
      />
      <Stat
        label={t("stats.underContract")}
        value={`${n(townships.coveredUnderContract)} / ${n(townships.total)}`}
        hint={formatPercent(townships.ratioUnderContract, lang)}
        testId="townships-under-contract"
      />
      <Stat
        label={t("stats.villagesReached")}
        value={`${n(reach.reached)} / ${n(reach.withPoint)}`}
        hint={formatPercent(reach.reachedShare, lang)}
        testId="villages-reached"
      />
      <Stat
        label={t("stats.populationReached")}
        value={reach.population.share == null ? "—" : formatPercent(reach.population.share, lang)}
        hint={
          reach.population.share == null
            ? t("stats.populationUnknown")
            : t("stats.populationOf", {
                reached: n(reach.population.reached),
                known: n(reach.population.known),
              })
        }
      />
      <Stat
        label={t("stats.villagesWithoutPoint")}
        value={n(reach.withoutPoint)}
        hint={t("stats.villagesWithoutPointHint")}
        tone={reach.withoutPoint > 0 ? "warn" : "default"}
        testId="villages-without-point"
      />
    </StatGrid>
  );
}
