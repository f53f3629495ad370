// A facility's page: its card, the facts of the register and, for editors, "the position was checked on site".
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StationCard } from "~/components/map/station-card";
import { FormKey } from "~/components/ui/form-key";
import { formatNumber } from "~/utils/format";
import type { FacilityPageData } from "./page-types";

export function FacilityFacts({
  facility: f,
  canEdit,
  formKey,
  countLinks,
}: {
  facility: FacilityPageData;
  canEdit: boolean;
  formKey: string;
  countLinks?: { people: boolean; visits: boolean; contracts: boolean };
}) {
  const { t, i18n } = useTranslation(["facilities", "common"]);
  const lang = i18n.language;
  return (
    <div>
      <StationCard card={f} linkToPage={false} countLinks={countLinks} />
      <section className="card">
        <h2>{t("detail.facts")}</h2>
        <dl className="facts">
          <dt>{t("fields.address")}</dt>
          <dd>{f.address ?? "—"}</dd>
          <dt>{t("fields.village")}</dt>
          <dd>{f.villageName ?? "—"}</dd>
          <dt>{t("fields.capacity")}</dt>
          <dd>{formatNumber(f.capacity, lang)}</dd>
          <dt>{t("fields.serviceRadiusKm")}</dt>
          <dd>{formatNumber(f.serviceRadiusM / 1000, lang, 1)}</dd>
          <dt>{t("fields.phone")}</dt>
          <dd>{f.phone ?? "—"}</dd>
          <dt>{t("detail.contract")}</dt>
          <dd>
            {f.contractCode && countLinks?.contracts ? (
              <Link to={`/contracts?facility=${f.id}`}>{f.contractCode}</Link>
            ) : (
              (f.contractCode ?? "—")
            )}
          </dd>
          <dt>
            {t("fields.lat")} / {t("fields.lng")}
          </dt>
          <dd data-testid="facility-point">
            {f.lat != null && f.lng != null
              ? `${f.lat.toFixed(6)}, ${f.lng.toFixed(6)}`
              : t("detail.noPoint")}{" "}
            <span className="muted">({t(`common:coordQuality.${f.coordQuality}`)})</span>
          </dd>
          <dt>{t("fields.notes")}</dt>
          <dd style={{ whiteSpace: "pre-wrap" }}>{f.notes ?? "—"}</dd>
        </dl>
        {canEdit && f.lat != null && f.coordQuality !== "surveyed" ? (
          <Form method="post" className="btn-row" style={{ marginTop: "0.75rem" }}>
            <input type="hidden" name="intent" value="surveyed" />
            <FormKey value={formKey} />
            <button type="submit" className="btn btn--secondary btn--small">
              {t("detail.markSurveyed")}
            </button>
            <span className="field__hint">{t("detail.markSurveyedHint")}</span>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
