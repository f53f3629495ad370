import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { procurementMethods } from "#db/schema/contracts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { ContractForm } from "~/modules/contracts/components/contract-form";
import { editableStatuses, updateContract } from "~/modules/contracts/mutations.server";
import { getContract, organizationChoices, subjectChoices } from "~/modules/contracts/queries.server";
import { contractSchema } from "~/modules/contracts/schemas";
import { titleText } from "~/modules/i18n/meta";
import { editRecordAction } from "~/modules/kernel/form-action.server";
import { routeId } from "~/modules/kernel/search-params";
import contractsCss from "~/styles/contracts.css?url";
import { badRequest, notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "contracts"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.contract.title ?? "");

async function editable(request: Request, id: number) {
  const user = await requirePermission(request, "write:contract");
  const contract = await getContract({ user, id });
  if (!contract) notFound();
  if (!editableStatuses.includes(contract.status)) badRequest("Closed contracts cannot be edited");
  return { user, contract };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, contract } = await editable(request, routeId(params.id));
  const [organizations, subjects] = await Promise.all([
    organizationChoices(user, { activeOnly: true }),
    subjectChoices(user),
  ]);
  return { contract, choices: { organizations, ...subjects, procurementMethods } };
}

export const action = editRecordAction({
  guard: editable,
  schema: contractSchema,
  write: (args, id) => updateContract({ ...args, id }),
  redirectTo: (id) => `/contracts/${id}?done=update`,
});

const str = (n: number | undefined) => (n === undefined ? undefined : String(n));

export default function EditContract() {
  const { contract: c, choices } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["contracts", "common"]);
  const d = c.deliverables;
  return (
    <>
      <PageHeader title={t("form.editTitle")} subtitle={`${c.code} · ${c.title}`} />
      {c.status === "active" ? <p className="notice">{t("form.editActiveNotice")}</p> : null}
      <ContractForm
        lastResult={lastResult}
        choices={choices}
        mode="edit"
        cancelTo={`/contracts/${c.id}`}
        defaultValue={{
          code: c.code,
          title: c.title,
          organizationId: String(c.organizationId),
          subject: c.facilityId ? `facility:${c.facilityId}` : `project:${c.careProjectId}`,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          amount: (c.amountFen / 100).toFixed(2),
          procurementMethod: c.procurementMethod,
          activitiesPerMonth: str(d.activitiesPerMonth),
          personTimesPerYear: str(d.personTimesPerYear),
          homeVisitsPerPersonPerYear: str(d.homeVisitsPerPersonPerYear),
          peopleServed: str(d.peopleServed),
          deliverableNotes: d.notes,
        }}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
