// Where the region is not covered: townships without a station (to plan one), and where new stations would reach
// the most villages or people (k suggestions by a weight).
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { formatNumber, formatPercent } from "~/utils/format";
import { placementWeights } from "../weights";
import type { CoverageTownships, Suggestions } from "./page-types";

export function UncoveredTownships({
  townships,
  exportHref,
}: {
  townships: CoverageTownships;
  exportHref: string;
}) {
  const { t } = useTranslation(["coverage"]);
  return (
    <section className="card" data-testid="uncovered-townships">
      <h2>{t("uncovered.title")}</h2>
      {townships.uncovered.length === 0 ? (
        <p>{t("uncovered.none")}</p>
      ) : (
        <ul>
          {townships.uncovered.map((tw) => (
            <li key={tw.code}>
              {tw.name} <code className="muted">{tw.code}</code>{" "}
              <Link to={`/facilities/new?township=${tw.code}`}>{t("uncovered.plan")}</Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("uncovered.contractTitle")}</h3>
      {townships.uncoveredUnderContract.length === 0 ? (
        <p>{t("uncovered.none")}</p>
      ) : (
        <p>{townships.uncoveredUnderContract.map((tw) => tw.name).join("、")}</p>
      )}
      <a className="btn btn--secondary btn--small" href={exportHref} download>
        {t("export.townships")}
      </a>
    </section>
  );
}

export function PlacementSuggestions({
  regionCode,
  k,
  suggestions,
  exportHref,
}: {
  regionCode: string;
  k: number;
  suggestions: Suggestions;
  exportHref: string;
}) {
  const { t, i18n } = useTranslation(["coverage"]);
  const lang = i18n.language;
  const n = (v: number | null | undefined, digits = 0) => formatNumber(v, lang, digits);
  return (
    <section className="card" data-testid="placement-suggestions">
      <h2>{t("suggestions.title")}</h2>
      <Form method="get" className="filters">
        <input type="hidden" name="region" value={regionCode} />
        <label>
          {t("suggestions.k")}
          <input type="number" name="k" min={1} max={20} defaultValue={k} />
        </label>
        <label>
          {t("suggestions.weight")}
          <select name="weight" defaultValue={suggestions.weight}>
            {placementWeights.map((w) => (
              <option key={w} value={w}>
                {t(`suggestions.weights.${w}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--small">
          {t("suggestions.run")}
        </button>
      </Form>
      {suggestions.picks.length === 0 ? (
        <p>{t("suggestions.none")}</p>
      ) : (
        <ListTable
          head={
            <>
              <th>#</th>
              <th>{t("suggestions.place")}</th>
              <th className="num">{t(`suggestions.adds.${suggestions.weight}`)}</th>
              <th className="num">{t("suggestions.villages")}</th>
              <th className="num">{t("suggestions.cumulative")}</th>
            </>
          }
        >
          {suggestions.picks.map((p) => (
            <tr key={p.code}>
              <td>{p.rank}</td>
              <td>
                {p.name}
                <div className="muted" style={{ fontSize: "0.8rem" }}>
                  {t(`suggestions.kind.${p.kind}`)}
                  {p.kind === "village" && p.townshipName ? ` · ${p.townshipName}` : ""}
                </div>
              </td>
              <td className="num">{n(p.addedWeight)}</td>
              <td className="num">{n(p.addedVillages)}</td>
              <td className="num">{formatPercent(p.cumulativeShare, lang)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <p className="legend-note">
        {t("suggestions.method", {
          km: n(suggestions.radiusM / 1000, 1),
          weight: t(`suggestions.weights.${suggestions.weight}`),
        })}
      </p>
      <a className="btn btn--secondary btn--small" href={exportHref} download>
        {t("export.suggestions")}
      </a>
    </section>
  );
}
