// The fields an account form asks again before it changes a sign-in secret: the current password and, where the
// account has one, a code from the authenticator app. The form's own errors stand above them.
import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "~/components/ui/field";
import type { Message } from "~/modules/kernel/messages";

type Errors = Record<string, Message[] | null | undefined>;

export function ReauthFields({
  errors,
  code,
}: {
  errors: Errors;
  /** Ask for an authenticator code too, with these extra input attributes (e.g. six digits when enrolling). */
  code?: Pick<InputHTMLAttributes<HTMLInputElement>, "inputMode" | "maxLength">;
}) {
  const { t } = useTranslation("auth");
  return (
    <>
      <FormErrors errors={errors[""]} />
      <TextField
        label={t("password.current")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors.currentPassword}
      />
      {code ? (
        <TextField
          label={t("twoFactor.code")}
          name="code"
          {...code}
          autoComplete="one-time-code"
          required
          errors={errors.code}
        />
      ) : null}
    </>
  );
}
