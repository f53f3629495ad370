// Create/edit form for a facility. Place it by clicking (or dragging the pin on) the map, or by typing coordinates;
// the form is a plain POST so it also works without JavaScript (then only the typed coordinates count).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EnumOptions } from "~/components/ui/enum-options";
import { TextField } from "~/components/ui/field";
import { FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
import { RecordForm } from "~/components/ui/record-form";
import { facilityFormSchema } from "~/modules/facilities/schemas";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { fromDisplay, toDisplay } from "./datum";
import { LazyStationMap } from "./lazy-station-map";
import { type Geometry, type MapTiles, stationsOnlyLabels } from "./types";

export type FacilityFormDefaults = {
  kind?: string;
  name?: string;
  townshipCode?: string;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  coordQuality?: string;
  capacity?: number | null;
  staffTarget?: number | null;
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
  tiles: MapTiles;
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
  staffTarget: number | null;
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
    staffTarget: f.staffTarget,
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
      staffTarget: defaults.staffTarget ?? "",
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
      schema={facilityFormSchema}
      formKey={formKey}
      submitLabel={t("common:actions.save")}
      className="form form--wide"
      testId="facility-form"
    >
      <div className="grid-2">
        <div className="form">
          <FormSelect field={fields.kind} label={t("fields.kind")}>
            <EnumOptions name="facilityKind" values={kinds} />
          </FormSelect>
          <FormInput field={fields.name} label={t("fields.name")} />
          <FormSelect
            field={fields.townshipCode}
            label={t("fields.township")}
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
          </FormSelect>
          <FormInput field={fields.address} label={t("fields.address")} />
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
          <FormSelect field={fields.coordQuality} label={t("fields.coordQuality")}>
            <option value="approximate">{t("common:coordQuality.approximate")}</option>
            <option value="surveyed">{t("common:coordQuality.surveyed")}</option>
          </FormSelect>
          <div className="grid-3">
            <FormInput field={fields.capacity} type="number" label={t("fields.capacity")} min={0} />
            <FormInput field={fields.staffTarget} type="number" label={t("fields.staffTarget")} min={0} />
            <FormInput
              field={fields.serviceRadiusKm}
              type="number"
              label={t("fields.serviceRadiusKm")}
              step="0.1"
              min={0.1}
            />
          </div>
          <FormInput field={fields.phone} type="tel" label={t("fields.phone")} />
          {mode === "create" ? (
            <div className="grid-2">
              <FormSelect field={fields.status} label={t("fields.initialStatus")}>
                {statuses
                  .filter((s) => s !== "closed")
                  .map((s) => (
                    <option key={s} value={s}>
                      {t(`common:enum.facilityStatus.${s}`)}
                    </option>
                  ))}
              </FormSelect>
              <FormInput field={fields.statusSince} type="date" label={t("fields.statusSince")} max={today} />
            </div>
          ) : null}
          <FormTextArea field={fields.notes} label={t("fields.notes")} />
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
              labels={stationsOnlyLabels(t, hasPoint ? t("form.pinHere") : t("form.pinSuggested"))}
            />
          </div>
        </div>
      </div>
    </RecordForm>
  );
}
