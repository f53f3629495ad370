// A visit to a household: one form, one outcome per member, each member's visit recorded as it would be on its own
// (app/modules/households/visit.server.ts).
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { HouseholdVisitForm } from "~/modules/households/components/visit-form";
import { getHousehold, householdVisitMembers } from "~/modules/households/queries.server";
import { householdVisitSchema } from "~/modules/households/schemas";
import { recordHouseholdVisit } from "~/modules/households/visit.server";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import householdsCss from "~/styles/households.css?url";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "households", "visits"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: householdsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.household.number ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:visit");
  const id = routeId(params.id);
  const household = await getHousehold({ user, id });
  if (!household) notFound();
  return {
    household: { id: household.id, number: household.number, villageName: household.villageName },
    members: await householdVisitMembers({ user, householdId: id }),
    today: todayInShanghai(),
    formKey: newFormKey(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:visit");
  const householdId = routeId(params.id);
  const formData = await request.formData();
  const submission = parseForm(formData, householdVisitSchema(todayInShanghai()));
  if (submission.status !== "success") return submission.reply();
  const outcome = await recordHouseholdVisit({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    householdId,
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply(outcome);
  const { visits, conflicts } = outcome.value;
  const kept = conflicts.length ? `&conflicts=${conflicts.map((c) => c.conflictId).join(",")}` : "";
  return redirect(`/households/${householdId}?visited=${visits.length}${kept}`);
}

export default function HouseholdVisitPage() {
  const { household, members, today, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["households", "common"]);
  return (
    <>
      <PageHeader
        title={t("visit.title", { number: household.number })}
        subtitle={t("visit.subtitle")}
        actions={<BackButton to={`/households/${household.id}`} />}
      />
      <div className="card">
        {members.some((m) => m.visitId !== null) ? (
          <HouseholdVisitForm members={members} formKey={formKey} today={today} lastResult={lastResult} />
        ) : (
          <p className="muted">{t("visit.nobody")}</p>
        )}
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
