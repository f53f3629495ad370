// A worker's record as a reader sees it, their certificates, the trainings they attended, and the form that ends
// the employment.
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { FormInput } from "~/components/ui/form-fields";
import { RecordForm } from "~/components/ui/record-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { formatDate, formatNumber } from "~/utils/format";
import type { WorkerDetail } from "../queries.server";
import { endEmploymentSchema } from "../schemas";

type Certificate = { kind: string; name: string | null; number: string | null; year: number | null };

export function CertificateList({ certificates }: { certificates: Certificate[] }) {
  const { t } = useTranslation(["workforce"]);
  if (!certificates.length) return <>—</>;
  return (
    <ul className="small">
      {certificates.map((c, i) => (
        <li key={`${c.kind}-${i}`}>
          {c.kind === "other" ? c.name : t(`certificates.${c.kind}`)}
          {c.number ? <code> {c.number}</code> : null}
          {c.year ? ` (${c.year})` : null}
        </li>
      ))}
    </ul>
  );
}

export function WorkerFacts({ worker: w }: { worker: WorkerDetail }) {
  const { t, i18n } = useTranslation(["workforce", "common"]);
  const lng = i18n.language;
  const hours = w.trainings.reduce((s, tr) => s + tr.hours, 0);
  return (
    <section className="card" data-testid="worker-facts">
      <dl className="facts">
        <dt>{t("fields.facility")}</dt>
        <dd>{w.facilityName}</dd>
        <dt>{t("fields.role")}</dt>
        <dd>{t(`roles.${w.role}`)}</dd>
        <dt>{t("fields.employer")}</dt>
        <dd>{w.employerName ?? t("form.employedByFacility")}</dd>
        <dt>{t("fields.socialWorkLevel")}</dt>
        <dd data-testid="worker-qualification">
          {w.socialWorkLevel ? (
            <>
              <Badge tone="good">{t(`levels.${w.socialWorkLevel}`)}</Badge>{" "}
              <code>{w.socialWorkCertificateNo}</code>
              {w.socialWorkYear ? ` (${w.socialWorkYear})` : null}
            </>
          ) : (
            t("form.noQualification")
          )}
        </dd>
        <dt>{t("form.otherCertificates")}</dt>
        <dd>
          <CertificateList certificates={w.certificates} />
        </dd>
        <dt>{t("fields.phone")}</dt>
        <dd data-testid="worker-phone">{w.phone ?? "—"}</dd>
        <dt>{t("fields.account")}</dt>
        <dd>{w.accountEmail ?? "—"}</dd>
        <dt>{t("fields.startsOn")}</dt>
        <dd>{formatDate(w.startsOn, lng)}</dd>
        <dt>{t("fields.endsOn")}</dt>
        <dd data-testid="worker-ends-on">
          {w.endsOn ? `${formatDate(w.endsOn, lng)}${w.endReason ? ` · ${w.endReason}` : ""}` : "—"}
        </dd>
      </dl>
      <h3>{t("detail.trainings", { hours: formatNumber(hours, lng, 1) })}</h3>
      {w.trainings.length ? (
        <ul className="small" data-testid="worker-trainings">
          {w.trainings.map((tr) => (
            <li key={tr.id}>
              {formatDate(tr.heldOn, lng)} · {tr.topic} · {tr.organizer} ·{" "}
              {t("detail.hours", { hours: formatNumber(tr.hours, lng, 1) })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("detail.noTrainings")}</p>
      )}
    </section>
  );
}

export function EndEmploymentForm({
  lastResult,
  formKey,
  today,
}: {
  lastResult: FormResult | null | undefined;
  formKey: string;
  today: string;
}) {
  const { t } = useTranslation(["workforce", "common"]);
  const [form, fields] = useMessageForm<{ endsOn?: string; endReason?: string }>({
    lastResult,
    defaultValue: { endsOn: today },
    shouldValidate: "onSubmit",
  });
  return (
    <RecordForm
      form={form}
      schema={endEmploymentSchema}
      formKey={formKey}
      submitLabel={t("detail.end")}
      testId="end-form"
    >
      <h2>{t("detail.endTitle")}</h2>
      <input type="hidden" name="intent" value="end" />
      <p className="muted small">{t("detail.endHint")}</p>
      <div className="grid-2">
        <FormInput field={fields.endsOn} type="date" label={t("fields.endsOn")} />
        <FormInput field={fields.endReason} label={t("fields.endReason")} />
      </div>
    </RecordForm>
  );
}
