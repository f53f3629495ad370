// Registering a worker at a station or centre the user staffs.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { idParam } from "~/modules/kernel/search-params";
import { certificateSlots, WorkerForm } from "~/modules/workforce/components/worker-form";
import { registerWorker } from "~/modules/workforce/mutations.server";
import { workerFormOptions } from "~/modules/workforce/queries.server";
import { workerSchema } from "~/modules/workforce/schemas";
import { todayInShanghai } from "~/utils/dates";

export const handle = { i18n: ["common", "workforce"] };
export const meta = pageTitle("workforce:form.createTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:workforce");
  const options = await workerFormOptions(user);
  const asked = idParam(new URL(request.url).searchParams, "facility");
  const facility =
    options.facilities.find((f) => f.id === asked) ??
    (options.facilities.length === 1 ? options.facilities[0] : null);
  return { ...options, formKey: newFormKey(), facilityId: facility?.id ?? null, today: todayInShanghai() };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:workforce"),
  schema: workerSchema,
  write: registerWorker,
  redirectTo: (value) => `/workforce/${value.id}?created=1`,
});

export default function NewWorker() {
  const { facilities, employers, formKey, facilityId, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["workforce", "common"]);
  return (
    <>
      <PageHeader title={t("form.createTitle")} subtitle={t("form.createSubtitle")} />
      <WorkerForm
        lastResult={lastResult}
        formKey={formKey}
        facilities={facilities}
        employers={employers}
        defaultValue={{
          facilityId: facilityId ? String(facilityId) : undefined,
          startsOn: today,
          certificates: certificateSlots(),
        }}
        cancelTo={facilityId ? `/facilities/${facilityId}` : "/workforce"}
        submitLabel={t("form.create")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
