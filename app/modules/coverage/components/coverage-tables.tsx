// The coverage page's tables: what each station serves and how its visits go, and the villages no station reaches.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import { ListTable } from "~/components/ui/list-table";
import { formatNumber } from "~/utils/format";
import type { CoverageStations, UnreachedVillage } from "./page-types";

export function StationService({ stations, exportHref }: { stations: CoverageStations; exportHref: string }) {
  const { t, i18n } = useTranslation(["coverage", "common"]);
  const n = (v: number | null | undefined) => formatNumber(v, i18n.language);
  return (
    <section>
      <div className="page-header">
        <h2>{t("stations.title")}</h2>
        <a className="btn btn--secondary btn--small" href={exportHref} download>
          {t("export.stations")}
        </a>
      </div>
      <ListTable
        testId="station-service"
        head={
          <>
            <th>{t("stations.station")}</th>
            <th>{t("stations.township")}</th>
            <th>{t("stations.status")}</th>
            <th className="num">{t("stations.villagesServed")}</th>
            <th className="num">{t("stations.populationServed")}</th>
            <th className="num">{t("stations.peopleInCare")}</th>
            <th className="num">{t("stations.visitsOnTime")}</th>
            <th className="num">{t("stations.visitsLate")}</th>
            <th className="num">{t("stations.visitsNotSeen")}</th>
            <th className="num">{t("stations.visitsOverdue")}</th>
          </>
        }
      >
        {stations.map((s) => (
          <tr key={s.id}>
            <td>
              <Link to={`/facilities/${s.id}`}>{s.name}</Link>
              {s.status === "operating" && !s.underContract ? (
                <div className="muted" style={{ fontSize: "0.8rem" }}>
                  {t("stations.noContract")}
                </div>
              ) : null}
            </td>
            <td>{s.townshipName}</td>
            <td>
              <Badge tone={facilityStatusTone[s.status]}>{t(`common:enum.facilityStatus.${s.status}`)}</Badge>
            </td>
            <td className="num">{n(s.villagesServed)}</td>
            <td className="num">{n(s.populationServed)}</td>
            <td className="num">{n(s.peopleInCare)}</td>
            <td className="num">{n(s.visitsOnTime)}</td>
            <td className="num">{n(s.visitsLate)}</td>
            <td className="num">{n(s.visitsNotSeen)}</td>
            <td className={`num${s.visitsOverdue > 0 ? " text-bad" : ""}`}>{n(s.visitsOverdue)}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

export function UnreachedVillages({
  villages,
  total,
  exportHref,
}: {
  /** The farthest first, at most a hundred. */
  villages: UnreachedVillage[];
  total: number;
  exportHref: string;
}) {
  const { t, i18n } = useTranslation(["coverage"]);
  const n = (v: number | null | undefined, digits = 0) => formatNumber(v, i18n.language, digits);
  return (
    <section>
      <div className="page-header">
        <h2>{t("villages.title", { count: total })}</h2>
        <a className="btn btn--secondary btn--small" href={exportHref} download>
          {t("export.villages")}
        </a>
      </div>
      {villages.length === 0 ? (
        <p className="card">{t("villages.allReached")}</p>
      ) : (
        <ListTable
          testId="unreached-villages"
          head={
            <>
              <th>{t("villages.village")}</th>
              <th>{t("villages.township")}</th>
              <th>{t("villages.nearest")}</th>
              <th className="num">{t("villages.distanceKm")}</th>
              <th className="num">{t("villages.population")}</th>
            </>
          }
        >
          {villages.map((v) => (
            <tr key={v.id}>
              <td>{v.name}</td>
              <td>{v.townshipName}</td>
              <td>{v.nearestStationName ?? "—"}</td>
              <td className="num">{n((v.nearestDistanceM ?? 0) / 1000, 1)}</td>
              <td className="num">{n(v.population)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      {total > villages.length ? (
        <p className="muted">{t("villages.more", { shown: villages.length, total })}</p>
      ) : null}
    </section>
  );
}
