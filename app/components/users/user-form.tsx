// The account form an administrator fills in: the scope field shown depends on the role (all present without JS).

import { useTranslation } from "react-i18next";
import { roles } from "#db/schema/enums";
import { FormErrors, TextField } from "~/components/ui/field";
import { SchemaForm } from "~/components/ui/schema-form";
import type { Message } from "~/modules/kernel/messages";
import { userFormSchema } from "~/modules/users/schemas";
import { RoleScopeFields, type ScopeChoices } from "./role-scope-fields";

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
  choices: ScopeChoices;
  values?: Values;
  errors?: Record<string, Message[] | null | undefined>;
  submitLabel: string;
}) {
  const { t } = useTranslation(["admin", "common"]);
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
      <RoleScopeFields
        offered={roles.filter((r) => choices.roles.includes(r))}
        initialRole={values.role ?? "planner"}
        choices={choices}
        values={values}
        errors={errors}
        regionRoles={["planner", "auditor"]}
        regionHint={t("users.scopeHint")}
        stationExtra={
          <label className="check">
            <input type="checkbox" name="isStationHead" defaultChecked={values.isStationHead} />{" "}
            {t("users.stationHead")}
          </label>
        }
      />
      <div className="btn-row">
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </div>
    </SchemaForm>
  );
}
