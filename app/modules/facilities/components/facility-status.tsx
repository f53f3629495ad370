// A facility's page: its status over time, and changing it (planned → under construction → operating → …).
import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import { FormErrors } from "~/components/ui/field";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { formatDate, formatDateTime } from "~/utils/format";
import type { StatusHistoryEntry } from "./page-types";

export function StatusHistory({ history }: { history: StatusHistoryEntry[] }) {
  const { t, i18n } = useTranslation(["facilities", "common"]);
  const lang = i18n.language;
  return (
    <section className="card" data-testid="status-history">
      <h2>{t("detail.history")}</h2>
      <ol className="history-list">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{formatDate(h.effectiveOn, lang)}</strong> ·{" "}
            {h.fromStatus ? `${t(`common:enum.facilityStatus.${h.fromStatus}`)} → ` : ""}
            <Badge tone={facilityStatusTone[h.toStatus]}>
              {t(`common:enum.facilityStatus.${h.toStatus}`)}
            </Badge>
            {h.note ? <div>{h.note}</div> : null}
            <div className="muted" style={{ fontSize: "0.8rem" }}>
              {h.changedBy ? `${h.changedBy} · ` : ""}
              {formatDateTime(h.createdAt, lang)}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function StatusChangeForm({
  transitions,
  today,
  formKey,
  lastResult,
}: {
  transitions: readonly string[];
  today: string;
  formKey: string;
  lastResult?: FormResult;
}) {
  const { t } = useTranslation(["facilities", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm<{ toStatus: string; effectiveOn: string; note: string }>({
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { toStatus: transitions[0], effectiveOn: today },
  });
  return (
    <section className="card">
      <h2>{t("detail.changeStatus")}</h2>
      <Form method="post" className="form" {...getFormProps(form)} data-testid="status-form">
        <input type="hidden" name="intent" value="status" />
        <FormKey value={formKey} />
        <FormErrors errors={form.errors} />
        <div className="grid-2">
          <FormSelect field={fields.toStatus} label={t("fields.newStatus")}>
            {transitions.map((s) => (
              <option key={s} value={s}>
                {t(`common:enum.facilityStatus.${s}`)}
              </option>
            ))}
          </FormSelect>
          <FormInput field={fields.effectiveOn} type="date" label={t("fields.effectiveOn")} max={today} />
        </div>
        <FormInput field={fields.note} label={t("fields.statusNote")} />
        <div className="btn-row">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("detail.applyStatus")}
          </button>
        </div>
      </Form>
    </section>
  );
}
