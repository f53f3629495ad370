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
      <div hidden={!regionRoles.includes(role)}>
        <SelectField
          label={t("users.region")}
          name="regionId"
          defaultValue={values.regionId ?? ""}
          errors={errors.regionId}
          hint={regionHint}
        >
          <option value="">—</option>
          {choices.regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.code})
            </option>
          ))}
        </SelectField>
      </div>
      <div hidden={role !== "org_staff"}>
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
      <div hidden={role !== "station_staff"}>
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
        {stationExtra}
      </div>
    </>
  );
}
