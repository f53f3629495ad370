// Form fields that show a server-side error next to the input, in the reader's language.
// Errors are messages: i18n keys, or keys with the values they interpolate (app/modules/kernel/messages.ts).
import {
  createContext,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useContext,
  useMemo,
} from "react";
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
  return (
    <label htmlFor={htmlFor}>
      {children}
      {required ? <RequiredMark /> : null}
    </label>
  );
}

/**
 * The key to the marks: "* 为必填项". Once per form: `RequiredFields` shows it; the forms of a table's rows refer to one
 * above the table by its `id` (`aria-describedby`).
 */
export function RequiredNote({ id }: { id?: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="field__hint required-note">
      {t("validation.requiredNote")}
    </p>
  );
}

/** The names the enclosing form's schema requires; null outside a `RequiredFields`. */
const RequiredNames = createContext<ReadonlySet<string> | null>(null);

/**
 * Wraps a form's fields: every field the schema (the one its action parses with) requires is marked and carries
 * `aria-required`, and the key to the mark stands once at the top. `names` are what `requiredFields` (kernel/required.ts)
 * makes of that schema: on most forms `SchemaForm`/`FormSchema` (schema-form.tsx) compute them at render; the field
 * pages get them from their loader, so their first download carries no zod. `note={false}` for a form whose required
 * fields are all hidden (an id, a confirmation already given).
 */
export function RequiredFields({
  names,
  note = true,
  children,
}: {
  names: readonly string[];
  note?: boolean;
  children: ReactNode;
}) {
  const set = useMemo(() => new Set(names), [names]);
  return (
    <RequiredNames.Provider value={set}>
      {note && set.size ? <RequiredNote /> : null}
      {children}
    </RequiredNames.Provider>
  );
}

/**
 * Whether the field is required: as the enclosing form's schema says, or as the field says (conditional rules). The
 * field then carries `aria-required` and the mark; the browser's own `required` check only where the field states it
 * (the server's message, next to the field, is the one a form without it shows).
 */
export function useRequired(name: string, stated?: boolean): boolean {
  const names = useContext(RequiredNames);
  return Boolean(names?.has(name) || stated);
}

/** The mark beside a label that is not a field's own (a group of radio buttons' legend). */
export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <span className="field__required" title={t("validation.requiredMark")}>
      {" "}
      *
    </span>
  );
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
  const required = useRequired(name, input.required);
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <FieldLabel htmlFor={id} required={required}>
        {label}
      </FieldLabel>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...input}
        aria-required={required || undefined}
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
  const required = useRequired(name, select.required);
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <FieldLabel htmlFor={id} required={required}>
        {label}
      </FieldLabel>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...select}
        aria-required={required || undefined}
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
  const required = useRequired(name, area.required);
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <FieldLabel htmlFor={id} required={required}>
        {label}
      </FieldLabel>
      <textarea
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...area}
        aria-required={required || undefined}
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
