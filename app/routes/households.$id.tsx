// One household (户): its number, village and address, its members with their categories, statuses and visits
// (masked where the reader may not open a file); adding and removing members, handing the head to another member.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { conflictsByIds } from "~/modules/conflicts/queries.server";
import { AddMemberForm, RemoveMemberForms, SetHeadForm } from "~/modules/households/components/member-forms";
import { MembersTable } from "~/modules/households/components/members-table";
import {
  addHouseholdMember,
  removeHouseholdMember,
  setHouseholdHead,
} from "~/modules/households/mutations.server";
import { getHousehold, joinCandidates } from "~/modules/households/queries.server";
import { type HouseholdAction, householdActionSchema } from "~/modules/households/schemas";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import householdsCss from "~/styles/households.css?url";
import peopleCss from "~/styles/people.css?url";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "households", "people"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleCss },
  { rel: "stylesheet", href: householdsCss },
];
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.household.number ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:household");
  const household = await getHousehold({ user, id: routeId(params.id) });
  if (!household) notFound();
  const canWrite = userCan(user, "write:household");
  // After a household visit: the members whose outcomes were kept for conflict review.
  const keptIds = (new URL(request.url).searchParams.get("conflicts") ?? "")
    .split(",")
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  const kept = await conflictsByIds({ user, ids: keptIds });
  return {
    household,
    conflicts: kept.map((c) => ({ id: c.id, personName: c.personName ?? `#${c.personId}` })),
    candidates: canWrite ? await joinCandidates({ user, villageId: household.villageId }) : [],
    today: todayInShanghai(),
    formKey: newFormKey(),
    can: { write: canWrite, visit: userCan(user, "write:visit") },
  };
}

type Intent = HouseholdAction["intent"];
export const intents = intentList<Intent>()(["add_member", "remove_member", "set_head"]);

type ActionResult = { intent: Intent; result?: FormResult; done?: Intent };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:household");
  const householdId = routeId(params.id);
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  const submission = parseForm(formData, householdActionSchema);
  if (submission.status !== "success")
    return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
  const writer = { user, actor: auditActor(request, context, user), key: formKeyFrom(formData), householdId };
  const input = submission.value;
  const outcome =
    input.intent === "add_member"
      ? await addHouseholdMember({ ...writer, input })
      : input.intent === "remove_member"
        ? await removeHouseholdMember({ ...writer, input })
        : await setHouseholdHead({ ...writer, input });
  if (!outcome) notFound();
  if (!outcome.ok) return data<ActionResult>({ intent, result: submission.reply(outcome) }, { status: 400 });
  return data<ActionResult>({ intent, done: intent, result: submission.reply({ resetForm: true }) });
}

export default function HouseholdPage() {
  const { household, conflicts, candidates, today, formKey, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["households", "common"]);
  const [search] = useSearchParams();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  // Every outcome kept for conflict review: the notice below says so, not "recorded 0".
  const visited = conflicts.length && search.get("visited") === "0" ? null : search.get("visited");
  return (
    <>
      <PageHeader
        title={t("page.title", { number: household.number })}
        subtitle={[household.villageName, household.townshipName, household.address]
          .filter(Boolean)
          .join(" · ")}
        actions={
          <div className="btn-row">
            {can.visit && household.members.length ? (
              <Link
                to={`/households/${household.id}/visit`}
                className="btn"
                data-testid="household-visit-link"
              >
                {t("page.visit")}
              </Link>
            ) : null}
            <BackButton to="/households" />
          </div>
        }
      />
      {search.get("created") ? <p className="flash">{t("done.created")}</p> : null}
      {visited ? (
        <p className="flash" data-testid="flash">
          {t("done.visited", { count: Number(visited) || 0 })}
        </p>
      ) : null}
      {conflicts.length ? (
        <div className="notice" role="alert" data-testid="household-conflicts">
          {t("done.conflicted")}
          <ul>
            {conflicts.map((c) => (
              <li key={c.id}>
                <Link to={`/conflicts/${c.id}`}>{c.personName}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {actionData?.done ? (
        <p className="flash" data-testid="flash">
          {t(`done.${actionData.done}`)}
        </p>
      ) : null}
      <MembersTable members={household.members} />
      {can.write ? (
        <div className="grid-2">
          <AddMemberForm
            candidates={candidates}
            formKey={formKey}
            lastResult={resultFor("add_member")}
            today={today}
          />
          <SetHeadForm members={household.members} formKey={formKey} lastResult={resultFor("set_head")} />
          <RemoveMemberForms
            members={household.members}
            formKey={formKey}
            lastResult={resultFor("remove_member")}
          />
        </div>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
