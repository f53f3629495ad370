// Recording or editing a training: when, who organized it, how long, on what, and who took part (workers of the
// register, ticked by station, plus a count of outside participants). An edit carries the version it was rendered
// from (ADR 014).
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/ui/field";
import { FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
import { RecordForm } from "~/components/ui/record-form";
import { RegionOptions } from "~/components/ui/region-options";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { trainingPageSchema, trainingSchema } from "../schemas";

type TrainingFormValues = {
  regionId?: string;
  heldOn?: string;
  organizer?: string;
  topic?: string;
  hours?: string;
  outsideParticipants?: string;
  workerIds?: string[];
  notes?: string;
};

type Participant = { id: number; fullName: string; facilityName: string; role: string };

export function TrainingForm({
  lastResult,
  formKey,
  regions,
  participants,
  defaultValue,
  edit,
}: {
  lastResult: FormResult | null | undefined;
  formKey: string;
  regions: { id: number; name: string; level: string }[];
  participants: Participant[];
  defaultValue: TrainingFormValues;
  /** Editing a recorded training: the version its values were read at. */
  edit?: { baseVersion: number };
}) {
  const { t } = useTranslation(["workforce", "common"]);
  const [form, fields] = useMessageForm<TrainingFormValues>({
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
  });
  const byFacility = new Map<string, Participant[]>();
  for (const p of participants)
    byFacility.set(p.facilityName, [...(byFacility.get(p.facilityName) ?? []), p]);
  const prior = lastResult ? lastResult.initialValue?.workerIds : defaultValue.workerIds;
  const ticked = new Set(Array.isArray(prior) ? prior.map(String) : prior ? [String(prior)] : []);
  return (
    <RecordForm
      form={form}
      schema={edit ? trainingPageSchema : trainingSchema}
      intent={edit ? "update" : undefined}
      formKey={formKey}
      submitLabel={t("trainings.save")}
      cancelTo="/workforce/trainings"
      testId="training-form"
    >
      {edit ? (
        <>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="baseVersion" value={edit.baseVersion} />
        </>
      ) : null}
      <div className="grid-2">
        <FormInput field={fields.topic} label={t("trainings.topic")} />
        <FormInput
          field={fields.organizer}
          label={t("trainings.organizer")}
          hint={t("trainings.organizerHint")}
        />
      </div>
      <div className="grid-2">
        <FormInput field={fields.heldOn} type="date" label={t("trainings.heldOn")} />
        <FormInput field={fields.hours} type="number" step="0.5" min={0.5} label={t("trainings.hours")} />
      </div>
      <div className="grid-2">
        <FormSelect field={fields.regionId} label={t("trainings.region")} hint={t("trainings.regionHint")}>
          <option value="">{t("form.choose")}</option>
          <RegionOptions regions={regions} />
        </FormSelect>
        <FormInput
          field={fields.outsideParticipants}
          type="number"
          min={0}
          label={t("trainings.outsideParticipants")}
          hint={t("trainings.outsideHint")}
        />
      </div>
      <fieldset className="fieldset" data-testid="training-participants">
        <legend>{t("trainings.participants")}</legend>
        <FieldErrors id="workerIds-errors" errors={fields.workerIds.errors} />
        {participants.length === 0 ? <p className="muted">{t("trainings.noWorkers")}</p> : null}
        {[...byFacility].map(([facility, list]) => (
          <div key={facility}>
            <p className="small muted">{facility}</p>
            {list.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  name="workerIds"
                  value={p.id}
                  defaultChecked={ticked.has(String(p.id))}
                />
                {p.fullName} <span className="muted small">{t(`roles.${p.role}`)}</span>
              </label>
            ))}
          </div>
        ))}
      </fieldset>
      <FormTextArea field={fields.notes} label={t("trainings.notes")} rows={2} />
    </RecordForm>
  );
}
