// Editing a facility's register entry; its status changes on its own page, with history.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FacilityForm, facilityFormDefaults } from "~/components/map/facility-form";
import { mapPageLinks } from "~/components/map/links";
import { PageHeader } from "~/components/ui/page-header";
import { requireEditable } from "~/modules/access/editable.server";
import { requirePermission } from "~/modules/access/guard.server";
import { facilityFormOptions } from "~/modules/facilities/form-options.server";
import { updateFacility } from "~/modules/facilities/mutations.server";
import { getFacility } from "~/modules/facilities/queries.server";
import { facilityFormSchema } from "~/modules/facilities/schemas";
import { titleText } from "~/modules/i18n/meta";
import { submitRecordForm } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { countyCodeOf } from "~/modules/regions/codes";
import { todayInShanghai } from "~/utils/dates";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "facilities", "map"] };
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.facility.name ?? "");
export const links = mapPageLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = routeId(params.id);
  const { user, row: facility } = await requireEditable(request, "write:facility", (user) =>
    getFacility({ user, id }),
  );
  const county = countyCodeOf(facility.townshipCode);
  return {
    facility,
    options: { ...(await facilityFormOptions(user, county)), today: todayInShanghai() },
    formKey: newFormKey(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:facility");
  const facilityId = routeId(params.id);
  return submitRecordForm({
    request,
    context,
    user,
    schema: facilityFormSchema,
    write: (args) => updateFacility({ ...args, facilityId }),
    redirectTo: () => `/facilities/${facilityId}?saved=1`,
  });
}

export default function EditFacility() {
  const { facility: f, options, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["facilities", "common"]);
  return (
    <>
      <PageHeader
        title={t("edit.title", { name: f.name })}
        actions={
          <Link to={`/facilities/${f.id}`} className="btn btn--secondary">
            {t("common:actions.cancel")}
          </Link>
        }
      />
      <div className="card">
        <FacilityForm
          mode="edit"
          formKey={formKey}
          lastResult={lastResult}
          defaults={facilityFormDefaults(f)}
          options={options}
        />
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
