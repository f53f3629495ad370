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

/** A field's label; a required field is marked the same way on every form (see RequiredNote). */
function FieldLabel({
  htmlFor,
  required,
  children,
}: {
  htmlFor: string;
  required?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor}>
      {children}
      {required ? (
        <span className="field__required" title={t("validation.requiredMark")}>
          {" "}
          *
        </span>
      ) : null}
    </label>
  );
}

/** The key to the marks: "* 为必填项". */
export function RequiredNote() {
  const { t } = useTranslation();
  return <p className="field__hint required-note">{t("validation.requiredNote")}</p>;
}

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
      <FieldLabel htmlFor={id} required={input.required}>
        {label}
      </FieldLabel>
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
      <FieldLabel htmlFor={id} required={select.required}>
        {label}
      </FieldLabel>
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
      <FieldLabel htmlFor={id} required={area.required}>
        {label}
      </FieldLabel>
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

/**
 * Errors that belong to the whole form rather than one field; with `fieldErrors` (Conform's `form.allErrors`) also a
 * summary at the top of how many fields need a change, each linking to its field, where the message stands again.
 */
export function FormErrors({
  errors,
  fieldErrors,
  formId,
}: {
  errors?: Message[] | null;
  fieldErrors?: Record<string, Message[] | undefined> | null;
  /** Conform's form id: its fields' ids are `<form id>-<name>`. */
  formId?: string;
}) {
  const { t } = useTranslation();
  const text = useErrorText();
  const fields = Object.entries(fieldErrors ?? {}).filter(
    ([name, list]) => name !== "" && list?.length && !list.every((m) => errors?.includes(m)),
  );
  if (!errors?.length && fields.length === 0) return null;
  return (
    <div className="form-errors" role="alert" data-testid="form-errors">
      {errors?.map((e) => (
        <p key={messageKey(e)}>{text(e)}</p>
      ))}
      {fields.length ? (
        <>
          <p>{t("validation.summary", { count: fields.length })}</p>
          <ul className="form-errors__fields">
            {fields.map(([name, list]) => (
              <li key={name}>
                <a href={formId ? `#${formId}-${name}` : `#f-${name}`}>{text(list![0])}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
