import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageRow } from "~/components/shell/language-switch";
import { FormErrors } from "~/components/ui/field";
import { FormInput } from "~/components/ui/form-fields";
import { SchemaForm } from "~/components/ui/schema-form";
import { getUser } from "~/modules/access/guard.server";
import { DEMO_PASSWORD, demoAccounts } from "~/modules/auth/demo-accounts";
import { startMfaChallenge } from "~/modules/auth/mfa-challenge.server";
import { signInSchema } from "~/modules/auth/schemas";
import { endSession, startSession } from "~/modules/auth/session.server";
import { checkPasswordSignIn } from "~/modules/auth/sign-in.server";
import { appLocaleOf } from "~/modules/i18n/config";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { pageTitle } from "~/modules/i18n/meta";
import { message, parseForm } from "~/modules/kernel/messages";
import { holdsDemoData } from "~/modules/meta/queries.server";
import { safeRedirectPath } from "~/utils/http.server";

export const handle = { i18n: ["common", "auth"] };
export const meta = pageTitle("auth:signIn.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  const demo = await holdsDemoData();
  return {
    demoAccounts: demo
      ? demoAccounts.filter((a) => a.showOnSignIn).map(({ email, role }) => ({ email, role }))
      : [],
    demoPassword: demo ? DEMO_PASSWORD : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseForm(formData, signInSchema);
  if (submission.status !== "success") {
    return submission.reply({ hideFields: ["password"] });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await checkPasswordSignIn({
    request,
    requestId: context?.requestId ?? null,
    email,
    password,
  });
  if (!result.ok) {
    const refusal =
      result.reason === "locked"
        ? message("auth:signIn.locked", { minutes: result.retryAfterMinutes })
        : result.reason === "disabled"
          ? "auth:signIn.disabled"
          : "auth:signIn.invalid";
    return submission.reply({ formErrors: [refusal], hideFields: ["password"] });
  }
  const target = safeRedirectPath(redirectTo);
  const headers = new Headers();
  headers.append("Set-Cookie", await localeCookie.serialize(result.locale));
  if (result.needsTotpCode) {
    headers.append(
      "Set-Cookie",
      await startMfaChallenge({
        userId: result.userId,
        email,
        redirectTo: target,
        pending: result.pending,
        locale: result.locale,
      }),
    );
    return redirect("/login/verify", { headers });
  }
  // why: a new session id at every sign-in (no fixation); the old session, if any, is ended.
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await startSession(request, result.userId, { pending: result.pending }));
  return redirect(target, { headers });
}

export default function Login() {
  const { demoAccounts: accounts, demoPassword } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["auth", "common"]);
  const location = useLocation();
  const navigation = useNavigation();
  const redirectTo = new URLSearchParams(location.search).get("redirectTo") ?? "/";
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="card">
          <div className="auth-card__brand">
            <span className="topbar__logo" aria-hidden="true">
              站
            </span>
            <div>
              <strong>{t("common:appName")}</strong>
              <div className="muted" style={{ fontSize: "0.85rem" }}>
                {t("common:appTagline")}
              </div>
            </div>
          </div>
          <h1>{t("signIn.heading")}</h1>
          <SchemaForm schema={signInSchema} method="post" className="form" {...getFormProps(form)}>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <FormErrors errors={form.errors} />
            <FormInput
              field={fields.email}
              type="email"
              label={t("signIn.email")}
              autoComplete="username"
              autoFocus
              inputMode="email"
            />
            <FormInput
              field={fields.password}
              type="password"
              label={t("signIn.password")}
              autoComplete="current-password"
            />
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("signIn.submit")}
            </button>
          </SchemaForm>
        </div>
        {accounts.length > 0 ? (
          <div className="card demo-accounts" data-testid="demo-accounts">
            <h2>{t("demo.title")}</h2>
            <p className="muted">{t("demo.body", { password: demoPassword })}</p>
            <p className="muted">{t("demo.exempt")}</p>
            <table>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.email}>
                    <td>
                      <code>{a.email}</code>
                    </td>
                    <td className="muted">{t(`common:roles.${a.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <LanguageRow locale={appLocaleOf(i18n.language)} />
      </div>
    </div>
  );
}
