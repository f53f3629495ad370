import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { SchemaForm } from "~/components/ui/schema-form";
import { requireUser } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { changeOwnPassword } from "~/modules/auth/account.server";
import { ReauthFields } from "~/modules/auth/components/reauth-fields";
import { PASSWORD_MIN } from "~/modules/auth/password-policy";
import { changePasswordSchema } from "~/modules/auth/schemas";
import { pageTitle } from "~/modules/i18n/meta";
import { parseForm } from "~/modules/kernel/messages";

export const handle = { i18n: ["common", "auth"] };
export const meta = pageTitle("auth:password.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { forced: user.pending.includes("change_password") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await request.formData(), changePasswordSchema);
  if (submission.status !== "success")
    return submission.reply({ hideFields: ["currentPassword", "newPassword", "confirmPassword"] });
  const result = await changeOwnPassword({
    user,
    actor: auditActor(request, context, user),
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
  });
  if (!result.ok) {
    return submission.reply({
      fieldErrors: { [result.field]: [`auth:password.problem.${result.problem}`] },
      hideFields: ["currentPassword", "newPassword", "confirmPassword"],
    });
  }
  const stillPending = user.pending.filter((p) => p !== "change_password");
  return redirect(stillPending.includes("enroll_totp") ? "/account/two-factor" : "/account?changed=password");
}

export default function ChangePassword() {
  const { forced } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["auth", "common"]);
  const errors = lastResult?.error ?? {};
  return (
    <>
      <PageHeader title={t("password.title")} />
      <div className="card">
        {forced ? <p className="form-errors">{t("password.forced")}</p> : null}
        <SchemaForm schema={changePasswordSchema} method="post" className="form">
          <ReauthFields errors={errors} />
          <TextField
            label={t("password.new")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            hint={t("password.rules", { min: PASSWORD_MIN })}
            errors={errors.newPassword}
          />
          <TextField
            label={t("password.confirm")}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            errors={errors.confirmPassword}
          />
          <div className="btn-row">
            <button type="submit" className="btn">
              {t("common:actions.save")}
            </button>
          </div>
        </SchemaForm>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
