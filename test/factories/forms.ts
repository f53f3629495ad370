// Form fields as a route parses them (parseForm: Conform's coercion of numbers, checkboxes and empty inputs), for
// module tests that call a write path with what a form would have sent.
import type { z } from "zod";
import { parseForm } from "~/modules/kernel/messages";

/** The submission of these fields; a field given as an array is sent once per value. */
export function submissionOf<Schema extends z.ZodTypeAny>(
  schema: Schema,
  fields: Record<string, string | string[]>,
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const one of [value].flat()) form.append(name, one);
  return parseForm(form, schema);
}

/** The parsed input of fields that must be valid: a test whose fields do not parse fails with the errors. */
export function validInput<Schema extends z.ZodTypeAny>(
  schema: Schema,
  fields: Record<string, string | string[]>,
): z.output<Schema> {
  const submission = submissionOf(schema, fields);
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}
