// Fields bound to a Conform field: the name, value, constraints, error state and messages come from the form's
// metadata, so a form states each field once. They render the plain fields of field.tsx.
import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { Message } from "~/modules/kernel/messages";
import { SelectField, TextAreaField, TextField } from "./field";

// biome-ignore lint/suspicious/noExplicitAny: a field of any form's shape
type Field = FieldMetadata<any, any, Message[]>;
type Bound = { field: Field; label: ReactNode; hint?: ReactNode };
type Owned = "name" | "defaultValue" | "form" | "id" | "type";
/** An input may set its own default over the form's: a field that never shows what is stored (an ID number). */
type InputOwned = Exclude<Owned, "defaultValue">;

export function FormInput({
  field,
  type = "text",
  ...rest
}: Bound & {
  type?: "text" | "date" | "time" | "email" | "tel" | "number" | "password" | "url";
} & Omit<InputHTMLAttributes<HTMLInputElement>, InputOwned>) {
  const { key, ...props } = getInputProps(field, { type });
  return <TextField key={key} {...props} {...rest} errors={field.errors} />;
}

export function FormSelect({
  field,
  children,
  ...rest
}: Bound & Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned>) {
  const { key, ...props } = getSelectProps(field);
  return (
    <SelectField key={key} {...props} {...rest} errors={field.errors}>
      {children}
    </SelectField>
  );
}

export function FormTextArea({
  field,
  ...rest
}: Bound & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>) {
  const { key, ...props } = getTextareaProps(field);
  return <TextAreaField key={key} {...props} {...rest} errors={field.errors} />;
}
