// Recording a training and who took part: planners, for a region they manage.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { TrainingForm } from "~/modules/workforce/components/training-form";
import { participantChoices } from "~/modules/workforce/queries.server";
import { trainingSchema } from "~/modules/workforce/schemas";
import { recordTraining } from "~/modules/workforce/trainings.server";
import { todayInShanghai } from "~/utils/dates";

export const handle = { i18n: ["common", "workforce"] };
export const meta = pageTitle("workforce:trainings.record");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:training");
  const [regions, participants] = await Promise.all([regionChoices(user), participantChoices(user)]);
  return { regions, participants, formKey: newFormKey(), today: todayInShanghai() };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:training"),
  schema: trainingSchema,
  write: recordTraining,
  redirectTo: () => "/workforce/trainings?saved=1",
});

export default function NewTraining() {
  const { regions, participants, formKey, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["workforce", "common"]);
  return (
    <>
      <PageHeader title={t("trainings.record")} subtitle={t("trainings.recordSubtitle")} />
      <TrainingForm
        lastResult={lastResult}
        formKey={formKey}
        regions={regions}
        participants={participants}
        defaultValue={{
          heldOn: today,
          outsideParticipants: "0",
          regionId: regions.length === 1 ? String(regions[0].id) : undefined,
        }}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
