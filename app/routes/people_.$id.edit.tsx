// Editing a person's file. The stored ID number is never sent to the browser; typing a new one replaces it.

import {
  type ActionFunctionArgs,
  data,
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
import { ConflictNotice, conflictOf } from "~/modules/conflicts/components/conflict-notice";
import { pageTitle } from "~/modules/i18n/meta";
import { CONFLICT_MESSAGE, isConflicted } from "~/modules/kernel/conflicts";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import { editPerson } from "~/modules/people/mutations.server";
import { PersonForm } from "~/modules/people/person-form";
import { getPersonFile, personFormOptions } from "~/modules/people/queries.server";
import { editPersonSchema } from "~/modules/people/schemas";
import { peopleStylesheets } from "~/modules/people/ui";
import { applyPickedVillage, villageField } from "~/modules/regions/village-search.server";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "people", "peopleRegister"] };
export const meta = pageTitle("people:edit.title");
export const links: LinksFunction = () => peopleStylesheets;
export const headers = () => ({ "Cache-Control": "private, no-store" });

function personId(params: { id?: string }) {
  return routeId(params.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const person = await getPersonFile({ user, id: personId(params) });
  if (!person) notFound();
  if (person.contactMasked) throw new Response("Forbidden", { status: 403 });
  const villageSearch = await villageField(user, person.villageId);
  const options = await personFormOptions({ user, withVillages: !villageSearch.search });
  return {
    person,
    ...options,
    villageSearch,
    chooseStation: user.scope.kind !== "station",
    formKey: newFormKey(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const id = personId(params);
  const formData = await request.formData();
  await applyPickedVillage(user, formData, "villageId");
  const submission = parseForm(formData, editPersonSchema(todayInShanghai()));
  if (submission.status !== "success") return submission.reply({ hideFields: ["idNumber"] });
  const outcome = await editPerson({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    personId: id,
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply({ ...outcome, hideFields: ["idNumber"] });
  if (isConflicted(outcome.value))
    return data(
      {
        ...submission.reply({ formErrors: [CONFLICT_MESSAGE], hideFields: ["idNumber"] }),
        conflict: outcome.value.conflict,
      },
      { status: 409 },
    );
  return redirect(`/people/${id}`);
}

export default function EditPerson() {
  const { person, villages, villageSearch, stations, chooseStation, formKey } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["people", "common"]);
  return (
    <>
      <PageHeader title={t("edit.title")} subtitle={`${person.fullName} · ${person.idNumberMasked}`} />
      <ConflictNotice conflict={conflictOf(lastResult)} />
      <div className="card">
        <PersonForm
          mode="edit"
          lastResult={lastResult}
          defaults={person}
          villages={villages}
          villageSearch={villageSearch}
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
