// Editing an organization's registration: planners of the region it is registered in.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requireEditable } from "~/modules/access/editable.server";
import { titleText } from "~/modules/i18n/meta";
import { editRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { updateOrganization } from "~/modules/organizations/mutations.server";
import { OrganizationForm, organizationFormValues } from "~/modules/organizations/organization-form";
import { getOrganization, organizationFormChoices } from "~/modules/organizations/queries.server";
import { organizationSchema } from "~/modules/organizations/schemas";
import contractsCss from "~/styles/contracts.css?url";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "organizations"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.organization.name ?? "");

/** Planners of another region may read an organization that works for them but not change its registration. */
const editable = (request: Request, id: number) =>
  requireEditable(
    request,
    "write:organization",
    (user) => getOrganization({ user, id }),
    (o) => o.canEdit,
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, row: organization } = await editable(request, routeId(params.id));
  return { organization, choices: await organizationFormChoices(user), formKey: newFormKey() };
}

export const action = editRecordAction({
  guard: editable,
  schema: organizationSchema,
  write: (args, organizationId) => updateOrganization({ ...args, organizationId }),
  redirectTo: (id) => `/organizations/${id}?saved=1`,
});

export default function EditOrganization() {
  const { organization: o, choices, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["organizations", "common"]);
  return (
    <>
      <PageHeader title={t("form.editTitle")} subtitle={o.name} />
      <OrganizationForm
        lastResult={lastResult}
        formKey={formKey}
        choices={choices}
        defaultValue={organizationFormValues(o)}
        cancelTo={`/organizations/${o.id}`}
        submitLabel={t("common:actions.save")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
