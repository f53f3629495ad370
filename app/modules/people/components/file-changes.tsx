// A person's file: changing the risk tier (with why) and the register status (leaving, returning).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { personStatuses, riskTiers } from "#db/schema/enums";
import { ConfirmBox } from "~/components/ui/confirm-box";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormErrors } from "~/components/ui/field";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { RequiredForm } from "~/components/ui/required-form";
import { serverFormProps, useServerForm } from "~/modules/kernel/server-form";
import type { FormResult } from "~/modules/kernel/use-form";

export function RiskForm({
  lastResult,
  required,
  formKey,
  current,
}: {
  lastResult?: FormResult;
  /** What the action's schema requires of this intent (the loader's `requiredByIntent`). */
  required: readonly string[];
  formKey: string;
  current: string;
}) {
  const { t } = useTranslation(["people", "common"]);
  const [form, fields] = useServerForm<{ riskTier: string; riskReason: string }>({
    id: "risk",
    lastResult,
    defaultValue: { riskTier: current, riskReason: "" },
  });
  return (
    <section className="card">
      <h2>{t("risk.title")}</h2>
      <RequiredForm required={required} method="post" className="form" {...serverFormProps(form)}>
        <input type="hidden" name="intent" value="risk" />
        <FormKey value={formKey} />
        <FormErrors errors={form.errors} />
        <FormSelect field={fields.riskTier} label={t("fields.riskTier")}>
          <EnumOptions name="riskTier" values={riskTiers} />
        </FormSelect>
        <FormInput field={fields.riskReason} label={t("fields.riskReason")} hint={t("risk.hint")} />
        <button type="submit" className="btn btn--small btn--secondary">
          {t("risk.submit")}
        </button>
      </RequiredForm>
    </section>
  );
}

/**
 * Leaving the register or returning to it: no status is chosen until the user picks one, and a box names what the
 * change does to the person's visits (for the chosen status; before a choice, or without JavaScript, for each one).
 */
export function StatusForm({
  lastResult,
  required,
  formKey,
  current,
  name,
  today,
}: {
  lastResult?: FormResult;
  required: readonly string[];
  formKey: string;
  current: string;
  /** The person's name, for the confirmation. */
  name: string;
  today: string;
}) {
  const { t } = useTranslation(["people", "common"]);
  const [form, fields] = useServerForm<{
    status: string;
    statusOn: string;
    statusReason: string;
    confirm: string;
  }>({
    id: "status",
    lastResult,
    defaultValue: { status: "", statusOn: today, statusReason: "" },
  });
  const choices = personStatuses.filter((s) => s !== current);
  const posted = lastResult?.initialValue?.status;
  const [chosen, setChosen] = useState(typeof posted === "string" ? posted : "");
  // Leaving cancels the open visits; returning schedules a routine one; exited ↔ deceased changes only the record.
  const effect = (s: string) =>
    t(
      s === "active"
        ? "status.confirm.return"
        : current === "active"
          ? "status.confirm.leave"
          : "status.confirm.change",
      {
        name,
        status: t(`status.to.${s}`),
      },
    );
  return (
    <section className="card">
      <h2>{current === "active" ? t("status.leaveTitle") : t("status.returnTitle")}</h2>
      <RequiredForm required={required} method="post" className="form" {...serverFormProps(form)}>
        <input type="hidden" name="intent" value="status" />
        <FormKey value={formKey} />
        <FormErrors errors={form.errors} />
        <FormSelect
          field={fields.status}
          label={t("fields.status")}
          onChange={(e) => setChosen(e.currentTarget.value)}
        >
          <option value="">{t("status.choose")}</option>
          {choices.map((s) => (
            <option key={s} value={s}>
              {t(`status.to.${s}`)}
            </option>
          ))}
        </FormSelect>
        <FormInput field={fields.statusOn} type="date" label={t("fields.statusOn")} max={today} />
        <FormInput field={fields.statusReason} label={t("fields.statusReason")} />
        <ConfirmBox
          id="person-status-confirm"
          errors={fields.confirm.errors}
          detail={
            (choices as readonly string[]).includes(chosen) ? null : (
              <ul className="status-effects">
                {choices.map((s) => (
                  <li key={s}>{effect(s)}</li>
                ))}
              </ul>
            )
          }
        >
          {(choices as readonly string[]).includes(chosen)
            ? t("status.confirm.chosen", { effect: effect(chosen) })
            : t("status.confirm.any")}
        </ConfirmBox>
        <button type="submit" className="btn btn--small btn--secondary">
          {t("status.submit")}
        </button>
      </RequiredForm>
    </section>
  );
}
