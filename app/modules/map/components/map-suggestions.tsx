// Where new stations would reach the most people or villages not yet covered, for the region the map shows.
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/format";
import type { MapSuggestions as Suggestions } from "./page-types";

export function MapSuggestions({ suggestions }: { suggestions: Suggestions }) {
  const { t, i18n } = useTranslation(["map"]);
  return (
    <section className="card" data-testid="map-suggestions">
      <h3>{t("suggestions.title", { region: suggestions.regionName })}</h3>
      {suggestions.picks.length ? (
        <ol className="suggestion-list">
          {suggestions.picks.map((p) => (
            <li key={p.code}>
              {p.townshipName && p.kind === "village" ? `${p.townshipName} · ` : ""}
              {p.name}{" "}
              <span className="muted">
                {t(`suggestions.adds.${suggestions.weight}`, { count: p.addedWeight })}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("suggestions.none")}</p>
      )}
      <p className="legend-note">
        {t("suggestions.method", { km: formatNumber(suggestions.radiusM / 1000, i18n.language, 1) })}
      </p>
    </section>
  );
}
