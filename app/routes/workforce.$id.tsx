// One worker: the record, the trainings attended and, for whoever keeps the record, editing it and ending the
// employment.
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusFlash } from "~/components/ui/flash";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { EndEmploymentForm, WorkerFacts } from "~/modules/workforce/components/worker-facts";
import { certificateSlots, WorkerForm } from "~/modules/workforce/components/worker-form";
import { endEmployment, updateWorker } from "~/modules/workforce/mutations.server";
import { getWorker, workerFormOptions, workerInScope } from "~/modules/workforce/queries.server";
import { workerPageIntents, workerPageSchema } from "~/modules/workforce/schemas";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "workforce"] };
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.worker.fullName ?? "");

export const intents = workerPageIntents;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:workforce");
  const worker = await getWorker({ user, id: routeId(params.id) });
  if (!worker) notFound();
  const options = worker.canManage ? await workerFormOptions(user) : { facilities: [], employers: [] };
  return { worker, ...options, formKey: newFormKey(), today: todayInShanghai() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:workforce");
  const workerId = routeId(params.id);
  // Scope before the form: a worker out of scope is a 404 whatever was posted.
  if (!(await workerInScope(user, workerId))) notFound();
  const formData = await request.formData();
  intentOf(formData, intents);
  const submission = parseForm(formData, workerPageSchema);
  if (submission.status !== "success") return submission.reply();
  const base = { user, actor: auditActor(request, context, user), key: formKeyFrom(formData), workerId };
  const input = submission.value;
  const outcome =
    input.intent === "end" ? await endEmployment({ ...base, input }) : await updateWorker({ ...base, input });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply(outcome);
  return redirect(`/workforce/${workerId}?${input.intent === "end" ? "ended" : "saved"}=1`);
}

const flashes = ["created", "saved", "ended"] as const;

export default function WorkerPage() {
  const { worker: w, facilities, employers, formKey, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["workforce", "common"]);
  const [search] = useSearchParams();
  const flash = flashes.find((f) => search.has(f));
  const posted = lastResult?.initialValue?.intent;
  return (
    <>
      <PageHeader
        title={w.fullName}
        subtitle={`${t(`roles.${w.role}`)} · ${w.facilityName}`}
        actions={
          <Link to={`/facilities/${w.facilityId}`} className="btn btn--secondary">
            {t("detail.facility")}
          </Link>
        }
      />
      <StatusFlash message={flash ? t(`flash.${flash}`) : null} />
      <div className="grid-2">
        <WorkerFacts worker={w} />
        {w.canManage ? (
          <div>
            <h2>{t("detail.editTitle")}</h2>
            <WorkerForm
              intent="update"
              lastResult={posted === "update" ? lastResult : undefined}
              formKey={formKey}
              facilities={facilities}
              employers={employers}
              defaultValue={{
                fullName: w.fullName,
                facilityId: String(w.facilityId),
                employerOrganizationId: w.employerOrganizationId?.toString(),
                role: w.role,
                phone: w.phone ?? undefined,
                accountEmail: w.accountEmail ?? undefined,
                socialWorkLevel: w.socialWorkLevel ?? undefined,
                socialWorkCertificateNo: w.socialWorkCertificateNo ?? undefined,
                socialWorkYear: w.socialWorkYear?.toString(),
                certificates: certificateSlots(w.certificates),
                startsOn: w.startsOn,
              }}
              cancelTo="/workforce"
              submitLabel={t("common:actions.save")}
            />
            {w.endsOn ? null : (
              <EndEmploymentForm
                lastResult={posted === "end" ? lastResult : undefined}
                formKey={formKey}
                today={today}
              />
            )}
          </div>
        ) : null}
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
