import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextAreaField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { SchemaForm } from "~/components/ui/schema-form";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { breakGlassSchema } from "~/modules/auth/schemas";
import { pageTitle } from "~/modules/i18n/meta";
import { parseForm } from "~/modules/kernel/messages";
import { breakGlass, GLASS_HOURS } from "~/modules/people/break-glass.server";

export const handle = { i18n: ["common", "auth"] };
export const meta = pageTitle("auth:glass.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "break_glass:person");
  return { hours: GLASS_HOURS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "break_glass:person");
  const submission = parseForm(await request.formData(), breakGlassSchema);
  if (submission.status !== "success") return submission.reply();
  const result = await breakGlass({ user, actor: auditActor(request, context, user), ...submission.value });
  if (!result.ok) return submission.reply(result);
  return redirect(`/people/${result.value.personId}`);
}

export default function EmergencyAccess() {
  const { hours } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["auth", "common"]);
  const errors = lastResult?.error ?? {};
  return (
    <>
      <PageHeader title={t("glass.title")} />
      <div className="card">
        <p className="form-errors">{t("glass.warning", { hours })}</p>
        <SchemaForm schema={breakGlassSchema} method="post" className="form">
          <FormErrors errors={errors[""]} />
          <TextField
            label={t("glass.idNumber")}
            name="idNumber"
            required
            maxLength={25}
            autoComplete="off"
            errors={errors.idNumber}
          />
          <TextAreaField
            label={t("glass.reason")}
            name="reason"
            required
            minLength={10}
            maxLength={500}
            hint={t("glass.reasonHint")}
            errors={errors.reason}
          />
          <button type="submit" className="btn btn--danger">
            {t("glass.submit")}
          </button>
        </SchemaForm>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
