// The key to the map: marker shape = kind, colour = status, dashed = approximate; township area colours.
import { useTranslation } from "react-i18next";

const coverageStates = ["covered_contract", "covered", "building", "uncovered"] as const;

export function MapLegend({
  kinds,
  statuses,
  approximateAreas,
}: {
  kinds: readonly string[];
  statuses: readonly string[];
  approximateAreas: boolean;
}) {
  const { t } = useTranslation(["map", "common"]);
  return (
    <section className="card map-legend" aria-label={t("legend.title")} data-testid="map-legend">
      <h3>{t("legend.kind")}</h3>
      <ul>
        {kinds.map((k) => (
          <li key={k}>
            <span className={`legend-shape legend-shape--${k}`} aria-hidden="true" />
            {t(`common:enum.facilityKind.${k}`)}
          </li>
        ))}
      </ul>
      <h3>{t("legend.status")}</h3>
      <ul>
        {statuses.map((s) => (
          <li key={s} className={`map-marker--${s}`}>
            <span className="legend-status" aria-hidden="true" />
            {t(`common:enum.facilityStatus.${s}`)}
          </li>
        ))}
        <li>
          <span
            className="legend-shape legend-shape--approx"
            aria-hidden="true"
            style={{ width: 14, height: 14 }}
          />
          {t("legend.approximate")}
        </li>
      </ul>
      <h3>{t("legend.coverage")}</h3>
      <ul>
        {coverageStates.map((s) => (
          <li key={s}>
            <span className={`legend-swatch legend-swatch--${s}`} aria-hidden="true" />
            {t(`coverageState.${s}`)}
          </li>
        ))}
      </ul>
      {approximateAreas ? <p className="legend-note">{t("legend.approximateAreas")}</p> : null}
    </section>
  );
}
