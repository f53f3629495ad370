// Form fields that show a server-side error next to the input, in the reader's language.
// Errors are messages: i18n keys, or keys with the values they interpolate (app/modules/kernel/messages.ts).
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { type Message, messageKey } from "~/modules/kernel/messages";

export function useErrorText() {
  const { t } = useTranslation();
  return (error: Message) =>
    typeof error === "string"
      ? t(error, { defaultValue: error })
      : t(error.key, { ...error.values, defaultValue: error.key });
}

export function FieldErrors({ id, errors }: { id: string; errors?: Message[] | null }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field__errors" role="alert">
      {errors.map((e) => (
        <li key={messageKey(e)}>{text(e)}</li>
      ))}
    </ul>
  );
}

type Common = { label: ReactNode; name: string; errors?: Message[] | null; hint?: ReactNode };

export function TextField({
  label,
  name,
  errors,
  hint,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `f-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...input}
      />
      {hint ? <p className="field__hint">{hint}</p> : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = select.id ?? `f-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...select}
      >
        {children}
      </select>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function TextAreaField({
  label,
  name,
  errors,
  hint,
  ...area
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = area.id ?? `f-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...area}
      />
      {hint ? <p className="field__hint">{hint}</p> : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** Errors that belong to the whole form rather than one field. */
export function FormErrors({ errors }: { errors?: Message[] | null }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <div className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={messageKey(e)}>{text(e)}</p>
      ))}
    </div>
  );
}
