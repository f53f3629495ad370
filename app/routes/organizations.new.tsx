import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { createOrganization } from "~/modules/organizations/mutations.server";
import { OrganizationForm } from "~/modules/organizations/organization-form";
import { organizationFormChoices } from "~/modules/organizations/queries.server";
import { organizationSchema } from "~/modules/organizations/schemas";
import contractsCss from "~/styles/contracts.css?url";

export const handle = { i18n: ["common", "organizations"] };
export const meta = pageTitle("organizations:form.createTitle");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:organization");
  return { formKey: newFormKey(), choices: await organizationFormChoices(user) };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:organization"),
  schema: organizationSchema,
  write: createOrganization,
  redirectTo: (value) => `/organizations/${value.id}?saved=1`,
});

export default function NewOrganization() {
  const { formKey, choices } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["organizations", "common"]);
  return (
    <>
      <PageHeader title={t("form.createTitle")} subtitle={t("form.createSubtitle")} />
      <OrganizationForm
        lastResult={lastResult}
        formKey={formKey}
        choices={choices}
        defaultValue={{
          status: "active",
          regionId: choices.regions.length === 1 ? String(choices.regions[0].id) : undefined,
        }}
        cancelTo="/organizations"
        submitLabel={t("form.create")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
