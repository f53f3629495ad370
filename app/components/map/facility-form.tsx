// Create/edit form for a facility. Place it by clicking (or dragging the pin on) the map, or by typing coordinates;
// the form is a plain POST so it also works without JavaScript (then only the typed coordinates count).
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { RecordForm } from "~/components/ui/record-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { fromDisplay, toDisplay } from "./datum";
import { LazyStationMap } from "./lazy-station-map";
import type { Geometry } from "./types";

export type FacilityFormDefaults = {
  kind?: string;
  name?: string;
  townshipCode?: string;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  coordQuality?: string;
  capacity?: number | null;
  staffCount?: number;
  serviceRadiusKm?: number;
  phone?: string | null;
  notes?: string | null;
};

/** What the form offers (facilityFormOptions) and today's date, the latest a status may start. */
export type FacilityFormOptions = {
  kinds: readonly string[];
  statuses: readonly string[];
  counties: { code: string; name: string; boundary: Geometry | null }[];
  townships: {
    code: string;
    name: string;
    parentCode: string | null;
    lat: number | null;
    lng: number | null;
  }[];
  tiles: { url: string | null; attribution: string; crs: "wgs84" | "gcj02" };
  today: string;
};

/** The form's defaults for a stored facility. */
export function facilityFormDefaults(f: {
  kind: string;
  name: string;
  townshipCode: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  coordQuality: string;
  capacity: number | null;
  staffCount: number;
  serviceRadiusM: number;
  phone: string | null;
  notes: string | null;
}): FacilityFormDefaults {
  return {
    kind: f.kind,
    name: f.name,
    townshipCode: f.townshipCode,
    address: f.address,
    lat: f.lat,
    lng: f.lng,
    coordQuality: f.coordQuality,
    capacity: f.capacity,
    staffCount: f.staffCount,
    serviceRadiusKm: f.serviceRadiusM / 1000,
    phone: f.phone,
    notes: f.notes,
  };
}

export function FacilityForm({
  mode,
  formKey,
  lastResult,
  defaults,
  options: { kinds, statuses, counties, townships, tiles, today },
}: {
  mode: "create" | "edit";
  formKey: string;
  lastResult?: FormResult | null;
  defaults: FacilityFormDefaults;
  options: FacilityFormOptions;
}) {
  const { t } = useTranslation(["facilities", "map", "common"]);
  const [form, fields] = useMessageForm({
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      ...defaults,
      lat: defaults.lat ?? "",
      lng: defaults.lng ?? "",
      serviceRadiusKm: defaults.serviceRadiusKm ?? 15,
      staffCount: defaults.staffCount ?? 0,
      coordQuality: defaults.coordQuality === "surveyed" ? "surveyed" : "approximate",
      status: "planned",
      statusSince: today,
    },
  });
  const [point, setPoint] = useState<{ lat: string; lng: string }>({
    lat: defaults.lat != null ? String(defaults.lat) : "",
    lng: defaults.lng != null ? String(defaults.lng) : "",
  });
  const [townshipCode, setTownshipCode] = useState(defaults.townshipCode ?? "");
  const lat = Number(point.lat);
  const lng = Number(point.lng);
  const hasPoint = point.lat !== "" && point.lng !== "" && Number.isFinite(lat) && Number.isFinite(lng);
  const seat =
    townships.find((tw) => tw.code === townshipCode && tw.lat != null) ??
    townships.find((tw) => tw.lat != null);
  const pinAt = hasPoint
    ? toDisplay(lng, lat, tiles.crs)
    : seat
      ? toDisplay(seat.lng!, seat.lat!, tiles.crs)
      : ([91.1, 29.65] as [number, number]);
  const byCounty = counties.map((c) => ({
    ...c,
    townships: townships.filter((tw) => tw.parentCode === c.code),
  }));
  const orphanTownships = townships.filter((tw) => !counties.some((c) => c.code === tw.parentCode));

  return (
    <RecordForm
      form={form}
      formKey={formKey}
      submitLabel={t("common:actions.save")}
      className="form form--wide"
      testId="facility-form"
    >
      <div className="grid-2">
        <div className="form">
          <SelectField
            label={t("fields.kind")}
            {...getSelectProps(fields.kind)}
            key={fields.kind.key}
            errors={fields.kind.errors}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`common:enum.facilityKind.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("fields.name")}
            {...getInputProps(fields.name, { type: "text" })}
            key={fields.name.key}
            errors={fields.name.errors}
          />
          <SelectField
            label={t("fields.township")}
            {...getSelectProps(fields.townshipCode)}
            key={fields.townshipCode.key}
            errors={fields.townshipCode.errors}
            onChange={(e) => setTownshipCode(e.currentTarget.value)}
          >
            <option value="">{t("fields.chooseTownship")}</option>
            {byCounty.map((c) => (
              <optgroup key={c.code} label={c.name}>
                {c.townships.map((tw) => (
                  <option key={tw.code} value={tw.code}>
                    {tw.name}
                  </option>
                ))}
              </optgroup>
            ))}
            {orphanTownships.map((tw) => (
              <option key={tw.code} value={tw.code}>
                {tw.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("fields.address")}
            {...getInputProps(fields.address, { type: "text" })}
            key={fields.address.key}
            errors={fields.address.errors}
          />
          <div className="grid-2">
            <TextField
              label={t("fields.lat")}
              name={fields.lat.name}
              id={fields.lat.id}
              inputMode="decimal"
              value={point.lat}
              onChange={(e) => setPoint((p) => ({ ...p, lat: e.currentTarget.value }))}
              errors={fields.lat.errors}
            />
            <TextField
              label={t("fields.lng")}
              name={fields.lng.name}
              id={fields.lng.id}
              inputMode="decimal"
              value={point.lng}
              onChange={(e) => setPoint((p) => ({ ...p, lng: e.currentTarget.value }))}
              errors={fields.lng.errors}
            />
          </div>
          <SelectField
            label={t("fields.coordQuality")}
            {...getSelectProps(fields.coordQuality)}
            key={fields.coordQuality.key}
            errors={fields.coordQuality.errors}
          >
            <option value="approximate">{t("common:coordQuality.approximate")}</option>
            <option value="surveyed">{t("common:coordQuality.surveyed")}</option>
          </SelectField>
          <div className="grid-3">
            <TextField
              label={t("fields.capacity")}
              {...getInputProps(fields.capacity, { type: "number" })}
              key={fields.capacity.key}
              errors={fields.capacity.errors}
              min={0}
            />
            <TextField
              label={t("fields.staffCount")}
              {...getInputProps(fields.staffCount, { type: "number" })}
              key={fields.staffCount.key}
              errors={fields.staffCount.errors}
              min={0}
            />
            <TextField
              label={t("fields.serviceRadiusKm")}
              {...getInputProps(fields.serviceRadiusKm, { type: "number" })}
              key={fields.serviceRadiusKm.key}
              errors={fields.serviceRadiusKm.errors}
              step="0.1"
              min={0.1}
            />
          </div>
          <TextField
            label={t("fields.phone")}
            {...getInputProps(fields.phone, { type: "tel" })}
            key={fields.phone.key}
            errors={fields.phone.errors}
          />
          {mode === "create" ? (
            <div className="grid-2">
              <SelectField
                label={t("fields.initialStatus")}
                {...getSelectProps(fields.status)}
                key={fields.status.key}
                errors={fields.status.errors}
              >
                {statuses
                  .filter((s) => s !== "closed")
                  .map((s) => (
                    <option key={s} value={s}>
                      {t(`common:enum.facilityStatus.${s}`)}
                    </option>
                  ))}
              </SelectField>
              <TextField
                label={t("fields.statusSince")}
                {...getInputProps(fields.statusSince, { type: "date" })}
                key={fields.statusSince.key}
                errors={fields.statusSince.errors}
                max={today}
              />
            </div>
          ) : null}
          <TextAreaField
            label={t("fields.notes")}
            {...getTextareaProps(fields.notes)}
            key={fields.notes.key}
            errors={fields.notes.errors}
          />
        </div>
        <div>
          <p className="field__hint">{t("form.mapHint")}</p>
          <div className="station-map--small-wrap" data-testid="location-picker">
            <LazyStationMap
              loadingLabel={t("map:loading")}
              points={[]}
              kinds={kinds}
              statuses={statuses}
              counties={counties}
              townships={[]}
              suggestions={[]}
              tiles={tiles}
              fitKey={`${townshipCode}`}
              selectedId={null}
              onSelect={() => {}}
              editing={{ id: 0, lat: pinAt[1], lng: pinAt[0] }}
              onEditMove={(la, ln) => {
                const [x, y] = fromDisplay(ln, la, tiles.crs);
                setPoint({ lat: String(y), lng: String(x) });
              }}
              labels={{
                counties: t("map:layers.counties"),
                coverage: t("map:layers.coverage"),
                stations: t("map:layers.stations"),
                suggestions: t("map:layers.suggestions"),
                coverageState: {
                  covered_contract: "",
                  covered: "",
                  building: "",
                  uncovered: "",
                },
                approximateArea: "",
                clusterOf: (count) => String(count),
                suggestion: () => "",
                dragHint: hasPoint ? t("form.pinHere") : t("form.pinSuggested"),
              }}
            />
          </div>
        </div>
      </div>
    </RecordForm>
  );
}
