// The frame of a record's form (registering or editing an organization, a project, a facility …): a plain POST that
// carries its form key, the errors of the whole form first, the fields, then save and cancel. Works without
// JavaScript; the server validates.
import { type FormMetadata, getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import type { Message } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import { FormErrors } from "./field";
import { FormButtons } from "./form-buttons";
import { FormKey } from "./form-key";
import { FormSchema, SchemaForm } from "./schema-form";

/** What a record's form takes from its page (besides its choices): the last post's result, the stored values when
 * editing, the form key, where cancel leads and what the submit button says. */
export type RecordFormProps<Values> = {
  lastResult: FormResult | null | undefined;
  defaultValue?: Values;
  formKey: string;
  cancelTo: string;
  submitLabel: string;
};

/** The frame both forms below draw: Conform's form, the schema, the intent, the form key and the fields inside. */
// biome-ignore lint/suspicious/noExplicitAny: the same bound Conform puts on a form's shape
type FrameProps<Shape extends Record<string, any>, Errors extends Message[]> = {
  form: FormMetadata<Shape, Errors>;
  /** The schema the action parses the form with: the fields it (or its option `intent`) requires are marked. */
  schema: z.ZodTypeAny;
  /** The intent the form posts, for a schema that is a union of intents. */
  intent?: string;
  formKey: string;
  className?: string;
  testId?: string;
  children: ReactNode;
};

// biome-ignore lint/suspicious/noExplicitAny: the same bound Conform puts on a form's shape
export function RecordForm<Shape extends Record<string, any>, Errors extends Message[]>({
  form,
  schema,
  intent,
  formKey,
  submitLabel,
  cancelTo,
  className = "form card",
  testId,
  children,
}: FrameProps<Shape, Errors> & {
  submitLabel: string;
  /** Where "cancel" leads; no cancel link without it. */
  cancelTo?: string;
}) {
  return (
    <Form method="post" className={className} {...getFormProps(form)} data-testid={testId}>
      <FormKey value={formKey} />
      <FormErrors errors={form.errors} fieldErrors={form.allErrors} formId={form.id} />
      <FormSchema schema={schema} intent={intent}>
        {children}
      </FormSchema>
      <FormButtons submitLabel={submitLabel} cancelTo={cancelTo} className="btn-row form-actions" />
    </Form>
  );
}

/**
 * A page's form with its own buttons: a plain POST of its `intent` (when the page has several forms, ADR 008's
 * multi-intent action), its form key and the errors of the whole form, then its fields.
 */
// biome-ignore lint/suspicious/noExplicitAny: the same bound Conform puts on a form's shape
export function PostForm<Shape extends Record<string, any>, Errors extends Message[]>({
  form,
  schema,
  intent,
  formKey,
  className = "form",
  testId,
  children,
}: FrameProps<Shape, Errors>) {
  return (
    <SchemaForm
      schema={schema}
      intent={intent}
      method="post"
      className={className}
      {...getFormProps(form)}
      data-testid={testId}
    >
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormKey value={formKey} />
      <FormErrors errors={form.errors} />
      {children}
    </SchemaForm>
  );
}
