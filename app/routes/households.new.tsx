// Founding a household with a person in care as its head (户主), from their file: its number in the head's village.

import { getFormProps, getInputProps } from "@conform-to/react";
import { type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/ui/field";
import { FormInput } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { PageHeader } from "~/components/ui/page-header";
import { SchemaForm } from "~/components/ui/schema-form";
import { requirePermission } from "~/modules/access/guard.server";
import { createHousehold } from "~/modules/households/mutations.server";
import { foundingPerson } from "~/modules/households/queries.server";
import { createHouseholdSchema } from "~/modules/households/schemas";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { useMessageForm } from "~/modules/kernel/use-form";
import householdsCss from "~/styles/households.css?url";
import { notFound } from "~/utils/http.server";
import { dbIdFrom } from "~/utils/ids";

export const handle = { i18n: ["common", "households"] };
export const meta = pageTitle("households:new.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: householdsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:household");
  const asked = new URL(request.url).searchParams.get("person");
  // Without a person the page says where a household is founded: on its head's file.
  if (!asked) return { person: null, formKey: newFormKey() };
  const personId = dbIdFrom(asked);
  const person = personId ? await foundingPerson({ user, personId }) : null;
  if (!person) notFound();
  if (person.householdId) throw redirect(`/households/${person.householdId}`);
  return { person, formKey: newFormKey() };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:household"),
  schema: createHouseholdSchema,
  write: createHousehold,
  redirectTo: (value) => `/households/${value.id}?created=1`,
});

export default function NewHousehold() {
  const { person, formKey } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["households", "common"]);
  if (!person)
    return (
      <>
        <PageHeader title={t("new.title")} actions={<Link to="/people">{t("common:nav.people")}</Link>} />
        <div className="card empty-state">
          <p>{t("new.fromFile")}</p>
        </div>
      </>
    );
  return <NewHouseholdForm person={person} formKey={formKey} />;
}

function NewHouseholdForm({
  person,
  formKey,
}: {
  person: { id: number; fullName: string; villageName: string; address: string | null };
  formKey: string;
}) {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["households", "common"]);
  const [form, fields] = useMessageForm<{ number: string; address: string }>({
    id: "new-household",
    lastResult,
    defaultValue: { number: "", address: person.address ?? "" },
  });
  return (
    <>
      <PageHeader
        title={t("new.title")}
        subtitle={t("new.subtitle", { name: person.fullName, village: person.villageName })}
        actions={<Link to={`/people/${person.id}`}>{t("common:actions.back")}</Link>}
      />
      <div className="card">
        <SchemaForm schema={createHouseholdSchema} method="post" className="form" {...getFormProps(form)}>
          <FormKey value={formKey} />
          <input type="hidden" name="personId" value={person.id} />
          <FormErrors errors={form.errors} />
          <p>{t("new.head", { name: person.fullName })}</p>
          <TextField
            label={t("fields.number")}
            {...getInputProps(fields.number, { type: "text" })}
            key={fields.number.key}
            required
            maxLength={40}
            hint={t("new.numberHint")}
            errors={fields.number.errors ?? form.allErrors.personId}
          />
          <FormInput field={fields.address} label={t("fields.address")} maxLength={200} />
          <button type="submit" className="btn">
            {t("new.submit")}
          </button>
        </SchemaForm>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
