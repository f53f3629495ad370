// The account form an administrator fills in: the scope field shown depends on the role (all present without JS).

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { roles } from "#db/schema/enums";
import { FormErrors, SelectField, TextField } from "~/components/ui/field";
import { SchemaForm } from "~/components/ui/schema-form";
import type { Message } from "~/modules/kernel/messages";
import { userFormSchema } from "~/modules/users/schemas";

type Choices = {
  roles: readonly string[];
  regions: { id: number; code: string; name: string; level: string }[];
  organizations: { id: number; name: string }[];
  stations: { id: number; name: string; code: string }[];
};

type Values = {
  email?: string;
  name?: string;
  role?: string;
  regionId?: number | null;
  organizationId?: number | null;
  facilityId?: number | null;
  isStationHead?: boolean;
  phone?: string | null;
};

export function UserForm({
  choices,
  values = {},
  errors = {},
  submitLabel,
}: {
  choices: Choices;
  values?: Values;
  errors?: Record<string, Message[] | null | undefined>;
  submitLabel: string;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const [role, setRole] = useState(values.role ?? "planner");
  const show = (r: string[]) => ({ hidden: !r.includes(role) });
  return (
    <SchemaForm schema={userFormSchema} method="post" className="form">
      <FormErrors errors={errors[""]} />
      <TextField
        label={t("users.email")}
        name="email"
        type="email"
        defaultValue={values.email}
        required
        errors={errors.email}
      />
      <TextField
        label={t("users.name")}
        name="name"
        defaultValue={values.name}
        required
        errors={errors.name}
      />
      <TextField
        label={t("users.phone")}
        name="phone"
        defaultValue={values.phone ?? ""}
        inputMode="tel"
        errors={errors.phone}
      />
      <SelectField
        label={t("users.role")}
        name="role"
        value={role}
        onChange={(e) => setRole(e.target.value)}
        errors={errors.role}
      >
        {roles
          .filter((r) => choices.roles.includes(r))
          .map((r) => (
            <option key={r} value={r}>
              {t(`common:roles.${r}`)}
            </option>
          ))}
      </SelectField>
      <div {...show(["planner", "auditor"])}>
        <SelectField
          label={t("users.region")}
          name="regionId"
          defaultValue={values.regionId ?? ""}
          errors={errors.regionId}
          hint={t("users.scopeHint")}
        >
          <option value="">—</option>
          {choices.regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.code})
            </option>
          ))}
        </SelectField>
      </div>
      <div {...show(["org_staff"])}>
        <SelectField
          label={t("users.organization")}
          name="organizationId"
          defaultValue={values.organizationId ?? ""}
          errors={errors.organizationId}
        >
          <option value="">—</option>
          {choices.organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div {...show(["station_staff"])}>
        <SelectField
          label={t("users.station")}
          name="facilityId"
          defaultValue={values.facilityId ?? ""}
          errors={errors.facilityId}
        >
          <option value="">—</option>
          {choices.stations.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <label className="check">
          <input type="checkbox" name="isStationHead" defaultChecked={values.isStationHead} />{" "}
          {t("users.stationHead")}
        </label>
      </div>
      <div className="btn-row">
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </div>
    </SchemaForm>
  );
}
