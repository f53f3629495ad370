// The card a marker opens: where the station is, its status and dates, who runs it, and how its work is going.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import type { StationCard as StationCardRow } from "~/modules/facilities/queries.server";
import { regionLabel } from "~/modules/regions/label";
import { formatDate, formatNumber } from "~/utils/format";

/** What /api/facilities/:id/card answers (the facility module's station card). */
export type StationCardData = StationCardRow;

export function StationCard({
  card,
  onClose,
  actions,
  linkToPage = true,
  countLinks,
}: {
  card: StationCardData;
  onClose?: () => void;
  actions?: React.ReactNode;
  /** Off on the facility's own page. */
  linkToPage?: boolean;
  /** The lists behind the counts the viewer may open (the facility's page links them). */
  countLinks?: { people: boolean; visits: boolean; contracts: boolean };
}) {
  const { t, i18n } = useTranslation(["map", "facilities", "common"]);
  const lang = i18n.language;
  return (
    <section className="card station-card" data-testid="station-card" aria-live="polite">
      {onClose ? (
        <button type="button" className="btn btn--ghost btn--small station-card__close" onClick={onClose}>
          {t("map:card.close")}
        </button>
      ) : null}
      <h2>{card.name}</h2>
      <p className="muted" style={{ margin: 0 }}>
        {t(`common:enum.facilityKind.${card.kind}`)} · <code>{card.code}</code>
      </p>
      <dl className="facts">
        <dt>{t("map:card.township")}</dt>
        <dd>
          {card.countyName
            ? `${regionLabel({ name: card.countyName, nameBo: card.countyNameBo }, lang)} · `
            : ""}
          {regionLabel({ name: card.townshipName, nameBo: card.townshipNameBo }, lang)}
        </dd>
        <dt>{t("map:card.status")}</dt>
        <dd>
          <Badge tone={facilityStatusTone[card.status]}>
            {t(`common:enum.facilityStatus.${card.status}`)}
          </Badge>{" "}
          {card.statusSince ? (
            <span className="muted">{t("map:card.since", { date: formatDate(card.statusSince, lang) })}</span>
          ) : null}
        </dd>
        <dt>{t("map:card.openedOn")}</dt>
        <dd>{formatDate(card.openedOn, lang)}</dd>
        <dt>{t("map:card.organization")}</dt>
        <dd data-testid="card-organization">
          {countLinks?.contracts ? (
            <Link to={`/contracts?facility=${card.id}`} data-testid="card-contracts-link">
              {card.organizationName ?? t("map:card.noContract")}
            </Link>
          ) : (
            (card.organizationName ?? t("map:card.noContract"))
          )}
        </dd>
        <dt>{t("map:card.contractEnds")}</dt>
        <dd>{formatDate(card.contractEndsOn, lang)}</dd>
        <dt>{t("map:card.staff")}</dt>
        <dd data-testid="card-staff">
          {card.staffTarget == null
            ? formatNumber(card.workers, lang)
            : `${formatNumber(card.workers, lang)} / ${formatNumber(card.staffTarget, lang)}`}
        </dd>
        <dt>{t("map:card.peopleInCare")}</dt>
        <dd data-testid="card-people">
          {countLinks?.people ? (
            <Link to={`/people?station=${card.id}`} data-testid="card-people-link">
              {formatNumber(card.peopleInCare, lang)}
            </Link>
          ) : (
            formatNumber(card.peopleInCare, lang)
          )}
        </dd>
        <dt>{t("map:card.visitsOverdue")}</dt>
        <dd data-testid="card-overdue" className={card.visitsOverdue > 0 ? "text-bad" : undefined}>
          {countLinks?.visits ? (
            <Link
              to={`/visits?due=overdue&who=all&station=${card.id}`}
              className={card.visitsOverdue > 0 ? "text-bad" : undefined}
              data-testid="card-overdue-link"
            >
              {formatNumber(card.visitsOverdue, lang)}
            </Link>
          ) : (
            formatNumber(card.visitsOverdue, lang)
          )}
        </dd>
        <dt>{t("map:card.lastActivity")}</dt>
        <dd>{formatDate(card.lastActivityOn, lang)}</dd>
        <dt>{t("map:card.position")}</dt>
        <dd>{t(`common:coordQuality.${card.coordQuality}`)}</dd>
      </dl>
      {linkToPage || actions ? (
        <div className="btn-row">
          {linkToPage ? (
            <Link to={`/facilities/${card.id}`} className="btn btn--small" data-testid="card-open">
              {t("map:card.open")}
            </Link>
          ) : null}
          {actions}
        </div>
      ) : null}
    </section>
  );
}
