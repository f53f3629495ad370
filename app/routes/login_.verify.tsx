import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "~/components/ui/field";
import { SchemaForm } from "~/components/ui/schema-form";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { signInLockout } from "~/modules/auth/lockout.server";
import { clearMfaChallenge, readMfaChallenge } from "~/modules/auth/mfa-challenge.server";
import { secondFactorSchema } from "~/modules/auth/schemas";
import { endSession, startSession } from "~/modules/auth/session.server";
import { recordSignInAttempt } from "~/modules/auth/sign-in.server";
import { consumeRecoveryCode, verifyUserTotp } from "~/modules/auth/totp.server";
import { pageTitle } from "~/modules/i18n/meta";
import { message, parseForm } from "~/modules/kernel/messages";
import { clientIp, safeRedirectPath } from "~/utils/http.server";

export const handle = { i18n: ["common", "auth"] };
export const meta = pageTitle("auth:twoFactor.verifyTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const challenge = await readMfaChallenge(request);
  if (!challenge) throw redirect("/login");
  return { email: challenge.email };
}

/** The second sign-in step: a code from the authenticator app or one recovery code. */
export async function action({ request, context }: ActionFunctionArgs) {
  const challenge = await readMfaChallenge(request);
  if (!challenge) throw redirect("/login");
  const submission = parseForm(await request.formData(), secondFactorSchema);
  if (submission.status !== "success") return submission.reply();
  const lockout = await signInLockout({ email: challenge.email, ip: clientIp(request) });
  if (lockout.locked) {
    return submission.reply({
      formErrors: [message("auth:signIn.locked", { minutes: lockout.retryAfterMinutes })],
    });
  }
  const code = submission.value.code.replace(/\s/g, "");
  const viaRecovery = !/^\d{6}$/.test(code);
  const ok = viaRecovery
    ? await consumeRecoveryCode(challenge.userId, code)
    : await verifyUserTotp(challenge.userId, code);
  await recordSignInAttempt({ email: challenge.email, request, succeeded: ok });
  const actor = auditActor(request, context, { id: challenge.userId });
  if (!ok) {
    await recordAuditNow(actor, {
      action: "sign_in_second_factor_failed",
      entityType: "user",
      entityId: challenge.userId,
    });
    return submission.reply({ fieldErrors: { code: ["auth:twoFactor.wrongCode"] } });
  }
  await recordAuditNow(actor, {
    action: "sign_in",
    entityType: "user",
    entityId: challenge.userId,
    changes: { secondFactor: viaRecovery ? "recovery_code" : "totp" },
  });
  const headers = new Headers();
  headers.append("Set-Cookie", await clearMfaChallenge());
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, challenge.userId, { pending: challenge.pending }));
  return redirect(safeRedirectPath(challenge.redirectTo), { headers });
}

export default function VerifySecondFactor() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["auth", "common"]);
  const fieldErrors = lastResult?.error?.code ?? null;
  const formErrors = lastResult?.error?.[""] ?? null;
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="card">
          <h1>{t("twoFactor.verifyTitle")}</h1>
          <p className="muted">{t("twoFactor.verifyBody")}</p>
          <SchemaForm schema={secondFactorSchema} method="post" className="form">
            <FormErrors errors={formErrors} />
            <TextField
              label={t("twoFactor.code")}
              name="code"
              errors={fieldErrors}
              autoComplete="one-time-code"
              inputMode="text"
              autoFocus
              required
              maxLength={20}
            />
            <p className="field__hint">{t("twoFactor.recoveryHint")}</p>
            <button type="submit" className="btn">
              {t("twoFactor.verify")}
            </button>
          </SchemaForm>
          <p>
            <Link to="/login">{t("twoFactor.backToSignIn")}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
