import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { procurementMethods } from "#db/schema/contracts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { ContractForm } from "~/modules/contracts/components/contract-form";
import { createContract } from "~/modules/contracts/mutations.server";
import { organizationChoices, subjectChoices } from "~/modules/contracts/queries.server";
import { type ContractInput, contractSchema, subjectPattern } from "~/modules/contracts/schemas";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { idParam } from "~/modules/kernel/search-params";
import { FailedEvaluationNotice } from "~/modules/signoff/components/failed-evaluation-notice";
import { failedFinalEvaluations } from "~/modules/signoff/evaluations.server";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "contracts", "signoff"] };
export const meta = pageTitle("contracts:form.createTitle");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:contract");
  const search = new URL(request.url).searchParams;
  const [organizations, subjects] = await Promise.all([
    organizationChoices(user, { activeOnly: true }),
    subjectChoices(user),
  ]);
  const failedFinal = await failedFinalEvaluations(
    user,
    organizations.map((o) => o.id),
  );
  const subject = search.get("subject");
  const year = todayInShanghai().slice(0, 4);
  return {
    formKey: newFormKey(),
    failedFinal,
    choices: { organizations, ...subjects, procurementMethods },
    defaults: {
      organizationId: idParam(search, "organizationId")?.toString(),
      subject: subject && subjectPattern.test(subject) ? subject : undefined,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
    },
  };
}

/** Save as a draft (also a post without intent, e.g. Enter in a field), or save and put into force at once. */
export const intents = intentList<ContractInput["intent"]>()(["draft", "activate"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:contract");
  const formData = await request.formData();
  intentOf(formData, intents, "draft");
  const submission = parseForm(formData, contractSchema);
  if (submission.status !== "success") return submission.reply();
  const result = await createContract({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    input: submission.value,
  });
  if (!result) notFound();
  if (!result.ok) return submission.reply(result);
  return redirect(
    `/contracts/${result.value.id}?done=${submission.value.intent === "activate" ? "activate" : "create"}`,
  );
}

export default function NewContract() {
  const { formKey, choices, defaults, failedFinal } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["contracts", "common"]);
  return (
    <>
      <PageHeader title={t("form.createTitle")} subtitle={t("form.createSubtitle")} />
      <ContractForm
        lastResult={lastResult}
        formKey={formKey}
        choices={choices}
        defaultValue={defaults}
        mode="create"
        cancelTo="/contracts"
        organizationNotice={(id) => <FailedEvaluationNotice organizationId={id} failed={failedFinal} />}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
