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
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission, seesContractMoney, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { executionRate } from "~/modules/contracts/budget-flags";
import { ContractLifecycle, ContractMoney } from "~/modules/contracts/components/contract-detail";
import { DeliverablesTable } from "~/modules/contracts/components/deliverables";
import { ContractStatusBadge, FlagBadges, RateBar } from "~/modules/contracts/components/money";
import { canManageContracts, transitionContract } from "~/modules/contracts/mutations.server";
import { contractInScope, contractPage } from "~/modules/contracts/queries.server";
import { type LifecycleInput, lifecycleIntents, lifecycleSchema } from "~/modules/contracts/schemas";
import { titleText } from "~/modules/i18n/meta";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { Wan, Yuan } from "~/modules/kernel/money";
import { routeId } from "~/modules/kernel/search-params";
import { ContractAccountability } from "~/modules/signoff/components/contract-accountability";
import { contractAccountability } from "~/modules/signoff/contract-page.server";
import contractsCss from "~/styles/contracts.css?url";
import { formatDate, formatNumber, formatPercent } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "contracts", "budget", "funding", "signoff"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.contract.title ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:contract");
  const withMoney = seesContractMoney(user);
  const page = await contractPage({ user, id: routeId(params.id), withMoney });
  if (!page) notFound();
  const open = page.contract.status === "draft" || page.contract.status === "active";
  return {
    ...page,
    accountability: await contractAccountability(user, page.contract),
    withMoney,
    can: {
      manage: userCan(user, "write:contract") && canManageContracts(user),
      edit: userCan(user, "write:contract") && canManageContracts(user) && open,
      allocate: userCan(user, "write:funding") && open,
      expenditures: userCan(user, "read:expenditure"),
      recordExpenditure: userCan(user, "write:expenditure") && page.contract.status !== "draft",
      activities: userCan(user, "read:activity"),
      fundingSources: userCan(user, "read:funding"),
    },
  };
}

export const intents = intentList<LifecycleInput["intent"]>()(lifecycleIntents);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:contract");
  const id = routeId(params.id);
  // Scope before the form: a contract out of scope is a 404 whatever was posted.
  if (!(await contractInScope({ user, id }))) notFound();
  const formData = await request.formData();
  intentOf(formData, intents);
  const submission = parseForm(formData, lifecycleSchema);
  if (submission.status !== "success") return submission.reply();
  const result = await transitionContract({
    user,
    actor: auditActor(request, context, user),
    id,
    input: submission.value,
  });
  if (!result) notFound();
  if (!result.ok) return submission.reply(result);
  return redirect(`/contracts/${id}?done=${submission.value.intent}`);
}

export default function ContractPage() {
  const {
    contract: c,
    progress,
    allocations,
    categories,
    flags,
    activityCount,
    withMoney,
    can,
    accountability,
  } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["contracts", "funding", "common"]);
  const [search] = useSearchParams();
  const lang = i18n.language;
  const done = search.get("done");
  const rate = executionRate(progress.money.spentFen, progress.money.allocatedFen);
  const subjectLink = c.facilityId ? `/facilities/${c.facilityId}` : `/projects/${c.careProjectId}`;
  return (
    <>
      <PageHeader
        title={c.title}
        subtitle={
          <>
            {c.code} · <Link to={`/organizations/${c.organizationId}`}>{c.organizationName}</Link>
          </>
        }
        actions={
          <>
            {can.expenditures ? (
              <Link to={`/contracts/${c.id}/expenditures`} className="btn btn--secondary">
                {can.recordExpenditure ? t("detail.recordExpenditure") : t("detail.expenditures")}
              </Link>
            ) : null}
            {can.allocate ? (
              <Link to={`/funding/allocate?contractId=${c.id}`} className="btn btn--secondary">
                {t("detail.allocate")}
              </Link>
            ) : null}
            {can.edit ? (
              <Link to={`/contracts/${c.id}/edit`} className="btn">
                {t("common:actions.edit")}
              </Link>
            ) : null}
          </>
        }
      />
      <div className="badge-row">
        <ContractStatusBadge status={c.status} />
        {withMoney ? <FlagBadges flags={flags} /> : null}
      </div>
      {done ? (
        <p className="flash">{t(`detail.done.${done}`, { defaultValue: t("detail.done.update") })}</p>
      ) : null}
      <StatGrid>
        <Stat label={t("money.amount")} value={<Wan fen={c.amountFen} />} hint={<Yuan fen={c.amountFen} />} />
        {withMoney ? (
          <>
            <Stat
              label={t("money.allocated")}
              value={<Wan fen={progress.money.allocatedFen} />}
              testId="contract-allocated"
            />
            <Stat
              label={t("money.spent")}
              value={<Wan fen={progress.money.spentFen} />}
              testId="contract-spent"
            />
            <Stat
              label={t("money.rate")}
              value={<RateBar rate={rate} timeShare={progress.elapsedShare} testId="execution-rate" />}
              hint={t("money.timeElapsed", { share: formatPercent(progress.elapsedShare, lang) })}
              tone={flags.includes("overspent") ? "bad" : flags.includes("lagging") ? "warn" : "default"}
            />
          </>
        ) : null}
        <Stat
          label={t("detail.daysLeft")}
          value={c.status === "active" ? formatNumber(progress.daysLeft, lang) : "—"}
          hint={t("detail.periodDays", { n: progress.periodDays })}
          testId="days-left"
        />
      </StatGrid>
      <div className="grid-2">
        <section className="card">
          <h2>{t("detail.deliverables")}</h2>
          <DeliverablesTable deliverables={c.deliverables} progress={progress} />
          {can.activities ? (
            <p>
              <Link to={`/activities?contractId=${c.id}`}>
                {t("detail.activities", { n: activityCount })}
              </Link>
            </p>
          ) : null}
        </section>
        <section className="card">
          <h2>{t("detail.facts")}</h2>
          <dl className="facts">
            <dt>{t("fields.organization")}</dt>
            <dd>
              <Link to={`/organizations/${c.organizationId}`}>{c.organizationName}</Link>
            </dd>
            <dt>{t("fields.subject")}</dt>
            <dd>
              <Link to={subjectLink}>{c.facilityName ?? c.projectName}</Link>
              <span className="muted">
                {" "}
                · {c.facilityKind ? t(`common:enum.facilityKind.${c.facilityKind}`) : t("form.projectLabel")}{" "}
                · {c.placeName}
              </span>
            </dd>
            <dt>{t("fields.period")}</dt>
            <dd>
              {formatDate(c.startsOn, lang)} – {formatDate(c.endsOn, lang)}
            </dd>
            <dt>{t("fields.amount")}</dt>
            <dd>
              <Yuan fen={c.amountFen} />
            </dd>
            <dt>{t("fields.procurementMethod")}</dt>
            <dd>{t(`common:enum.procurementMethod.${c.procurementMethod}`)}</dd>
          </dl>
        </section>
      </div>
      {withMoney ? (
        <ContractMoney
          contract={c}
          allocations={allocations}
          categories={categories}
          canSeeSources={can.fundingSources}
          canSeeExpenditures={can.expenditures}
        />
      ) : null}
      <ContractAccountability contractId={c.id} {...accountability} />
      <ContractLifecycle contract={c} canManage={can.manage} lastResult={lastResult} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
