// Editing a recorded training (the same form, prefilled; a save from an older version becomes a conflict for review,
// ADR 014) or deleting it once confirmed: planners, for a region they manage.
import {
  type ActionFunctionArgs,
  data as answer,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmBox } from "~/components/ui/confirm-box";
import { PageHeader } from "~/components/ui/page-header";
import { RecordForm } from "~/components/ui/record-form";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { auditActor } from "~/modules/audit/audit.server";
import { ConflictNotice, conflictOf } from "~/modules/conflicts/components/conflict-notice";
import { titleText } from "~/modules/i18n/meta";
import { CONFLICT_MESSAGE, isConflicted } from "~/modules/kernel/conflicts";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { TrainingForm } from "~/modules/workforce/components/training-form";
import { participantChoices, trainingForEdit } from "~/modules/workforce/queries.server";
import { trainingPageIntents, trainingPageSchema } from "~/modules/workforce/schemas";
import { deleteTraining, updateTraining } from "~/modules/workforce/trainings.server";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "workforce"] };
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.training.topic ?? "");

export const intents = trainingPageIntents;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:training");
  const training = await trainingForEdit({ user, id: routeId(params.id) });
  if (!training) notFound();
  const [regions, participants] = await Promise.all([
    regionChoices(user),
    participantChoices(user, new Date(), training.workerIds),
  ]);
  return { training, regions, participants, formKey: newFormKey() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:training");
  const trainingId = routeId(params.id);
  // Scope before the form: a training the user does not keep is a 404 whatever was posted.
  if (!(await trainingForEdit({ user, id: trainingId }))) notFound();
  const formData = await request.formData();
  intentOf(formData, intents);
  const submission = parseForm(formData, trainingPageSchema);
  if (submission.status !== "success") return submission.reply();
  const base = { user, actor: auditActor(request, context, user), key: formKeyFrom(formData), trainingId };
  const input = submission.value;
  if (input.intent === "delete") {
    const deleted = await deleteTraining(base);
    if (!deleted) notFound();
    if (!deleted.ok) return submission.reply(deleted);
    return redirect(`/workforce/trainings?year=${deleted.value.heldOn.slice(0, 4)}&deleted=1`);
  }
  const { intent: _, ...edited } = input;
  const outcome = await updateTraining({ ...base, input: edited });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply(outcome);
  if (isConflicted(outcome.value))
    return answer(
      { ...submission.reply({ formErrors: [CONFLICT_MESSAGE] }), conflict: outcome.value.conflict },
      { status: 409 },
    );
  return redirect(`/workforce/trainings?year=${outcome.value.heldOn.slice(0, 4)}&edited=1`);
}

function DeleteTraining({ lastResult, formKey }: { lastResult?: FormResult; formKey: string }) {
  const { t } = useTranslation(["workforce", "common"]);
  const [form, fields] = useMessageForm<{ confirm?: string }>({ lastResult, shouldValidate: "onSubmit" });
  return (
    <RecordForm
      form={form}
      schema={trainingPageSchema}
      intent="delete"
      formKey={formKey}
      submitLabel={t("trainings.delete")}
      className="form card"
      testId="training-delete"
    >
      <h2>{t("trainings.deleteTitle")}</h2>
      <input type="hidden" name="intent" value="delete" />
      <ConfirmBox id="training-delete-confirm" errors={fields.confirm.errors}>
        {t("trainings.deleteConfirm")}
      </ConfirmBox>
    </RecordForm>
  );
}

export default function EditTraining() {
  const { training: tr, regions, participants, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["workforce", "common"]);
  const posted = lastResult?.initialValue?.intent;
  return (
    <>
      <PageHeader title={t("trainings.edit")} subtitle={tr.topic} />
      <ConflictNotice conflict={conflictOf(lastResult)} />
      <TrainingForm
        lastResult={posted === "update" ? lastResult : undefined}
        formKey={formKey}
        regions={regions}
        participants={participants}
        edit={{ baseVersion: tr.version }}
        defaultValue={{
          regionId: String(tr.regionId),
          heldOn: tr.heldOn,
          organizer: tr.organizer,
          topic: tr.topic,
          hours: String(tr.hours),
          outsideParticipants: String(tr.outsideParticipants),
          workerIds: tr.workerIds.map(String),
          notes: tr.notes ?? undefined,
        }}
      />
      <DeleteTraining lastResult={posted === "delete" ? lastResult : undefined} formKey={formKey} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
