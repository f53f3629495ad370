import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organizationKinds, organizationStatuses } from "#db/schema/organizations";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { auditActor } from "~/modules/audit/audit.server";
import { titleText } from "~/modules/i18n/meta";
import { parseForm } from "~/modules/kernel/messages";
import { routeId } from "~/modules/kernel/search-params";
import { updateOrganization } from "~/modules/organizations/mutations.server";
import { OrganizationForm } from "~/modules/organizations/organization-form";
import { getOrganization } from "~/modules/organizations/queries.server";
import { organizationSchema } from "~/modules/organizations/schemas";
import contractsCss from "~/styles/contracts.css?url";
import { forbidden, notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "organizations"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.organization.name ?? "");

async function editable(request: Request, id: number) {
  const user = await requirePermission(request, "write:organization");
  const organization = await getOrganization({ user, id });
  if (!organization) notFound();
  // Planners of another region may read an organization that works for them but not change its registration.
  if (!organization.canEdit) forbidden();
  return { user, organization };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organization } = await editable(request, routeId(params.id));
  return {
    organization,
    regions: await regionChoices(user),
    kinds: organizationKinds,
    statuses: organizationStatuses,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = routeId(params.id);
  const { user } = await editable(request, id);
  const formData = await request.formData();
  const submission = parseForm(formData, organizationSchema);
  if (submission.status !== "success") return submission.reply();
  const result = await updateOrganization({
    user,
    actor: auditActor(request, context, user),
    id,
    input: submission.value,
  });
  if (!result) notFound();
  if (!result.ok) return submission.reply({ formErrors: result.formErrors, fieldErrors: result.fieldErrors });
  return redirect(`/organizations/${id}?saved=1`);
}

export default function EditOrganization() {
  const { organization: o, regions, kinds, statuses } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["organizations", "common"]);
  return (
    <>
      <PageHeader title={t("form.editTitle")} subtitle={o.name} />
      <OrganizationForm
        lastResult={lastResult}
        regions={regions}
        kinds={kinds}
        statuses={statuses}
        defaultValue={{
          name: o.name,
          creditCode: o.creditCode,
          kind: o.kind,
          regionId: String(o.regionId),
          registeredOn: o.registeredOn ?? undefined,
          hasPartyBranch: o.hasPartyBranch ? "on" : undefined,
          contactName: o.contactName ?? undefined,
          contactPhone: o.contactPhone ?? undefined,
          contactEmail: o.contactEmail ?? undefined,
          address: o.address ?? undefined,
          status: o.status,
        }}
        cancelTo={`/organizations/${o.id}`}
        submitLabel={t("common:actions.save")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
