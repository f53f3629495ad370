// The reports' year and region picker (the year in review, year on year, the upward report): the region only where
// the reader reports on more than one.
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/components/ui/filter-bar";
import { type NamedRegion, regionLabel } from "~/modules/regions/label";

export function YearRegionFilter({
  years,
  year,
  regions,
  region,
}: {
  years: readonly number[];
  year: number;
  regions: readonly (NamedRegion & { code: string })[];
  region: string;
}) {
  const { t, i18n } = useTranslation(["reports", "common"]);
  return (
    <FilterBar noPrint submitLabel={t("review.show")}>
      <FilterSelect
        name="year"
        label={t("review.year")}
        value={year}
        withAll={false}
        options={years.map((y) => ({ value: y, label: String(y) }))}
      />
      {regions.length > 1 ? (
        <FilterSelect
          name="region"
          label={t("review.region")}
          value={region}
          withAll={false}
          options={regions.map((r) => ({ value: r.code, label: regionLabel(r, i18n.language) }))}
        />
      ) : null}
    </FilterBar>
  );
}
