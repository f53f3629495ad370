// The person form, for registering and editing. Works without JavaScript (a plain POST); Conform shows server
// errors next to fields. The ID number is never prefilled: on edit a blank field keeps the stored number.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { personCategories, riskTiers, sexes } from "#db/schema/people";
import {
  FieldErrors,
  FormErrors,
  RequiredMark,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/ui/field";
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
  const { t } = useTranslation(["people", "common"]);
  const navigation = useNavigation();
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
          <TextField
            label={t("fields.fullName")}
            {...getInputProps(fields.fullName, { type: "text" })}
            key={fields.fullName.key}
            errors={fields.fullName.errors}
            autoComplete="off"
          />
          <TextField
            label={t("fields.nameBo")}
            {...getInputProps(fields.nameBo, { type: "text" })}
            key={fields.nameBo.key}
            errors={fields.nameBo.errors}
            autoComplete="off"
            lang="bo"
            hint={t("form.nameBoHint")}
          />
          <TextField
            label={t("fields.idNumber")}
            {...getInputProps(fields.idNumber, { type: "text" })}
            key={fields.idNumber.key}
            errors={fields.idNumber.errors}
            autoComplete="off"
            inputMode="text"
            maxLength={20}
            defaultValue=""
            placeholder={mode === "edit" ? defaults.idNumberMasked : undefined}
            hint={mode === "edit" ? t("form.idNumberKeep") : t("form.idNumberHint")}
          />
          <SelectField
            label={t("fields.sex")}
            {...getSelectProps(fields.sex)}
            key={fields.sex.key}
            errors={fields.sex.errors}
          >
            <option value="">{t("form.choose")}</option>
            {sexes.map((s) => (
              <option key={s} value={s}>
                {t(`common:enum.sex.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("fields.birthDate")}
            {...getInputProps(fields.birthDate, { type: "date" })}
            key={fields.birthDate.key}
            errors={fields.birthDate.errors}
          />
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
            <SelectField
              label={t("fields.village")}
              {...getSelectProps(fields.villageId)}
              key={fields.villageId.key}
              errors={fields.villageId.errors}
            >
              <option value="">{t("form.choose")}</option>
              <VillageOptions villages={villages} />
            </SelectField>
          )}
          {chooseStation ? (
            <SelectField
              label={t("fields.station")}
              {...getSelectProps(fields.stationId)}
              key={fields.stationId.key}
              errors={fields.stationId.errors}
              hint={t("form.stationHint")}
            >
              <option value="">{t("form.stationAuto")}</option>
              {stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextField
            label={t("fields.address")}
            {...getInputProps(fields.address, { type: "text" })}
            key={fields.address.key}
            errors={fields.address.errors}
          />
          <TextField
            label={t("fields.phone")}
            {...getInputProps(fields.phone, { type: "tel" })}
            key={fields.phone.key}
            errors={fields.phone.errors}
          />
          <TextField
            label={t("fields.guardianName")}
            {...getInputProps(fields.guardianName, { type: "text" })}
            key={fields.guardianName.key}
            errors={fields.guardianName.errors}
            hint={t("form.guardianHint")}
          />
          <TextField
            label={t("fields.guardianPhone")}
            {...getInputProps(fields.guardianPhone, { type: "tel" })}
            key={fields.guardianPhone.key}
            errors={fields.guardianPhone.errors}
          />
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
            <SelectField
              label={t("fields.riskTier")}
              {...getSelectProps(fields.riskTier)}
              key={fields.riskTier.key}
              errors={fields.riskTier.errors}
            >
              {riskTiers.map((r) => (
                <option key={r} value={r}>
                  {t(`common:enum.riskTier.${r}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t("fields.riskReason")}
              {...getInputProps(fields.riskReason, { type: "text" })}
              key={fields.riskReason.key}
              errors={fields.riskReason.errors}
              hint={t("form.riskReasonHint")}
            />
          </div>
        </fieldset>
      ) : null}
      <TextAreaField
        label={t("fields.notes")}
        {...getTextareaProps(fields.notes)}
        key={fields.notes.key}
        errors={fields.notes.errors}
        rows={3}
      />
      {beforeSubmit}
      <div className="btn-row form-actions">
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {mode === "create" ? t("form.create") : t("common:actions.save")}
        </button>
        <Link to={cancelTo} className="btn btn--ghost">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </SchemaForm>
  );
}
