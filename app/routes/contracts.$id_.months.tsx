// A contract's monthly sign-off: its months with their states; one month's figures, note and comments; the
// organization submits, the planner approves, returns or reopens (each audited; an approved month is locked).
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { ContractPageHeader } from "~/modules/contracts/components/contract-page-header";
import { canManageContracts } from "~/modules/contracts/mutations.server";
import { contractInScope } from "~/modules/contracts/queries.server";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { routeId } from "~/modules/kernel/search-params";
import { MonthDetail } from "~/modules/signoff/components/month-detail";
import { MonthStateBadge } from "~/modules/signoff/components/month-state";
import { decideMonth, submitMonth } from "~/modules/signoff/mutations.server";
import { contractMonthsPage } from "~/modules/signoff/queries.server";
import { type SignoffInput, signoffIntents, signoffSchema } from "~/modules/signoff/schemas";
import signoffCss from "~/styles/signoff.css?url";
import { formatMonth } from "~/utils/format";
import { forbidden, notFound } from "~/utils/http.server";
import { isMonthKey } from "~/utils/months";

export const handle = { i18n: ["common", "contracts", "signoff"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: signoffCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.contract.code} · ${data.detail?.month ?? ""}` : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:contract");
  const asked = new URL(request.url).searchParams.get("month");
  const page = await contractMonthsPage({
    user,
    contractId: routeId(params.id),
    month: isMonthKey(asked) ? asked : null,
  });
  if (!page) notFound();
  const open = page.contract.status !== "draft";
  const state = page.detail?.state;
  const intents: SignoffInput["intent"][] = [];
  if (
    open &&
    userCan(user, "submit:signoff") &&
    (state === "unsubmitted" || state === "returned" || state === "reopened")
  )
    intents.push("submit");
  if (userCan(user, "review:signoff") && canManageContracts(user)) {
    if (state === "submitted") intents.push("approve", "return");
    if (state === "approved") intents.push("reopen");
  }
  return { ...page, intents, formKey: newFormKey() };
}

export const intents = intentList<SignoffInput["intent"]>()(signoffIntents);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:contract");
  const contractId = routeId(params.id);
  if (!(await contractInScope({ user, id: contractId }))) notFound();
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  if (!userCan(user, intent === "submit" ? "submit:signoff" : "review:signoff")) forbidden();
  const submission = parseForm(formData, signoffSchema);
  if (submission.status !== "success") return submission.reply();
  const input = submission.value;
  const write = { user, actor: auditActor(request, context, user), key: formKeyFrom(formData), contractId };
  const result =
    input.intent === "submit"
      ? await submitMonth({ ...write, input })
      : await decideMonth({ ...write, input });
  if (!result) notFound();
  if (!result.ok) return submission.reply(result);
  return redirect(`/contracts/${contractId}/months?month=${input.month}&done=${input.intent}`);
}

export default function ContractMonths() {
  const { contract: c, months, detail, intents, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["signoff", "common"]);
  const [search] = useSearchParams();
  const done = search.get("done");
  const label = (m: string) => formatMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7)), i18n.language);
  return (
    <>
      <ContractPageHeader
        title={t("title")}
        contract={c}
        actions={
          detail ? (
            <Link to={`/reports/contracts/${c.id}?month=${detail.month}`} className="btn btn--secondary">
              {t("report")}
            </Link>
          ) : null
        }
      />
      {done && (signoffIntents as readonly string[]).includes(done) ? (
        <p className="flash" data-testid="signoff-done">
          {t(`done.${done}`)}
        </p>
      ) : null}
      <p className="muted">{t("intro")}</p>
      {months.length === 0 ? (
        <div className="card empty-state">
          <p>{t("noMonths")}</p>
        </div>
      ) : (
        <ul className="month-list" data-testid="month-list">
          {months.map((m) => (
            <li key={m.month} data-month={m.month} data-state={m.state}>
              <Link
                to={`?month=${m.month}`}
                aria-current={m.month === detail?.month ? "page" : undefined}
                preventScrollReset
              >
                {label(m.month)} <MonthStateBadge state={m.state} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {detail ? (
        <MonthDetail
          key={detail.month}
          detail={detail}
          monthLabel={label(detail.month)}
          intents={intents}
          formKey={formKey}
          lastResult={lastResult}
        />
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
