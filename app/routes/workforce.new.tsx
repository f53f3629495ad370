// Registering a worker at a station or centre the user staffs.
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import { idParam } from "~/modules/kernel/search-params";
import { certificateSlots, WorkerForm } from "~/modules/workforce/components/worker-form";
import { registerWorker } from "~/modules/workforce/mutations.server";
import { workerFormOptions } from "~/modules/workforce/queries.server";
import { workerSchema } from "~/modules/workforce/schemas";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:workforce");
  const formData = await request.formData();
  const submission = parseForm(formData, workerSchema);
  if (submission.status !== "success") return submission.reply();
  const outcome = await registerWorker({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply(outcome);
  return redirect(`/workforce/${outcome.value.id}?created=1`);
}

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
