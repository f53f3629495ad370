// The role of an account and the scope that role needs: a region, an organization or a station. Every scope field
// is in the page (without JavaScript too); only the chosen role's is shown.
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/ui/field";
import type { Message } from "~/modules/kernel/messages";

export type ScopeChoices = {
  roles: readonly string[];
  regions: { id: number; code: string; name: string }[];
  organizations: { id: number; name: string }[];
  stations: { id: number; name: string }[];
};

type ScopeValues = { regionId?: number | null; organizationId?: number | null; facilityId?: number | null };

export function RoleScopeFields({
  offered,
  initialRole,
  choices,
  values = {},
  errors,
  regionRoles,
  regionHint,
  stationExtra,
}: {
  /** The roles to choose from, in order. */
  offered: readonly string[];
  initialRole: string;
  choices: ScopeChoices;
  values?: ScopeValues;
  errors: Record<string, Message[] | null | undefined>;
  /** The roles whose scope is a region. */
  regionRoles: readonly string[];
  regionHint?: ReactNode;
  /** Shown with the station (whether the account heads it). */
  stationExtra?: ReactNode;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const [role, setRole] = useState(initialRole);
  return (
    <>
      <SelectField
        label={t("users.role")}
        name="role"
        value={role}
        onChange={(e) => setRole(e.target.value)}
        errors={errors.role}
      >
        {offered.map((r) => (
          <option key={r} value={r}>
            {t(`common:roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <ScopeSelect
        shown={regionRoles.includes(role)}
        label={t("users.region")}
        name="regionId"
        value={values.regionId}
        errors={errors.regionId}
        hint={regionHint}
        options={choices.regions.map((r) => ({ id: r.id, label: `${r.name} (${r.code})` }))}
      />
      <ScopeSelect
        shown={role === "org_staff"}
        label={t("users.organization")}
        name="organizationId"
        value={values.organizationId}
        errors={errors.organizationId}
        options={choices.organizations.map((o) => ({ id: o.id, label: o.name }))}
      />
      <ScopeSelect
        shown={role === "station_staff"}
        label={t("users.station")}
        name="facilityId"
        value={values.facilityId}
        errors={errors.facilityId}
        options={choices.stations.map((s) => ({ id: s.id, label: s.name }))}
      >
        {stationExtra}
      </ScopeSelect>
    </>
  );
}

/** One scope's select, hidden unless the chosen role needs it; "—" first. */
function ScopeSelect({
  shown,
  label,
  name,
  value,
  errors,
  hint,
  options,
  children,
}: {
  shown: boolean;
  label: string;
  name: string;
  value: number | null | undefined;
  errors: Message[] | null | undefined;
  hint?: ReactNode;
  options: { id: number; label: string }[];
  children?: ReactNode;
}) {
  return (
    <div hidden={!shown}>
      <SelectField label={label} name={name} defaultValue={value ?? ""} errors={errors} hint={hint}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </SelectField>
      {children}
    </div>
  );
}
