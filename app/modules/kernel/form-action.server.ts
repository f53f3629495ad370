// A record form's action after its guard (ADR 008): parse the post with the form's schema, hand a valid one to the
// module's write with the user, the actor and the form key, and answer the form with its problems, a 404 for a row
// outside the user's scope, or a redirect to where the saved record shows.
import { type ActionFunctionArgs, type AppLoadContext, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, auditActor } from "~/modules/audit/audit.server";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";
import { formKeyFrom } from "./form-key";
import { parseForm } from "./parse-form";
import type { WriteResult } from "./write-result";

export type FormWrite<Input, Value> = (args: {
  user: SessionUser;
  actor: AuditActor;
  key: string | null;
  input: Input;
}) => Promise<WriteResult<Value> | null>;

export async function submitRecordForm<Schema extends z.ZodTypeAny, Value>({
  request,
  context,
  user,
  schema,
  write,
  redirectTo,
}: {
  request: Request;
  context: AppLoadContext | undefined;
  user: SessionUser;
  schema: Schema;
  write: FormWrite<z.output<Schema>, Value>;
  /** Where the saved record shows (the form's own values name it where the write's value does not). */
  redirectTo: (value: Value, input: z.output<Schema>) => string;
}) {
  const formData = await request.formData();
  const submission = parseForm(formData, schema);
  if (submission.status !== "success") return submission.reply();
  const outcome = await write({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply(outcome);
  return redirect(redirectTo(outcome.value, submission.value));
}

/**
 * A page's action that adds a record: the page's guard (a permission) gives the user, then the form is submitted as
 * above and the new record's page (or the list it joins) shows it saved.
 */
export function newRecordAction<Schema extends z.ZodTypeAny, Value>({
  guard,
  schema,
  write,
  redirectTo,
}: {
  guard: (request: Request) => Promise<SessionUser>;
  schema: Schema;
  write: FormWrite<z.output<Schema>, Value>;
  redirectTo: (value: Value, input: z.output<Schema>) => string;
}) {
  return async ({ request, context }: ActionFunctionArgs) =>
    submitRecordForm({ request, context, user: await guard(request), schema, write, redirectTo });
}

/**
 * An edit page's action: the page's guard opens the record the loader showed (404 outside scope, refused when it may
 * not be changed), then the form is submitted as above and the record's page shows it saved.
 */
export function editRecordAction<Schema extends z.ZodTypeAny, Value>({
  guard,
  schema,
  write,
  redirectTo,
}: {
  guard: (request: Request, id: number) => Promise<{ user: SessionUser }>;
  schema: Schema;
  /** The module's update of the record with this id. */
  write: (
    args: Parameters<FormWrite<z.output<Schema>, Value>>[0],
    id: number,
  ) => ReturnType<FormWrite<z.output<Schema>, Value>>;
  redirectTo: (id: number) => string;
}) {
  return async ({ request, params, context }: ActionFunctionArgs) => {
    const id = routeId(params.id);
    const { user } = await guard(request, id);
    return submitRecordForm({
      request,
      context,
      user,
      schema,
      write: (args) => write(args, id),
      redirectTo: () => redirectTo(id),
    });
  };
}
