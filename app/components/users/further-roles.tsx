// The further roles of an account (beside its primary one), with a form to add one and a button to remove each.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/ui/field";
import { SchemaForm } from "~/components/ui/schema-form";
import type { Message } from "~/modules/kernel/messages";
import { roleIntentSchema } from "~/modules/users/schemas";
import { RoleScopeFields, type ScopeChoices } from "./role-scope-fields";

const furtherRoles = ["org_staff", "station_staff", "planner"] as const;

export function FurtherRoles({
  account,
  choices,
  errors,
}: {
  account: { further: { id: number; role: string; scopeName: string | null }[] };
  choices: ScopeChoices;
  errors: Record<string, Message[] | null | undefined>;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const offered = furtherRoles.filter((r) => choices.roles.includes(r));
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
        <RoleScopeFields
          offered={offered}
          initialRole={offered[0] ?? "org_staff"}
          choices={choices}
          errors={errors}
          regionRoles={["planner"]}
        />
        <div className="btn-row">
          <button type="submit" name="intent" value="add_role" className="btn btn--secondary">
            {t("users.addRole")}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}
