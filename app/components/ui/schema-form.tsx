// Remix's <Form> for a form whose action parses it with a zod schema: the fields that schema requires are marked
// (RequiredFields in field.tsx), so a form states its schema once, where it opens. The field pages, which must not
// download zod, pass the names from their loader instead (RequiredForm, required-form.tsx).
import type { FormProps } from "@remix-run/react";
import { forwardRef, type ReactNode, useMemo } from "react";
import type { z } from "zod";
import { requiredFields } from "~/modules/kernel/required";
import { RequiredFields } from "./field";
import { RequiredForm } from "./required-form";

/**
 * Marks the fields inside it that `schema` requires. `intent` picks the option of a union of intents; `note={false}`
 * for a form whose required fields are all hidden (an id, a confirmation already given).
 */
export function FormSchema({
  schema,
  intent,
  note = true,
  children,
}: {
  schema: z.ZodTypeAny;
  intent?: string;
  note?: boolean;
  children: ReactNode;
}) {
  const names = useMemo(() => requiredFields(schema, intent), [schema, intent]);
  return (
    <RequiredFields names={names} note={note}>
      {children}
    </RequiredFields>
  );
}

type Props = FormProps & {
  /** The schema the action parses the form with. */
  schema: z.ZodTypeAny;
  /** The intent the form posts, for a schema that is a union of intents. */
  intent?: string;
  /** False for a form whose required fields are all hidden (see FormSchema). */
  note?: boolean;
};

export const SchemaForm = forwardRef<HTMLFormElement, Props>(function SchemaForm(
  { schema, intent, ...form },
  ref,
) {
  const names = useMemo(() => requiredFields(schema, intent), [schema, intent]);
  return <RequiredForm ref={ref} required={names} {...form} />;
});
