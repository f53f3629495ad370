// 低保 in households and persons, as the bureaus report it ("141户351人"): the year in review's section and the
// households list's line, both from dibao.server.ts. Client-safe.
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "~/utils/format";
import type { DibaoCounts } from "../dibao.server";

export function DibaoFigures({ counts }: { counts: DibaoCounts }) {
  const { t, i18n } = useTranslation(["households"]);
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <p className="dibao-figures" data-testid="dibao-figures">
      <strong>{t("dibao.label")}</strong>{" "}
      <span data-testid="dibao-households">
        {t("dibao.households", { count: counts.households, n: n(counts.households) })}
      </span>{" "}
      <span data-testid="dibao-persons">
        {t("dibao.persons", { count: counts.persons, n: n(counts.persons) })}
      </span>
    </p>
  );
}

/**
 * The year in review's section (its own component beside the reports module's): persons as the register stood on the
 * report date, grouped into households as they stand today (membership keeps no history), which the note says.
 */
export function DibaoSection({ counts, asOf }: { counts: DibaoCounts; asOf: string }) {
  const { t, i18n } = useTranslation(["households"]);
  return (
    <section className="report__section" data-testid="review-dibao">
      <h2>{t("dibao.reviewTitle")}</h2>
      <DibaoFigures counts={counts} />
      <p className="muted small">
        {t("dibao.definition")}
        {counts.withoutHousehold
          ? ` ${t("dibao.withoutHousehold", { count: counts.withoutHousehold, n: formatNumber(counts.withoutHousehold, i18n.language) })}`
          : ""}
      </p>
      <p className="muted small" data-testid="dibao-as-of">
        {t("dibao.asOf", { date: formatDate(asOf, i18n.language) })}
      </p>
    </section>
  );
}
