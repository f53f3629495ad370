// Remix's <Form> for a form whose action parses it with a zod schema: the fields that schema requires are marked
// (FormSchema in field.tsx), so a form states its schema once, where it opens.
import { Form, type FormProps } from "@remix-run/react";
import { forwardRef } from "react";
import type { z } from "zod";
import { FormSchema } from "./field";

type Props = FormProps & {
  /** The schema the action parses the form with. */
  schema: z.ZodTypeAny;
  /** The intent the form posts, for a schema that is a union of intents. */
  intent?: string;
  /** False for a form whose required fields are all hidden (see FormSchema). */
  note?: boolean;
};

export const SchemaForm = forwardRef<HTMLFormElement, Props>(function SchemaForm(
  { schema, intent, note, children, ...form },
  ref,
) {
  return (
    <Form ref={ref} {...form}>
      <FormSchema schema={schema} intent={intent} note={note}>
        {children}
      </FormSchema>
    </Form>
  );
});
