// The person form, for registering and editing. Works without JavaScript (a plain POST); Conform shows server
// errors next to fields. The ID number is never prefilled: on edit a blank field keeps the stored number.
import { getFormProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { personCategories, riskTiers, sexes } from "#db/schema/people";
import { EnumOptions } from "~/components/ui/enum-options";
import { FieldErrors, FormErrors, RequiredMark } from "~/components/ui/field";
import { FormButtons } from "~/components/ui/form-buttons";
import { FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import { type PickerChoice, SearchPicker } from "~/components/ui/search-picker";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { todayInShanghai } from "~/utils/dates";
import { createPersonSchema, editPersonSchema } from "./schemas";
import { VillageOptions } from "./ui";

type Village = { id: number; name: string; townshipName: string };
type Station = { id: number; name: string };

type FormShape = {
  fullName: string;
  nameBo: string;
  sex: string;
  birthDate: string;
  idNumber: string;
  villageId: string;
  stationId: string;
  address: string;
  phone: string;
  guardianName: string;
  guardianPhone: string;
  categories: string[];
  riskTier: string;
  riskReason: string;
  notes: string;
};

export type PersonDefaults = {
  fullName?: string;
  nameBo?: string | null;
  sex?: string;
  birthDate?: string;
  villageId?: number;
  stationId?: number | null;
  address?: string | null;
  phone?: string | null;
  guardianName?: string | null;
  guardianPhone?: string | null;
  categories?: readonly string[];
  notes?: string | null;
  idNumberMasked?: string;
  /** The file's version (ADR 014): an edit saved over a newer file becomes a conflict. */
  version?: number;
};

/** After a refused post the picker shows the village that was posted, not the stored one. */
function pickedAgain(lastResult: FormResult | null | undefined): PickerChoice | null {
  const id = Number(lastResult?.initialValue?.villageId);
  const label = lastResult?.initialValue?.villageIdText;
  return Number.isInteger(id) && id > 0 && typeof label === "string" ? { id, label } : null;
}

export function PersonForm({
  mode,
  lastResult,
  defaults = {},
  villages,
  villageSearch,
  stations,
  chooseStation,
  formKey,
  cancelTo,
  beforeSubmit,
}: {
  mode: "create" | "edit";
  lastResult: FormResult | null | undefined;
  defaults?: PersonDefaults;
  villages: Village[];
  /** Too many villages for a select: a search, with the current village. */
  villageSearch?: { search: boolean; chosen: PickerChoice | null };
  stations: Station[];
  chooseStation: boolean;
  formKey: string;
  cancelTo: string;
  /** Shown above the buttons, inside the form (the duplicate warning of the new-person form). */
  beforeSubmit?: ReactNode;
}) {
  const { t } = useTranslation(["peopleRegister", "people", "common"]);
  const [form, fields] = useMessageForm<FormShape>({
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      fullName: defaults.fullName ?? "",
      nameBo: defaults.nameBo ?? "",
      sex: defaults.sex ?? "",
      birthDate: defaults.birthDate ?? "",
      idNumber: "",
      villageId: defaults.villageId ? String(defaults.villageId) : "",
      stationId: defaults.stationId ? String(defaults.stationId) : "",
      address: defaults.address ?? "",
      phone: defaults.phone ?? "",
      guardianName: defaults.guardianName ?? "",
      guardianPhone: defaults.guardianPhone ?? "",
      categories: defaults.categories ? [...defaults.categories] : [],
      riskTier: "normal",
      riskReason: "",
      notes: defaults.notes ?? "",
    },
  });
  const chosen = new Set(
    (lastResult?.initialValue?.categories as string[] | string | undefined) !== undefined
      ? [lastResult?.initialValue?.categories].flat()
      : (defaults.categories ?? []),
  );
  return (
    <SchemaForm
      schema={mode === "create" ? createPersonSchema(todayInShanghai()) : editPersonSchema(todayInShanghai())}
      method="post"
      className="form form--wide person-form"
      {...getFormProps(form)}
    >
      <FormKey value={formKey} />
      {mode === "edit" && defaults.version ? (
        <input type="hidden" name="baseVersion" value={defaults.version} />
      ) : null}
      <FormErrors errors={form.errors} fieldErrors={form.allErrors} formId={form.id} />
      <fieldset>
        <legend>{t("form.identity")}</legend>
        <div className="grid-2">
          <FormInput field={fields.fullName} label={t("fields.fullName")} autoComplete="off" />
          <FormInput
            field={fields.nameBo}
            label={t("fields.nameBo")}
            autoComplete="off"
            lang="bo"
            hint={t("form.nameBoHint")}
          />
          <FormInput
            field={fields.idNumber}
            label={t("fields.idNumber")}
            autoComplete="off"
            inputMode="text"
            maxLength={20}
            defaultValue=""
            placeholder={mode === "edit" ? defaults.idNumberMasked : undefined}
            hint={mode === "edit" ? t("form.idNumberKeep") : t("form.idNumberHint")}
          />
          <FormSelect field={fields.sex} label={t("fields.sex")}>
            <option value="">{t("form.choose")}</option>
            <EnumOptions name="sex" values={sexes} />
          </FormSelect>
          <FormInput field={fields.birthDate} type="date" label={t("fields.birthDate")} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("form.whereAndWho")}</legend>
        <div className="grid-2">
          {villageSearch?.search ? (
            <SearchPicker
              name="villageId"
              id={fields.villageId.id}
              label={t("fields.village")}
              source="/regions/villages"
              defaultValue={pickedAgain(lastResult) ?? villageSearch.chosen}
              errors={fields.villageId.errors}
              hint={t("form.villageSearchHint")}
              testId="village-picker"
            />
          ) : (
            <FormSelect field={fields.villageId} label={t("fields.village")}>
              <option value="">{t("form.choose")}</option>
              <VillageOptions villages={villages} />
            </FormSelect>
          )}
          {chooseStation ? (
            <FormSelect field={fields.stationId} label={t("fields.station")} hint={t("form.stationHint")}>
              <option value="">{t("form.stationAuto")}</option>
              {stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </FormSelect>
          ) : null}
          <FormInput field={fields.address} label={t("fields.address")} />
          <FormInput field={fields.phone} type="tel" label={t("fields.phone")} />
          <FormInput
            field={fields.guardianName}
            label={t("fields.guardianName")}
            hint={t("form.guardianHint")}
          />
          <FormInput field={fields.guardianPhone} type="tel" label={t("fields.guardianPhone")} />
        </div>
      </fieldset>
      <fieldset>
        <legend>
          {t("fields.categories")}
          <RequiredMark />
        </legend>
        <div className="check-grid" id={fields.categories.id}>
          {personCategories.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" name={fields.categories.name} value={c} defaultChecked={chosen.has(c)} />
              <span>{t(`common:enum.personCategory.${c}`)}</span>
            </label>
          ))}
        </div>
        <FieldErrors id="f-categories-error" errors={fields.categories.errors} />
      </fieldset>
      {mode === "create" ? (
        <fieldset>
          <legend>{t("fields.riskTier")}</legend>
          <div className="grid-2">
            <FormSelect field={fields.riskTier} label={t("fields.riskTier")}>
              <EnumOptions name="riskTier" values={riskTiers} />
            </FormSelect>
            <FormInput
              field={fields.riskReason}
              label={t("fields.riskReason")}
              hint={t("form.riskReasonHint")}
            />
          </div>
        </fieldset>
      ) : null}
      <FormTextArea field={fields.notes} label={t("fields.notes")} rows={3} />
      {beforeSubmit}
      <FormButtons
        submitLabel={mode === "create" ? t("form.create") : t("common:actions.save")}
        cancelTo={cancelTo}
        className="btn-row form-actions"
      />
    </SchemaForm>
  );
}
