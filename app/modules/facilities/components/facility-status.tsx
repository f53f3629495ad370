// A facility's page: its status over time, and changing it (planned → under construction → operating → …).
import { useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import { ConfirmBox } from "~/components/ui/confirm-box";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
import { PostForm } from "~/components/ui/record-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { formatDate, formatDateTime } from "~/utils/format";
import { facilityPageActionSchema } from "../schemas";
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

/**
 * Changing the status: no status is chosen until the user picks one, and a box names what the change does (for the
 * chosen status; before a choice, or without JavaScript, for each one offered) and must be ticked.
 */
export function StatusChangeForm({
  transitions,
  isStation,
  today,
  formKey,
  lastResult,
}: {
  transitions: readonly string[];
  /** A social-work station counts toward township coverage; the effects say so. */
  isStation: boolean;
  today: string;
  formKey: string;
  lastResult?: FormResult;
}) {
  const { t } = useTranslation(["facilities", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm<{
    toStatus: string;
    effectiveOn: string;
    note: string;
    confirm: string;
  }>({
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { toStatus: "", effectiveOn: today },
  });
  const posted = lastResult?.initialValue?.toStatus;
  const [chosen, setChosen] = useState(typeof posted === "string" ? posted : "");
  const effect = (s: string) => t(`statusEffects.${isStation ? "station" : "other"}.${s}`);
  const named = (s: string) => t(`common:enum.facilityStatus.${s}`);
  return (
    <section className="card">
      <h2>{t("detail.changeStatus")}</h2>
      <PostForm
        form={form}
        schema={facilityPageActionSchema}
        intent="status"
        formKey={formKey}
        testId="status-form"
      >
        <div className="grid-2">
          <FormSelect
            field={fields.toStatus}
            label={t("fields.newStatus")}
            onChange={(e) => setChosen(e.currentTarget.value)}
          >
            <option value="">{t("detail.chooseStatus")}</option>
            <EnumOptions name="facilityStatus" values={transitions} />
          </FormSelect>
          <FormInput field={fields.effectiveOn} type="date" label={t("fields.effectiveOn")} max={today} />
        </div>
        <FormInput field={fields.note} label={t("fields.statusNote")} />
        <ConfirmBox id="status-confirm" errors={fields.confirm.errors}>
          {transitions.includes(chosen) ? (
            t("detail.confirmStatus", { status: named(chosen), effect: effect(chosen) })
          ) : (
            <>
              {t("detail.confirmAnyStatus")}
              <ul className="status-effects">
                {transitions.map((s) => (
                  <li key={s}>{t("detail.statusEffect", { status: named(s), effect: effect(s) })}</li>
                ))}
              </ul>
            </>
          )}
        </ConfirmBox>
        <div className="btn-row">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("detail.applyStatus")}
          </button>
        </div>
      </PostForm>
    </section>
  );
}
