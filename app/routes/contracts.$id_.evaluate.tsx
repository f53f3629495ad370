// Recording a contract's evaluation (中期/结项评估): a planner of the contract's region scores each deliverable the
// contract measures, with the recipients' satisfaction, findings and a conclusion. Shown on the contract page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/modules/access/guard.server";
import { ContractPageHeader } from "~/modules/contracts/components/contract-page-header";
import { contractInScope, getContract } from "~/modules/contracts/queries.server";
import { titleText } from "~/modules/i18n/meta";
import { submitRecordForm } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { routeId } from "~/modules/kernel/search-params";
import { EvaluationForm } from "~/modules/signoff/components/evaluation-form";
import { measuredDeliverables, recordEvaluation } from "~/modules/signoff/evaluations.server";
import { evaluationSchema } from "~/modules/signoff/schemas";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "contracts", "signoff"] };
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.contract.code} · ${data.contract.title}` : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:evaluation");
  const contract = await getContract({ user, id: routeId(params.id) });
  if (!contract) notFound();
  const today = todayInShanghai();
  return {
    contract: {
      id: contract.id,
      code: contract.code,
      title: contract.title,
      organizationName: contract.organizationName,
    },
    measured: measuredDeliverables(contract.deliverables),
    defaultDay: [today, contract.endsOn].sort()[0],
    formKey: newFormKey(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:evaluation");
  const contractId = routeId(params.id);
  if (!(await contractInScope({ user, id: contractId }))) notFound();
  return submitRecordForm({
    request,
    context,
    user,
    schema: evaluationSchema,
    write: (args) => recordEvaluation({ ...args, contractId }),
    redirectTo: (value) => `/contracts/${contractId}?evaluated=${value.id}#evaluations`,
  });
}

export default function EvaluateContract() {
  const { contract: c, measured, defaultDay, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["signoff", "common"]);
  return (
    <>
      <ContractPageHeader title={t("evaluation.newTitle")} contract={c} />
      <EvaluationForm
        measured={measured}
        formKey={formKey}
        lastResult={lastResult}
        defaultDay={defaultDay}
        cancelTo={`/contracts/${c.id}`}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
