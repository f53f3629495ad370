import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import {
  type ShouldRevalidateFunction,
  useActionData,
  useLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { expenditureCategories } from "#db/schema/funding";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BackButton } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { executionRate } from "~/modules/contracts/budget-flags";
import { ContractPageHeader } from "~/modules/contracts/components/contract-page-header";
import { RateBar } from "~/modules/contracts/components/money";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { contractInScope, getContract } from "~/modules/contracts/queries.server";
import {
  RecordExpenditureForm,
  ReverseExpenditureForm,
} from "~/modules/funding/components/expenditure-forms";
import { CategoryChips, ExpenditureTable } from "~/modules/funding/components/expenditure-table";
import {
  activityChoices,
  listExpenditures,
  recordExpenditure,
  reverseExpenditure,
} from "~/modules/funding/expenditures.server";
import { type ExpenditureAction, expenditureActionSchema } from "~/modules/funding/schemas";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { Wan, Yuan } from "~/modules/kernel/money";
import { enumParam, routeId } from "~/modules/kernel/search-params";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatPercent } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "contracts", "funding", "budget"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.contract.title} · ${data.contract.code}` : "");

const PAGE_SIZE = 50;

/** After a refused post the page keeps its form (and form key) so what was typed stays; after success it reloads. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { status?: string } | undefined)?.status === "error" ? false : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:expenditure");
  const id = routeId(params.id);
  const contract = await getContract({ user, id });
  if (!contract) notFound();
  const search = new URL(request.url).searchParams;
  const page = pageFromSearch(search);
  const today = todayInShanghai();
  const canRecord = userCan(user, "write:expenditure") && contract.status !== "draft";
  const [list, progress, activityOptions] = await Promise.all([
    listExpenditures({
      contractId: id,
      category: enumParam(search, "category", expenditureCategories),
      page,
      pageSize: PAGE_SIZE,
    }),
    deliverableProgress([id], { asOf: today }),
    canRecord ? activityChoices(id) : Promise.resolve([]),
  ]);
  // `?reverse=<id>` puts the reversal form of that row (on this page) in place of the record form.
  const reverseId = Number(search.get("reverse"));
  const reversing =
    userCan(user, "write:expenditure") && Number.isInteger(reverseId)
      ? (list.rows.find((e) => e.id === reverseId && e.reversesId === null && e.reversedById === null) ??
        null)
      : null;
  // The form suggests today, or the nearest day of the period when today falls outside it.
  const defaultDay = [contract.startsOn, today, contract.endsOn].sort()[1];
  return {
    contract: {
      id: contract.id,
      code: contract.code,
      title: contract.title,
      status: contract.status,
      startsOn: contract.startsOn,
      endsOn: contract.endsOn,
      organizationId: contract.organizationId,
      organizationName: contract.organizationName,
    },
    ...list,
    page,
    money: progress.get(id)!.money,
    elapsedShare: progress.get(id)!.elapsedShare,
    canRecord,
    canReverse: userCan(user, "write:expenditure"),
    reversing,
    formKey: canRecord || reversing ? newFormKey() : null,
    activityOptions,
    categories: expenditureCategories,
    defaultDay,
  };
}

export const intents = intentList<ExpenditureAction["intent"]>()(["record", "reverse"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:expenditure");
  const id = routeId(params.id);
  // Scope before the form: another organization's contract is a 404 for an invalid post as for a valid one.
  if (!(await contractInScope({ user, id }))) notFound();
  const formData = await request.formData();
  // The record form predates intents and sends none.
  formData.set("intent", intentOf(formData, intents, "record"));
  const submission = parseForm(formData, expenditureActionSchema);
  if (submission.status !== "success") return submission.reply();
  const { value: input } = submission;
  const write = {
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    contractId: id,
  };
  const result =
    input.intent === "reverse"
      ? await reverseExpenditure({ ...write, input })
      : await recordExpenditure({ ...write, input });
  if (!result) notFound();
  if (!result.ok) return submission.reply(result);
  const done = input.intent === "reverse" ? "reversed" : "recorded";
  return redirect(`/contracts/${id}/expenditures?${done}=${result.value.id}`);
}

export default function ContractExpenditures() {
  const data = useLoaderData<typeof loader>();
  const {
    contract: c,
    rows,
    total,
    page,
    byCategory,
    money,
    canRecord,
    canReverse,
    reversing,
    formKey,
    activityOptions,
    categories,
  } = data;
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["funding", "contracts", "common"]);
  const lang = i18n.language;
  const [search] = useSearchParams();
  const keep = new URLSearchParams(search);
  keep.delete("reverse");
  keep.delete("reversed");
  keep.delete("recorded");
  const reverseLink = (expenditureId: number) => {
    const next = new URLSearchParams(keep);
    next.set("reverse", String(expenditureId));
    return `?${next}`;
  };
  const rate = executionRate(money.spentFen, money.allocatedFen);
  return (
    <>
      <ContractPageHeader
        title={t("expenditure.title")}
        contract={c}
        actions={<BackButton to={`/contracts/${c.id}`} />}
      />
      {search.get("recorded") ? <p className="flash">{t("expenditure.recorded")}</p> : null}
      {search.get("reversed") ? <p className="flash">{t("expenditure.reversed")}</p> : null}
      <StatGrid>
        <Stat
          label={t("contracts:money.allocated")}
          value={<Wan fen={money.allocatedFen} />}
          hint={<Yuan fen={money.allocatedFen} />}
        />
        <Stat
          label={t("contracts:money.spent")}
          value={<Wan fen={money.spentFen} />}
          hint={<Yuan fen={money.spentFen} />}
          testId="expenditure-spent"
        />
        <Stat
          label={t("contracts:money.rate")}
          value={<RateBar rate={rate} timeShare={data.elapsedShare} testId="execution-rate" />}
          hint={t("contracts:money.timeElapsed", { share: formatPercent(data.elapsedShare, lang) })}
          tone={rate != null && rate > 1 ? "bad" : "default"}
        />
        <Stat
          label={t("contracts:money.leftToSpend")}
          value={<Wan fen={money.allocatedFen - money.spentFen} />}
        />
      </StatGrid>
      <div className={canRecord || reversing ? "split" : undefined}>
        {reversing ? (
          <ReverseExpenditureForm
            key={`reverse-${formKey}`}
            expenditure={reversing}
            formKey={formKey}
            lastResult={lastResult}
            cancelTo={`?${keep}`}
          />
        ) : canRecord ? (
          <RecordExpenditureForm
            key={formKey}
            contract={c}
            formKey={formKey}
            lastResult={lastResult}
            defaultDay={data.defaultDay}
            categories={categories}
            activityOptions={activityOptions}
          />
        ) : null}
        <section className="split__main">
          <CategoryChips byCategory={byCategory} />
          <ExpenditureTable rows={rows} reverseLink={canReverse ? reverseLink : undefined} />
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
