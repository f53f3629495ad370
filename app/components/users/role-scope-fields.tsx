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

/** One scope field: which roles need it, and what it offers. */
type Scope = {
  name: keyof ScopeValues;
  roles: readonly string[];
  label: string;
  hint?: ReactNode;
  options: { id: number; label: string }[];
  children?: ReactNode;
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
  const scopes: Scope[] = [
    {
      name: "regionId",
      roles: regionRoles,
      label: t("users.region"),
      hint: regionHint,
      options: choices.regions.map((r) => ({ id: r.id, label: `${r.name} (${r.code})` })),
    },
    {
      name: "organizationId",
      roles: ["org_staff"],
      label: t("users.organization"),
      options: choices.organizations.map((o) => ({ id: o.id, label: o.name })),
    },
    {
      name: "facilityId",
      roles: ["station_staff"],
      label: t("users.station"),
      options: choices.stations.map((s) => ({ id: s.id, label: s.name })),
      children: stationExtra,
    },
  ];
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
      {scopes.map((scope) => (
        <ScopeSelect
          key={scope.name}
          {...scope}
          value={values[scope.name]}
          errors={errors[scope.name]}
          shown={scope.roles.includes(role)}
        />
      ))}
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
