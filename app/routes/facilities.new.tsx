import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FacilityForm } from "~/components/map/facility-form";
import { mapPageLinks } from "~/components/map/links";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { facilityFormOptions } from "~/modules/facilities/form-options.server";
import { createFacility } from "~/modules/facilities/mutations.server";
import { facilityFormSchema } from "~/modules/facilities/schemas";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { countyCodeOf, regionCodeParam } from "~/modules/regions/codes";
import { todayInShanghai } from "~/utils/dates";

export const handle = { i18n: ["common", "facilities", "map"] };
export const meta = pageTitle("facilities:new.title");
export const links = mapPageLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:facility");
  const search = new URL(request.url).searchParams;
  const township = regionCodeParam(search, "township");
  const county = regionCodeParam(search, "county") ?? (township ? countyCodeOf(township) : undefined);
  return {
    options: { ...(await facilityFormOptions(user, county)), today: todayInShanghai() },
    formKey: newFormKey(),
    township,
  };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:facility"),
  schema: facilityFormSchema,
  write: createFacility,
  redirectTo: (value) => `/facilities/${value.id}?created=1`,
});

export default function NewFacility() {
  const { options, formKey, township } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["facilities", "common"]);
  return (
    <>
      <PageHeader title={t("new.title")} subtitle={t("new.subtitle")} />
      {options.townships.length === 0 ? (
        <Form method="get" className="card filters">
          <label>
            {t("fields.county")}
            <select name="county" required>
              {options.allCounties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn--small">
            {t("common:actions.next")}
          </button>
        </Form>
      ) : null}
      <div className="card" hidden={options.townships.length === 0}>
        <FacilityForm
          mode="create"
          formKey={formKey}
          lastResult={lastResult}
          defaults={{ townshipCode: township, kind: "social_work_station" }}
          options={options}
        />
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
