// The further roles of an account (beside its primary one), with a form to add one and a button to remove each.
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField } from "~/components/ui/field";
import { SchemaForm } from "~/components/ui/schema-form";
import type { Message } from "~/modules/kernel/messages";
import { roleIntentSchema } from "~/modules/users/schemas";

type Choices = {
  roles: readonly string[];
  regions: { id: number; code: string; name: string }[];
  organizations: { id: number; name: string }[];
  stations: { id: number; name: string }[];
};

const furtherRoles = ["org_staff", "station_staff", "planner"] as const;

export function FurtherRoles({
  account,
  choices,
  errors,
}: {
  account: { further: { id: number; role: string; scopeName: string | null }[] };
  choices: Choices;
  errors: Record<string, Message[] | null | undefined>;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const offered = furtherRoles.filter((r) => choices.roles.includes(r));
  const [role, setRole] = useState<string>(offered[0] ?? "org_staff");
  return (
    <section className="card" aria-labelledby="further-roles">
      <h2 id="further-roles">{t("users.furtherRoles")}</h2>
      <p className="muted">{t("users.furtherRolesHint")}</p>
      {account.further.length ? (
        <ul className="plain-list">
          {account.further.map((a) => (
            <li key={a.id}>
              {t(`common:roles.${a.role}`)} · {a.scopeName}{" "}
              <Form method="post" style={{ display: "inline" }}>
                <input type="hidden" name="assignmentId" value={a.id} />
                <button
                  type="submit"
                  name="intent"
                  value="remove_role"
                  className="btn btn--small btn--secondary"
                >
                  {t("users.removeRole")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("users.noFurtherRoles")}</p>
      )}
      <SchemaForm schema={roleIntentSchema} intent="add_role" method="post" className="form">
        <FormErrors errors={errors[""]} />
        <SelectField
          label={t("users.role")}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
        >
          {offered.map((r) => (
            <option key={r} value={r}>
              {t(`common:roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <div hidden={role !== "planner"}>
          <SelectField label={t("users.region")} name="regionId" defaultValue="" errors={errors.regionId}>
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
            defaultValue=""
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
            defaultValue=""
            errors={errors.facilityId}
          >
            <option value="">—</option>
            {choices.stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="btn-row">
          <button type="submit" name="intent" value="add_role" className="btn btn--secondary">
            {t("users.addRole")}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}
