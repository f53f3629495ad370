import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { SchemaForm } from "~/components/ui/schema-form";
import { requireUser } from "~/modules/access/guard.server";
import { requiresSecondFactor } from "~/modules/access/permissions";
import { auditActor } from "~/modules/audit/audit.server";
import { beginTotpSetup, changeOwnTotp, enableOwnTotp } from "~/modules/auth/account.server";
import { ReauthFields } from "~/modules/auth/components/reauth-fields";
import { enableTotpSchema, type ReauthenticateInput, reauthenticateSchema } from "~/modules/auth/schemas";
import { newTotpSecret, openTotpSecret, totpEnrollment } from "~/modules/auth/totp.server";
import { pageTitle } from "~/modules/i18n/meta";
import { intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";

export const handle = { i18n: ["common", "auth"] };
export const meta = pageTitle("auth:twoFactor.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const required = requiresSecondFactor(user.role);
  if (user.totpEnabled) return { enabled: true as const, required, enrollment: null, mustEnroll: false };
  const sealed = await beginTotpSetup(user, newTotpSecret);
  const enrollment = await totpEnrollment(user.email, openTotpSecret(sealed));
  return { enabled: false as const, required, enrollment, mustEnroll: user.pending.includes("enroll_totp") };
}

/** Turning it on (the enrolment form, which predates intents and sends none); once on, new codes or off. */
export const intents = ["enable", "regenerate_codes", "disable"] as const satisfies readonly (
  | "enable"
  | ReauthenticateInput["intent"]
)[];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  intentOf(formData, intents, "enable");
  const actor = auditActor(request, context, user);
  if (!user.totpEnabled) {
    const submission = parseForm(formData, enableTotpSchema);
    if (submission.status !== "success")
      return { reply: submission.reply({ hideFields: ["currentPassword"] }), recoveryCodes: null };
    const sealed = await beginTotpSetup(user, newTotpSecret);
    const result = await enableOwnTotp({ user, actor, sealedSecret: sealed, ...submission.value });
    if (!result.ok) {
      const message = result.field === "code" ? "auth:twoFactor.wrongCode" : "auth:password.problem.wrong";
      return {
        reply: submission.reply({
          fieldErrors: { [result.field]: [message] },
          hideFields: ["currentPassword"],
        }),
        recoveryCodes: null,
      };
    }
    return { reply: submission.reply({ resetForm: true }), recoveryCodes: result.recoveryCodes };
  }
  const submission = parseForm(formData, reauthenticateSchema);
  if (submission.status !== "success")
    return { reply: submission.reply({ hideFields: ["currentPassword"] }), recoveryCodes: null };
  const result = await changeOwnTotp({ user, actor, ...submission.value });
  if (!result.ok) {
    const message =
      result.field === "code"
        ? "auth:twoFactor.wrongCode"
        : result.field === "intent"
          ? "auth:twoFactor.requiredForRole"
          : "auth:password.problem.wrong";
    return {
      reply: submission.reply({
        fieldErrors: { [result.field === "intent" ? "" : result.field]: [message] },
        hideFields: ["currentPassword"],
      }),
      recoveryCodes: null,
    };
  }
  return { reply: submission.reply({ resetForm: true }), recoveryCodes: result.recoveryCodes ?? null };
}

export default function TwoFactor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["auth", "common"]);
  const errors = actionData?.reply?.error ?? {};
  if (actionData?.recoveryCodes) {
    return (
      <>
        <PageHeader title={t("twoFactor.title")} />
        <div className="card" data-testid="recovery-codes">
          <h2>{t("twoFactor.recoveryTitle")}</h2>
          <p>{t("twoFactor.recoveryBody")}</p>
          <ul className="recovery-codes">
            {actionData.recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <a href="/" className="btn">
            {t("twoFactor.done")}
          </a>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("twoFactor.title")} />
      {data.enabled ? (
        <div className="card">
          <p>{t("twoFactor.enabledBody")}</p>
          <SchemaForm schema={reauthenticateSchema} method="post" className="form">
            <ReauthFields errors={errors} code={{}} />
            <div className="btn-row">
              <button type="submit" name="intent" value="regenerate_codes" className="btn btn--secondary">
                {t("twoFactor.regenerate")}
              </button>
              {!data.required ? (
                <button type="submit" name="intent" value="disable" className="btn btn--danger">
                  {t("twoFactor.disable")}
                </button>
              ) : null}
            </div>
          </SchemaForm>
        </div>
      ) : (
        <div className="card">
          {data.mustEnroll ? <p className="form-errors">{t("twoFactor.mustEnroll")}</p> : null}
          <ol className="steps">
            <li>{t("twoFactor.step1")}</li>
            <li>
              {t("twoFactor.step2")}
              <img
                className="qr"
                src={data.enrollment!.qrDataUrl}
                alt={t("twoFactor.qrAlt")}
                width={200}
                height={200}
              />
              <p className="muted">
                {t("twoFactor.manualKey")} <code data-testid="totp-secret">{data.enrollment!.secret}</code>
              </p>
            </li>
            <li>{t("twoFactor.step3")}</li>
          </ol>
          <SchemaForm schema={enableTotpSchema} method="post" className="form">
            <ReauthFields errors={errors} code={{ inputMode: "numeric", maxLength: 6 }} />
            <button type="submit" className="btn">
              {t("twoFactor.enable")}
            </button>
          </SchemaForm>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
