// The review list of likely duplicate files (issue 16): for planners within their area (a county at a time above
// county level) and for a station's head within the station. A planner merges a pair; either marks it two people.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterBar, FilterSelect } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import {
  countiesToReview,
  MAX_LISTED_PAIRS,
  mayReviewDuplicates,
  reviewDuplicates,
} from "~/modules/duplicates/candidates.server";
import { PairCard } from "~/modules/duplicates/components/pair-card";
import { markDifferentPeople, mergePeople } from "~/modules/duplicates/merge.server";
import { type DuplicateAction, duplicateActionSchema } from "~/modules/duplicates/schemas";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import { peopleStylesheets } from "~/modules/people/ui";
import { forbidden, notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "people", "duplicates"] };
export const meta = pageTitle("duplicates:title");
export const links: LinksFunction = () => peopleStylesheets;
export const headers = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:duplicates");
  if (!mayReviewDuplicates(user)) forbidden();
  const counties = await countiesToReview(user);
  const asked = new URL(request.url).searchParams.get("county");
  const countyCode = counties.find((c) => c.code === asked)?.code;
  const review = await reviewDuplicates({ user, actor: auditActor(request, context, user), countyCode });
  return {
    counties,
    countyCode: countyCode ?? null,
    review,
    listed: MAX_LISTED_PAIRS,
    canMerge: userCan(user, "merge:person"),
    formKey: newFormKey(),
  };
}

type Intent = DuplicateAction["intent"];
export const intents = intentList<Intent>()(["merge", "different"]);

type ActionResult = { intent: Intent; pair?: string; result?: FormResult };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "review:duplicates");
  if (!mayReviewDuplicates(user)) forbidden();
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  if (intent === "merge" && !userCan(user, "merge:person")) forbidden();
  const pair = `${formData.get("aId")}-${formData.get("bId")}`;
  const submission = parseForm(formData, duplicateActionSchema);
  if (submission.status !== "success")
    return data<ActionResult>({ intent, pair, result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const actor = auditActor(request, context, user);
  const key = formKeyFrom(formData);
  if (input.intent === "merge") {
    const keepId = input.keepId!;
    const mergeId = keepId === input.aId ? input.bId : input.aId;
    const outcome = await mergePeople({ user, actor, key, input: { keepId, mergeId, reason: input.reason } });
    if (!outcome) notFound();
    if (!outcome.ok)
      return data<ActionResult>({ intent, pair, result: submission.reply(outcome) }, { status: 400 });
    const { visits, activities } = outcome.value;
    return redirect(`/people/${keepId}?merged=${mergeId}&visits=${visits}&activities=${activities}`);
  }
  const outcome = await markDifferentPeople({ user, actor, key, input });
  if (!outcome) notFound();
  if (!outcome.ok)
    return data<ActionResult>({ intent, pair, result: submission.reply(outcome) }, { status: 400 });
  // Back to the list (the county kept), which no longer proposes the pair.
  const back = new URL(request.url).searchParams;
  back.delete("index");
  back.set("done", "different");
  return redirect(`/people/duplicates?${back}`);
}

export default function DuplicateReview() {
  const { counties, countyCode, review, listed, canMerge, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation(["duplicates", "people", "common"]);
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={<Link to="/people">{t("common:actions.back")}</Link>}
      />
      {counties.length ? (
        <FilterBar submitLabel={t("show")}>
          <FilterSelect
            name="county"
            label={t("county")}
            allLabel="—"
            value={countyCode ?? ""}
            options={counties.map((c) => ({ value: c.code, label: c.name }))}
          />
        </FilterBar>
      ) : null}
      {search.get("done") === "different" ? (
        <p className="flash" data-testid="flash">
          {t("different.done")}
        </p>
      ) : null}
      {review === null ? (
        <div className="card empty-state">{t("chooseCounty")}</div>
      ) : review.pairs.length === 0 ? (
        <div className="card empty-state">{t("empty")}</div>
      ) : (
        <>
          <p className="muted">
            {t("count", { count: review.total })}
            {review.total > listed ? ` ${t("more", { shown: listed })}` : ""}
          </p>
          {review.pairs.map((pair) => {
            const id = `${pair.a.id}-${pair.b.id}`;
            return (
              <PairCard
                key={id}
                pair={pair}
                formKey={formKey}
                canMerge={canMerge}
                result={actionData?.pair === id ? actionData : undefined}
              />
            );
          })}
        </>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
