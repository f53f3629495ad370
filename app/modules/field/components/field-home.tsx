// The field app's home: what was taken to the village (and taking it), the visits to make, the outbox.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RiskBadge } from "~/modules/people/ui";
import { DueDate, VisitKindBadge } from "~/modules/visits/ui";
import { addDaysToDate } from "~/utils/dates";
import { formatDateTime } from "~/utils/format";
import { FIELD_OP, type FieldActionData, type FieldView } from "../field-app";
import { PACK_DAYS_AHEAD, PACK_TTL_DAYS } from "../types";
import { OutboxList } from "./outbox-list";

function PackCard({ view, actionData }: { view: FieldView; actionData?: FieldActionData }) {
  const { t, i18n } = useTranslation("field");
  const navigation = useNavigation();
  const taking = navigation.state === "submitting" && navigation.formData?.get(FIELD_OP) === "take";
  const { pack } = view;
  const expires = pack ? new Date(Date.parse(pack.takenAt) + PACK_TTL_DAYS * 86_400_000) : null;
  return (
    <section className="card" data-testid="pack">
      <h2>{t("pack.title")}</h2>
      {pack && expires ? (
        <p data-testid="pack-summary">
          {t("pack.taken", {
            at: formatDateTime(pack.takenAt, i18n.language),
            visits: pack.visits.length,
            people: pack.people.length,
            expires: formatDateTime(expires, i18n.language),
          })}
          {pack.village ? ` · ${pack.village}` : ""}
        </p>
      ) : (
        <p className="muted">{t("pack.none")}</p>
      )}
      {actionData && "taken" in actionData ? (
        <p className="flash" data-testid="pack-taken">
          {t("pack.done", { count: actionData.taken })}
        </p>
      ) : null}
      {actionData && "problem" in actionData ? (
        <p className="field__errors" role="alert">
          {t(`pack.problem.${actionData.problem}`)}
        </p>
      ) : null}
      {view.online ? (
        <Form method="post" className="form form--inline field-take">
          <input type="hidden" name={FIELD_OP} value="take" />
          <label className="field">
            <span>{t("pack.village")}</span>
            <select name="village" defaultValue={pack?.village ?? ""} data-testid="pack-village">
              <option value="">{t("pack.allMine")}</option>
              {(pack?.villages ?? []).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn" disabled={taking} data-testid="take-offline">
            {taking ? t("pack.taking") : t("pack.take")}
          </button>
        </Form>
      ) : (
        <p className="muted small">{t("pack.offlineNoTake")}</p>
      )}
    </section>
  );
}

export function FieldHome({ view, actionData }: { view: FieldView; actionData?: FieldActionData }) {
  const { t } = useTranslation(["field", "visits"]);
  const queuedVisits = new Set(
    view.outbox.filter((i) => i.kind === "visit").map((i) => Number(i.url.split("/").pop())),
  );
  const visits = view.pack?.visits ?? [];
  const personOf = new Map((view.pack?.people ?? []).map((p) => [p.id, p]));
  const today = view.pack?.today ?? view.today;
  return (
    <>
      {view.queued ? (
        <p className="flash" data-testid="queued-flash">
          {t("outbox.queued")}
        </p>
      ) : null}
      <OutboxList items={view.outbox} online={view.online} />
      <PackCard view={view} actionData={actionData} />
      {view.pack ? (
        <section className="card card--flush">
          <h2 className="field-visits__title">{t("visits.title")}</h2>
          {visits.length === 0 ? <p className="empty-state">{t("visits.empty")}</p> : null}
          <ul className="visit-cards" data-testid="field-visits">
            {visits.map((v) => {
              const person = personOf.get(v.personId);
              return (
                <li
                  key={v.id}
                  className={v.overdueDays > 0 ? "visit-card visit-card--overdue" : "visit-card"}
                >
                  <div className="visit-card__main">
                    <Link to={`/field?visit=${v.id}`} className="visit-card__name">
                      {person?.fullName ?? `#${v.personId}`}
                    </Link>
                    <span className="muted">{v.villageName}</span>
                    <VisitKindBadge kind={v.kind} />
                    {person && person.riskTier !== "normal" ? <RiskBadge tier={person.riskTier} /> : null}
                  </div>
                  <div className="visit-card__meta">
                    <DueDate dueOn={v.dueOn} today={today} overdueDays={v.overdueDays} />
                    {queuedVisits.has(v.id) ? (
                      <span className="badge badge--info">{t("visits.queuedForVisit")}</span>
                    ) : null}
                  </div>
                  <Link to={`/field?visit=${v.id}`} className="btn btn--small visit-card__action">
                    {t("visits:list.record")}
                  </Link>
                </li>
              );
            })}
          </ul>
          {view.pack.village ? null : (
            <p className="muted small field-visits__until">
              {t("pack.window", { until: addDaysToDate(today, PACK_DAYS_AHEAD) })}
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
