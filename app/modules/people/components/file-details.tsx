// A person's file: who they are (ID number masked, revealed one at a time with a reason) and what they attended.
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/ui/field";
import { FormInput } from "~/components/ui/form-fields";
import { RequiredForm } from "~/components/ui/required-form";
import { ageOn } from "~/modules/kernel/masking";
import { serverFormProps, useServerForm } from "~/modules/kernel/server-form";
import type { FormResult } from "~/modules/kernel/use-form";
import { formatDate, formatDateTime } from "~/utils/format";
import { CategoryList, RiskBadge } from "../ui";
import type { AttendedActivity, PersonFileData } from "./file-types";

export function PersonDetails({
  person,
  today,
  revealed,
  canReveal,
  revealResult,
  revealRequired,
}: {
  person: PersonFileData;
  today: string;
  revealed?: string;
  canReveal: boolean;
  revealResult?: FormResult;
  /** What the action's schema requires of a reveal (the loader's `requiredByIntent`). */
  revealRequired: readonly string[];
}) {
  const { t, i18n } = useTranslation(["people", "common"]);
  const lng = i18n.language;
  return (
    <section className="card">
      <h2>{t("file.details")}</h2>
      <dl className="facts">
        {person.nameBo ? (
          <>
            <dt>{t("fields.nameBo")}</dt>
            <dd lang="bo" className="name-bo">
              {person.nameBo}
            </dd>
          </>
        ) : null}
        <dt>{t("fields.sex")}</dt>
        <dd>
          {t(`common:enum.sex.${person.sex}`)} · {t("age", { count: ageOn(person.birthDate, today) })}
        </dd>
        <dt>{t("fields.birthDate")}</dt>
        <dd>{formatDate(person.birthDate, lng)}</dd>
        <dt>{t("fields.idNumber")}</dt>
        <dd>
          {revealed ? (
            <span className="revealed-id" data-testid="revealed-id">
              <code>{revealed}</code>
              <span className="muted small">{t("reveal.logged")}</span>
            </span>
          ) : (
            <code data-testid="masked-id">{person.idNumberMasked}</code>
          )}
          {canReveal && !revealed ? <RevealForm lastResult={revealResult} required={revealRequired} /> : null}
        </dd>
        <dt>{t("fields.categories")}</dt>
        <dd>
          <CategoryList categories={person.categories} />
        </dd>
        <dt>{t("fields.riskTier")}</dt>
        <dd>
          <RiskBadge tier={person.riskTier} />
          {person.riskReason ? <div>{person.riskReason}</div> : null}
          {person.riskSetAt ? (
            <div className="muted small">
              {t("file.riskSetBy", {
                name: person.riskSetByName ?? "—",
                at: formatDateTime(person.riskSetAt, lng),
              })}
            </div>
          ) : null}
        </dd>
        <dt>{t("fields.address")}</dt>
        <dd>{person.address ?? "—"}</dd>
        <dt>{t("fields.phone")}</dt>
        <dd>{person.phone ?? "—"}</dd>
        {person.guardianName || person.guardianPhone ? (
          <>
            <dt>{t("fields.guardianName")}</dt>
            <dd>
              {person.guardianName ?? "—"} {person.guardianPhone ? `· ${person.guardianPhone}` : ""}
            </dd>
          </>
        ) : null}
        {person.status !== "active" ? (
          <>
            <dt>{t("fields.status")}</dt>
            <dd>
              {t(`common:enum.personStatus.${person.status}`)} · {formatDate(person.statusOn, lng)}
              {person.statusReason ? <div>{person.statusReason}</div> : null}
            </dd>
          </>
        ) : null}
        {person.notes ? (
          <>
            <dt>{t("fields.notes")}</dt>
            <dd className="pre-line">{person.notes}</dd>
          </>
        ) : null}
      </dl>
      {person.contactMasked ? <p className="muted small">{t("file.contactMasked")}</p> : null}
    </section>
  );
}

function RevealForm({ lastResult, required }: { lastResult?: FormResult; required: readonly string[] }) {
  const { t } = useTranslation("people");
  const [form, fields] = useServerForm<{ reason: string }>({ id: "reveal", lastResult });
  return (
    <details className="reveal" open={Boolean(lastResult)}>
      <summary>{t("reveal.open")}</summary>
      <RequiredForm
        required={required}
        method="post"
        className="form form--inline"
        {...serverFormProps(form)}
      >
        <input type="hidden" name="intent" value="reveal" />
        <FormErrors errors={form.errors} />
        <FormInput field={fields.reason} label={t("reveal.reason")} hint={t("reveal.hint")} />
        <button type="submit" className="btn btn--small btn--secondary">
          {t("reveal.submit")}
        </button>
      </RequiredForm>
    </details>
  );
}

export function ActivitiesAttended({ activities }: { activities: AttendedActivity[] }) {
  const { t, i18n } = useTranslation(["people", "common"]);
  return (
    <section className="card card--flush">
      <h2 className="card__title">{t("file.activities")}</h2>
      {activities.length === 0 ? (
        <p className="empty-state">{t("file.noActivities")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="activities-attended">
            <tbody>
              {activities.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{formatDate(a.occurredOn, i18n.language)}</td>
                  <td>{t(`common:enum.activityKind.${a.kind}`)}</td>
                  <td>{a.organizationName}</td>
                  <td>{a.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
