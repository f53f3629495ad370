// Registering a person in care: validated ID number (check digit, birth date), stored encrypted; the first
// routine visit is scheduled from the rules.

import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { DuplicateWarning } from "~/modules/duplicates/components/duplicate-warning";
import { warningsBeforeRegister } from "~/modules/duplicates/warnings.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import { registerPerson } from "~/modules/people/mutations.server";
import { PersonForm } from "~/modules/people/person-form";
import { personFormOptions } from "~/modules/people/queries.server";
import { createPersonSchema } from "~/modules/people/schemas";
import { peopleStylesheets } from "~/modules/people/ui";
import { applyPickedVillage, villageField } from "~/modules/regions/village-search.server";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "people", "peopleRegister", "duplicates"] };
export const meta = pageTitle("peopleRegister:new.title");
export const links: LinksFunction = () => peopleStylesheets;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const villageSearch = await villageField(user);
  const options = await personFormOptions({ user, withVillages: !villageSearch.search });
  return { ...options, villageSearch, chooseStation: user.scope.kind !== "station", formKey: newFormKey() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const formData = await request.formData();
  await applyPickedVillage(user, formData, "villageId");
  const submission = parseForm(formData, createPersonSchema(todayInShanghai()));
  if (submission.status !== "success") return submission.reply({ hideFields: ["idNumber"] });
  const duplicates = await warningsBeforeRegister({
    user,
    input: submission.value,
    checked: formData.get("notDuplicate") === "1",
  });
  if (duplicates) return { ...submission.reply({ hideFields: ["idNumber"] }), duplicates };
  const outcome = await registerPerson({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply({ ...outcome, hideFields: ["idNumber"] });
  return redirect(`/people/${outcome.value.id}?created=1`);
}

export default function NewPerson() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["peopleRegister", "people", "common"]);
  return (
    <>
      <PageHeader
        title={t("new.title")}
        subtitle={t("new.subtitle")}
        actions={<Link to="/people">{t("common:actions.back")}</Link>}
      />
      <div className="card">
        <PersonForm
          mode="create"
          lastResult={lastResult}
          villages={data.villages}
          villageSearch={data.villageSearch}
          stations={data.stations}
          chooseStation={data.chooseStation}
          formKey={data.formKey}
          cancelTo="/people"
          beforeSubmit={
            lastResult && "duplicates" in lastResult ? (
              <DuplicateWarning warnings={lastResult.duplicates} />
            ) : null
          }
        />
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
