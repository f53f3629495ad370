// The header's "work as" switch for an account holding several roles (issue 14): one button per role and scope, the
// one worked as first and marked. A plain POST, so it works without JavaScript; the app then opens that role's home.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RoleChoice } from "~/modules/access/types";

export function RoleSwitch({ choices }: { choices: RoleChoice[] }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/account/act-as" className="role-switch" data-testid="role-switch">
      <p className="role-switch__heading">{t("actAs.heading")}</p>
      <ul>
        {choices.map((choice, i) => (
          <li key={choice.key}>
            <button
              type="submit"
              name="as"
              value={choice.key}
              className="role-switch__choice"
              aria-current={i === 0 ? "true" : undefined}
              data-role={choice.role}
            >
              <span className="role-switch__role">{t(`roles.${choice.role}`)}</span>
              {choice.scopeName ? <span className="role-switch__scope">{choice.scopeName}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      <p className="field__hint">{t("actAs.hint")}</p>
    </Form>
  );
}
