// The map's filters: region, kind, status, operator, "approximate only" and placement suggestions. A choice applies
// at once and lives in the URL, so a view can be shared; the register and the GeoJSON export read the same filters.
import { useTranslation } from "react-i18next";
import { EnumFilter, FilterBar, FilterCheck, FilterSelect } from "~/components/ui/filter-bar";
import type { FacilityFilters } from "~/modules/facilities/filters";
import { regionLabel } from "~/modules/regions/label";
import type { MapPageData } from "./page-types";

export function MapFilters({
  filters,
  options,
  kinds,
  statuses,
  suggest,
  suggestRegion,
  weight,
}: {
  filters: FacilityFilters;
  options: MapPageData["options"];
  kinds: readonly string[];
  statuses: readonly string[];
  /** How many suggestions to show; null when the user may not see coverage. */
  suggest: number | null;
  suggestRegion: string | null;
  weight: string | null;
}) {
  const { t, i18n } = useTranslation(["map", "common"]);
  const all = t("filters.all");
  const townships = filters.county
    ? options.townships.filter((tw) => tw.parentCode === filters.county)
    : options.townships;
  return (
    <FilterBar
      className="map-filters"
      testId="map-filters"
      resetTo="/map"
      autoSubmit
      onChange={(e) => {
        // A new county makes the township choice meaningless.
        if ((e.target as HTMLSelectElement).name === "county")
          (e.currentTarget.elements.namedItem("township") as HTMLSelectElement).value = "";
      }}
    >
      {options.counties.length ? (
        <FilterSelect
          key={`county-${filters.county}`}
          name="county"
          label={t("filters.county")}
          allLabel={all}
          value={filters.county ?? ""}
          options={options.counties.map((c) => ({ value: c.code, label: regionLabel(c, i18n.language) }))}
        />
      ) : null}
      <FilterSelect
        key={`tw-${filters.county}-${filters.township}`}
        name="township"
        label={t("filters.township")}
        allLabel={all}
        value={filters.township ?? ""}
        options={townships.map((c) => ({ value: c.code, label: regionLabel(c, i18n.language) }))}
      />
      <EnumFilter
        name="kind"
        label={t("filters.kind")}
        allLabel={all}
        value={filters.kind ?? ""}
        of="facilityKind"
        values={kinds}
      />
      <EnumFilter
        name="status"
        label={t("filters.status")}
        allLabel={all}
        value={filters.status ?? ""}
        of="facilityStatus"
        values={statuses}
      />
      {options.organizations.length > 1 ? (
        <FilterSelect
          name="organization"
          label={t("filters.organization")}
          allLabel={all}
          value={filters.organization ?? ""}
          options={options.organizations.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : null}
      {suggest != null ? (
        <FilterSelect
          name="suggest"
          label={t("filters.suggest")}
          allLabel={t("filters.noSuggest")}
          value={suggest || ""}
          options={[...new Set([3, 5, 10, suggest])]
            .filter((k) => k > 0)
            .sort((a, b) => a - b)
            .map((k) => ({ value: k, label: t("filters.suggestK", { count: k }) }))}
        />
      ) : null}
      {/* why: changing another filter must keep the region and weight the coverage page sent. */}
      {suggest != null && suggestRegion ? <input type="hidden" name="region" value={suggestRegion} /> : null}
      {suggest != null && weight ? <input type="hidden" name="weight" value={weight} /> : null}
      <FilterCheck name="approx" label={t("filters.approx")} />
    </FilterBar>
  );
}
