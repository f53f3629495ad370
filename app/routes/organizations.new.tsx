import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organizationKinds, organizationStatuses } from "#db/schema/organizations";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { pageTitle } from "~/modules/i18n/meta";
import { submitRecordForm } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { createOrganization } from "~/modules/organizations/mutations.server";
import { OrganizationForm } from "~/modules/organizations/organization-form";
import { organizationSchema } from "~/modules/organizations/schemas";
import contractsCss from "~/styles/contracts.css?url";

export const handle = { i18n: ["common", "organizations"] };
export const meta = pageTitle("organizations:form.createTitle");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:organization");
  return {
    formKey: newFormKey(),
    regions: await regionChoices(user),
    kinds: organizationKinds,
    statuses: organizationStatuses,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:organization");
  return submitRecordForm({
    request,
    context,
    user,
    schema: organizationSchema,
    write: createOrganization,
    redirectTo: (value) => `/organizations/${value.id}?saved=1`,
  });
}

export default function NewOrganization() {
  const { formKey, regions, kinds, statuses } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["organizations", "common"]);
  return (
    <>
      <PageHeader title={t("form.createTitle")} subtitle={t("form.createSubtitle")} />
      <OrganizationForm
        lastResult={lastResult}
        formKey={formKey}
        regions={regions}
        kinds={kinds}
        statuses={statuses}
        defaultValue={{
          status: "active",
          regionId: regions.length === 1 ? String(regions[0].id) : undefined,
        }}
        cancelTo="/organizations"
        submitLabel={t("form.create")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
