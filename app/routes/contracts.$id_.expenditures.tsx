import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import {
  Form,
  Link,
  type ShouldRevalidateFunction,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { expenditureCategories } from "#db/schema/funding";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { executionRate } from "~/modules/budget/flags";
import { RateBar, Wan, Yuan } from "~/modules/contracts/components/money";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { contractInScope, getContract } from "~/modules/contracts/queries.server";
import {
  activityChoices,
  listExpenditures,
  recordExpenditure,
  reverseExpenditure,
} from "~/modules/funding/expenditures.server";
import {
  type ExpenditureInput,
  type ExpenditureReversalInput,
  expenditureReversalSchema,
  expenditureSchema,
} from "~/modules/funding/schemas";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import { enumParam, routeId } from "~/modules/kernel/search-params";
import { useMessageForm } from "~/modules/kernel/use-form";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatDateTime, formatPercent } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "contracts", "funding"] };
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:expenditure");
  const id = routeId(params.id);
  // Scope before the form: another organization's contract is a 404 for an invalid post as for a valid one.
  if (!(await contractInScope({ user, id }))) notFound();
  const formData = await request.formData();
  const reversing = formData.get("intent") === "reverse";
  const submission = reversing
    ? parseForm(formData, expenditureReversalSchema)
    : parseForm(formData, expenditureSchema);
  if (submission.status !== "success") return submission.reply();
  const key = formKeyFrom(formData);
  if (!key) return submission.reply({ formErrors: ["validation.formExpired"] });
  const write = { user, actor: auditActor(request, context, user), key, contractId: id };
  const result = reversing
    ? await reverseExpenditure({ ...write, input: submission.value as ExpenditureReversalInput })
    : await recordExpenditure({ ...write, input: submission.value as ExpenditureInput });
  if (!result) notFound();
  if (!result.ok) return submission.reply({ formErrors: result.formErrors, fieldErrors: result.fieldErrors });
  return redirect(`/contracts/${id}/expenditures?${reversing ? "reversed" : "recorded"}=${result.id}`);
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
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const [form, fields] = useMessageForm<
    Record<"spentOn" | "category" | "amount" | "description" | "activityId", string>
  >({
    // why: a fresh key per render of the page means a fresh, empty form after each recorded expenditure.
    id: formKey ?? "expenditure",
    lastResult: reversing ? undefined : lastResult,
    defaultValue: { spentOn: data.defaultDay },
    shouldValidate: "onSubmit",
  });
  const [reversalForm, reversalFields] = useMessageForm<Record<"reason", string>>({
    id: `reverse-${formKey ?? ""}`,
    lastResult: reversing ? lastResult : undefined,
    shouldValidate: "onSubmit",
  });
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
      <PageHeader
        title={t("expenditure.title")}
        subtitle={
          <>
            <Link to={`/contracts/${c.id}`}>{c.title}</Link> · {c.code} · {c.organizationName}
          </>
        }
        actions={
          <Link to={`/contracts/${c.id}`} className="btn btn--ghost">
            {t("common:actions.back")}
          </Link>
        }
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
          <section className="card split__side" key={`reverse-${formKey}`} data-testid="reversal-card">
            <h2>{t("expenditure.reverseTitle")}</h2>
            <dl className="facts">
              <dt>{t("expenditure.spentOn")}</dt>
              <dd>{formatDate(reversing.spentOn, lang)}</dd>
              <dt>{t("expenditure.category")}</dt>
              <dd>{t(`common:enum.expenditureCategory.${reversing.category}`)}</dd>
              <dt>{t("expenditure.amount")}</dt>
              <dd>
                <Yuan fen={reversing.amountFen} />
              </dd>
              <dt>{t("expenditure.description")}</dt>
              <dd>{reversing.description}</dd>
            </dl>
            <p className="muted small">{t("expenditure.reverseHint")}</p>
            <Form method="post" className="form" {...getFormProps(reversalForm)}>
              <input type="hidden" name="_key" value={formKey ?? ""} />
              <input type="hidden" name="intent" value="reverse" />
              <input type="hidden" name="expenditureId" value={reversing.id} />
              <FormErrors errors={reversalForm.errors} />
              <TextAreaField
                label={t("expenditure.reverseReason")}
                {...getInputProps(reversalFields.reason, { type: "text" })}
                key={reversalFields.reason.key}
                errors={reversalFields.reason.errors}
                rows={3}
                maxLength={200}
              />
              <div className="btn-row">
                <button
                  type="submit"
                  className="btn btn--danger"
                  disabled={navigation.state === "submitting"}
                >
                  {t("expenditure.reverseSubmit")}
                </button>
                <Link to={`?${keep}`} className="btn btn--ghost">
                  {t("common:actions.cancel")}
                </Link>
              </div>
            </Form>
          </section>
        ) : canRecord ? (
          <section className="card split__side" key={formKey}>
            <h2>{t("expenditure.record")}</h2>
            <Form method="post" className="form" {...getFormProps(form)}>
              <input type="hidden" name="_key" value={formKey ?? ""} />
              <FormErrors errors={form.errors} />
              <TextField
                label={t("expenditure.spentOn")}
                {...getInputProps(fields.spentOn, { type: "date" })}
                key={fields.spentOn.key}
                errors={fields.spentOn.errors}
                min={c.startsOn}
                max={c.endsOn}
                hint={t("expenditure.periodHint", {
                  startsOn: formatDate(c.startsOn, lang),
                  endsOn: formatDate(c.endsOn, lang),
                })}
              />
              <SelectField
                label={t("expenditure.category")}
                {...getSelectProps(fields.category)}
                key={fields.category.key}
                errors={fields.category.errors}
              >
                <option value="">{t("expenditure.choose")}</option>
                {categories.map((k) => (
                  <option key={k} value={k}>
                    {t(`common:enum.expenditureCategory.${k}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t("expenditure.amountYuan")}
                {...getInputProps(fields.amount, { type: "text" })}
                key={fields.amount.key}
                errors={fields.amount.errors}
                inputMode="decimal"
                autoComplete="off"
                hint={t("expenditure.amountHint")}
              />
              <TextField
                label={t("expenditure.description")}
                {...getInputProps(fields.description, { type: "text" })}
                key={fields.description.key}
                errors={fields.description.errors}
              />
              <SelectField
                label={t("expenditure.activity")}
                {...getSelectProps(fields.activityId)}
                key={fields.activityId.key}
                errors={fields.activityId.errors}
                hint={t("expenditure.activityHint")}
              >
                <option value="">{t("expenditure.noActivity")}</option>
                {activityOptions.map((a) => (
                  <option key={a.id} value={a.id}>
                    {formatDate(a.occurredOn, lang)} · {t(`common:enum.activityKind.${a.kind}`)} ·{" "}
                    {a.summary.slice(0, 24)}
                  </option>
                ))}
              </SelectField>
              <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                {t("expenditure.submit")}
              </button>
            </Form>
          </section>
        ) : null}
        <section className="split__main">
          {byCategory.length ? (
            <nav className="chips" aria-label={t("expenditure.byCategory")}>
              <Link to="?" className={`chip${search.get("category") ? "" : " chip--on"}`}>
                {t("expenditure.allCategories")}
              </Link>
              {byCategory.map((k) => (
                <Link
                  key={k.category}
                  to={`?category=${k.category}`}
                  className={`chip${search.get("category") === k.category ? " chip--on" : ""}`}
                >
                  {t(`common:enum.expenditureCategory.${k.category}`)} <Wan fen={k.fen} />
                </Link>
              ))}
            </nav>
          ) : null}
          {rows.length === 0 ? (
            <div className="card empty-state">
              <p>{t("expenditure.empty")}</p>
            </div>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="expenditure-table">
                <thead>
                  <tr>
                    <th>{t("expenditure.spentOn")}</th>
                    <th>{t("expenditure.category")}</th>
                    <th>{t("expenditure.description")}</th>
                    <th className="num">{t("expenditure.amount")}</th>
                    <th>{t("expenditure.recordedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr
                      key={e.id}
                      className={e.reversedById !== null ? "row--reversed" : undefined}
                      data-testid={`expenditure-${e.id}`}
                    >
                      <td className="nowrap">{formatDate(e.spentOn, lang)}</td>
                      <td>{t(`common:enum.expenditureCategory.${e.category}`)}</td>
                      <td>
                        {e.reversesId !== null ? (
                          <span className="badge badge--warn">
                            {t("expenditure.reversalOf", { id: e.reversesId })}
                          </span>
                        ) : null}{" "}
                        {e.description}
                        {e.reversesId !== null ? (
                          <div className="muted small">
                            {t("expenditure.reversalReason", { reason: e.reversalReason })}
                          </div>
                        ) : null}
                        {e.reversedById !== null ? (
                          <div className="muted small">
                            {t("expenditure.reversedNote", {
                              reason: e.reversedReason,
                              at: formatDateTime(e.reversedAt!, lang),
                            })}
                          </div>
                        ) : null}
                        {e.activityOn ? (
                          <div className="muted small">
                            {t("expenditure.forActivity", {
                              date: formatDate(e.activityOn, lang),
                              kind: t(`common:enum.activityKind.${e.activityKind}`),
                            })}
                          </div>
                        ) : null}
                      </td>
                      <td className="num">
                        <Yuan fen={e.amountFen} />
                      </td>
                      <td className="muted small">
                        {e.createdByName ?? "—"}
                        <div>{formatDateTime(e.createdAt, lang)}</div>
                        {canReverse && e.reversesId === null && e.reversedById === null ? (
                          <Link to={reverseLink(e.id)} className="small" data-testid="reverse-link">
                            {t("expenditure.reverse")}
                          </Link>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
