// Editing a person's file. The stored ID number is never sent to the browser; typing a new one replaces it.
import { parseWithZod } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey, runOnce } from "~/modules/kernel/idempotency.server";
import { PersonConflict, updatePerson } from "~/modules/people/mutations.server";
import { PersonForm } from "~/modules/people/person-form";
import { getPersonFile, personFormOptions } from "~/modules/people/queries.server";
import { editPersonSchema } from "~/modules/people/schemas";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import peopleCss from "~/styles/people.css?url";
import { todayInShanghai } from "~/utils/dates";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "people"] };
export const meta = pageTitle("people:edit.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });

function personId(params: { id?: string }) {
  return routeId(params.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const person = await getPersonFile({ user, id: personId(params) });
  const options = await personFormOptions({ user });
  if (person.contactMasked) throw new Response("Forbidden", { status: 403 });
  return { person, ...options, chooseStation: user.scope.kind !== "station", formKey: newFormKey() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const id = personId(params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: editPersonSchema(todayInShanghai()) });
  if (submission.status !== "success") return submission.reply({ hideFields: ["idNumber"] });
  const key = formKeyFrom(formData);
  if (!key) return submission.reply({ formErrors: ["validation.formExpired"] });
  try {
    await runOnce({ key, userId: user.id, action: "person.update" }, async (tx) =>
      updatePerson(tx, {
        user,
        actor: auditActor(request, context, user),
        personId: id,
        input: submission.value,
      }),
    );
  } catch (error) {
    if (error instanceof PersonConflict)
      return submission.reply({
        fieldErrors: { [error.field]: [error.messageKey] },
        hideFields: ["idNumber"],
      });
    throw error;
  }
  void nudgeReminders();
  return redirect(`/people/${id}`);
}

export default function EditPerson() {
  const { person, villages, stations, chooseStation, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["people", "common"]);
  return (
    <>
      <PageHeader title={t("edit.title")} subtitle={`${person.fullName} · ${person.idNumberMasked}`} />
      <div className="card">
        <PersonForm
          mode="edit"
          lastResult={lastResult}
          defaults={person}
          villages={villages}
          stations={stations}
          chooseStation={chooseStation}
          formKey={formKey}
          cancelTo={`/people/${person.id}`}
        />
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
