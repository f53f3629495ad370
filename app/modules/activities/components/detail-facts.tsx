// An activity's page, its record: the figures, the summary, where and by whom, the photos and the people linked.
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";
import type { ActivityDetail, ActivityView } from "./detail-types";
import { PersonMeta } from "./people-picker";

export function ActivityFacts({
  activity: a,
  contract,
}: {
  activity: ActivityView;
  contract: ActivityDetail["contract"];
}) {
  const { t, i18n } = useTranslation(["activities", "common"]);
  const lng = i18n.language;
  return (
    <div className="card">
      <div className="stat-grid activity-detail__figures">
        <div className="stat">
          <span className="stat__label">{t("fields.participants")}</span>
          <span className="stat__value" data-testid="participants">
            {formatNumber(a.participants, lng)}
          </span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("fields.personTimes")}</span>
          <span className="stat__value" data-testid="person-times">
            {formatNumber(a.personTimes, lng)}
          </span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("fields.hours")}</span>
          <span className="stat__value">{formatNumber(a.hours, lng, 1)}</span>
        </div>
      </div>
      <p className="activity-detail__summary" data-testid="summary">
        {a.summary}
      </p>
      <dl className="facts">
        <dt>{t("fields.contract")}</dt>
        <dd>
          {contract.title} <span className="muted">({contract.code})</span>
        </dd>
        <dt>{t("fields.period")}</dt>
        <dd>
          {formatDate(contract.startsOn, lng)} – {formatDate(contract.endsOn, lng)}
        </dd>
        <dt>{t("fields.gps")}</dt>
        <dd>
          {a.lat != null && a.lng != null ? (
            <>
              {a.lat.toFixed(5)}, {a.lng.toFixed(5)}{" "}
              <span className="muted">({t(`common:coordQuality.${a.coordQuality}`)})</span>
            </>
          ) : (
            <span className="muted">{t("detail.noGps")}</span>
          )}
        </dd>
        <dt>{t("fields.loggedBy")}</dt>
        <dd>
          {a.createdByName ?? "—"} · {formatDateTime(a.createdAt, lng)}
        </dd>
      </dl>
    </div>
  );
}

export function ActivityPhotos({
  activityId,
  photos,
}: {
  activityId: number;
  photos: ActivityDetail["photos"];
}) {
  const { t } = useTranslation(["activities", "common"]);
  return (
    <div className="card">
      <h2>{t("detail.photos", { count: photos.length })}</h2>
      {photos.length === 0 ? (
        <p className="muted">{t("detail.noPhotos")}</p>
      ) : (
        <ul className="photo-grid" data-testid="photos">
          {photos.map((p) => (
            <li key={p.id}>
              <a href={`/activities/${activityId}/photos/${p.id}`} target="_blank" rel="noreferrer">
                <img
                  src={`/activities/${activityId}/photos/${p.id}.thumb`}
                  alt={t("detail.photoAlt", { n: p.id })}
                  loading="lazy"
                  width={p.width && p.height ? Math.min(240, p.width) : undefined}
                />
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function LinkedPeople({ people }: { people: ActivityDetail["people"] }) {
  const { t } = useTranslation(["activities", "common"]);
  return (
    <div className="card">
      <h2>{t("detail.people", { count: people.length })}</h2>
      {people.length === 0 ? (
        <p className="muted">{t("detail.noPeople")}</p>
      ) : (
        <ul className="people-list" data-testid="people">
          {people.map((p) => (
            <li key={p.id}>
              {p.fullName}{" "}
              <span className="muted">
                · <PersonMeta person={p} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
