// Fields bound to a form's field metadata (Conform's, or server-form.ts's for forms the server alone checks): the
// name, value, constraints, error state and messages come from the metadata, so a form states each field once. They
// render the plain fields of field.tsx. The attributes are those Conform's getInputProps/getSelectProps/
// getTextareaProps give, written out here so a page using these fields does not download Conform for them.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { Message } from "~/modules/kernel/messages";
import { SelectField, TextAreaField, TextField } from "./field";

/** What the fields read of a field's metadata; Conform's FieldMetadata and server-form.ts's FormControl both fit. */
export type BoundField = {
  id: string;
  name: string;
  formId: string;
  errorId: string;
  initialValue?: unknown;
  errors?: Message[] | undefined;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  pattern?: string;
  multiple?: boolean;
  accept?: string;
};
type Bound = { field: BoundField; label: ReactNode; hint?: ReactNode };
type Owned = "name" | "defaultValue" | "form" | "id" | "type";
/** An input may set its own default over the form's: a field that never shows what is stored (an ID number). */
type InputOwned = Exclude<Owned, "defaultValue">;

/** Drops undefined attributes, so a caller's own props merge over them as with Conform's helpers. */
function defined<T extends Record<string, unknown>>(props: T): T {
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return props;
}

const text = (value: unknown) => (value == null ? undefined : String(value));

/** id, name, form, required and the aria state of a control (Conform's getFormControlProps). */
export function controlProps(field: BoundField) {
  const invalid = field.errors !== undefined;
  return defined({
    required: field.required || undefined,
    id: field.id,
    name: field.name,
    form: field.formId,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? field.errorId : undefined,
  });
}

/** A select's attributes and default (Conform's getSelectProps). */
export function selectProps(field: BoundField) {
  const initial = field.initialValue;
  return defined({
    ...controlProps(field),
    multiple: field.multiple,
    defaultValue: Array.isArray(initial) ? initial.map((item) => `${item ?? ""}`) : text(initial),
  });
}

export function FormInput({
  field,
  type = "text",
  ...rest
}: Bound & {
  type?: "text" | "date" | "time" | "email" | "tel" | "number" | "password" | "url";
} & Omit<InputHTMLAttributes<HTMLInputElement>, InputOwned>) {
  const props = defined({
    ...controlProps(field),
    type,
    minLength: field.minLength,
    maxLength: field.maxLength,
    min: field.min,
    max: field.max,
    step: field.step,
    pattern: field.pattern,
    multiple: field.multiple,
    accept: field.accept,
    defaultValue: typeof field.initialValue === "string" ? field.initialValue : undefined,
  });
  return <TextField {...props} {...rest} errors={field.errors} />;
}

/**
 * A record's code as printed on its paper (a contract's, a project's): typed by hand, so the browser neither suggests
 * what other forms held nor marks it as a misspelling.
 */
export function FormCodeInput({ field, label, hint }: Bound) {
  return <FormInput field={field} label={label} hint={hint} autoComplete="off" spellCheck={false} />;
}

export function FormSelect({
  field,
  children,
  ...rest
}: Bound & Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned>) {
  return (
    <SelectField {...selectProps(field)} {...rest} errors={field.errors}>
      {children}
    </SelectField>
  );
}

export function FormTextArea({
  field,
  ...rest
}: Bound & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>) {
  const props = defined({
    ...controlProps(field),
    minLength: field.minLength,
    maxLength: field.maxLength,
    defaultValue: text(field.initialValue),
  });
  return <TextAreaField {...props} {...rest} errors={field.errors} />;
}
