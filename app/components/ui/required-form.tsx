// Remix's <Form> with its required fields marked from names the loader computed (`requiredFields` on the server, from
// the schema the action parses with): for the field pages, whose first download on a weak link carries no zod
// (issue 13). Elsewhere a form names its schema instead (SchemaForm, schema-form.tsx); the marks are the same.
import { Form, type FormProps } from "@remix-run/react";
import { forwardRef } from "react";
import { RequiredFields } from "./field";

type Props = FormProps & {
  /** What `requiredFields(schema, intent)` gives for the schema the action parses the form with. */
  required: readonly string[];
  /** False for a form whose required fields are all hidden (see RequiredFields). */
  note?: boolean;
};

export const RequiredForm = forwardRef<HTMLFormElement, Props>(function RequiredForm(
  { required, note, children, ...form },
  ref,
) {
  return (
    <Form ref={ref} {...form}>
      <RequiredFields names={required} note={note}>
        {children}
      </RequiredFields>
    </Form>
  );
});
