// A contract's page: where its money came from and went, and its lifecycle with the buttons that move it along.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmBox } from "~/components/ui/confirm-box";
import { FormErrors, TextAreaField } from "~/components/ui/field";
import { SchemaForm } from "~/components/ui/schema-form";
import { Yuan } from "~/modules/kernel/money";
import type { FormResult } from "~/modules/kernel/use-form";
import { formatDate, formatDateTime } from "~/utils/format";
import type { contractPage } from "../queries.server";
import { lifecycleSchema } from "../schemas";

type ContractPage = NonNullable<Awaited<ReturnType<typeof contractPage>>>;

export function ContractMoney({
  contract: c,
  allocations,
  categories,
  canSeeSources,
  canSeeExpenditures,
}: {
  contract: ContractPage["contract"];
  allocations: ContractPage["allocations"];
  categories: ContractPage["categories"];
  canSeeSources: boolean;
  canSeeExpenditures: boolean;
}) {
  const { t, i18n } = useTranslation(["contracts", "funding", "common"]);
  const lang = i18n.language;
  return (
    <div className="grid-2">
      <section className="card">
        <h2>{t("detail.allocations")}</h2>
        {allocations.length === 0 ? (
          <p className="muted">{t("detail.noAllocations")}</p>
        ) : (
          <table className="table table--compact" data-testid="allocations">
            <thead>
              <tr>
                <th>{t("funding:allocation.date")}</th>
                <th>{t("funding:allocation.source")}</th>
                <th className="num">{t("funding:allocation.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {allocations.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{formatDate(a.allocatedOn, lang)}</td>
                  <td>
                    {canSeeSources ? <Link to={`/funding/${a.sourceId}`}>{a.sourceName}</Link> : a.sourceName}
                    {a.note ? <div className="muted small">{a.note}</div> : null}
                  </td>
                  <td className="num">
                    <Yuan fen={a.amountFen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>{t("detail.spending")}</h2>
        {categories.length === 0 ? (
          <p className="muted">{t("detail.noSpending")}</p>
        ) : (
          <table className="table table--compact">
            <tbody>
              {categories.map((k) => (
                <tr key={k.category}>
                  <td>{t(`common:enum.expenditureCategory.${k.category}`)}</td>
                  <td className="num">
                    <Yuan fen={k.fen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canSeeExpenditures ? (
          <p>
            <Link to={`/contracts/${c.id}/expenditures`}>{t("detail.allExpenditures")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function ContractLifecycle({
  contract: c,
  canManage,
  lastResult,
}: {
  contract: ContractPage["contract"];
  canManage: boolean;
  /** The answer to the last lifecycle post; its errors show on the form that posted. */
  lastResult?: FormResult | null;
}) {
  const { t, i18n } = useTranslation(["contracts", "common"]);
  const lang = i18n.language;
  const navigation = useNavigation();
  const posted = lastResult?.initialValue?.intent;
  const errorsOf = (intent: string) => (posted === intent ? (lastResult?.error ?? {}) : {});
  const complete = errorsOf("complete");
  const terminate = errorsOf("terminate");
  return (
    <section className="card">
      <h2>{t("detail.lifecycle")}</h2>
      <ol className="timeline" data-testid="lifecycle">
        <li>
          <strong>{t("lifecycle.created")}</strong>
          <span className="muted">
            {" "}
            {formatDateTime(c.createdAt, lang)} · {c.createdByName ?? "—"}
          </span>
        </li>
        {c.activatedAt ? (
          <li>
            <strong>{t("lifecycle.activated")}</strong>
            <span className="muted">
              {" "}
              {formatDateTime(c.activatedAt, lang)} · {c.activatedByName ?? "—"}
            </span>
          </li>
        ) : null}
        {c.closedAt ? (
          <li>
            <strong>{t(`lifecycle.${c.status === "terminated" ? "terminated" : "completed"}`)}</strong>
            <span className="muted">
              {" "}
              {formatDateTime(c.closedAt, lang)} · {c.closedByName ?? "—"}
            </span>
            {c.closeReason ? <div className="prewrap">{c.closeReason}</div> : null}
          </li>
        ) : null}
      </ol>
      {canManage && (c.status === "draft" || c.status === "active") ? (
        <div className="lifecycle-actions">
          <FormErrors errors={errorsOf("activate")[""] ?? complete[""] ?? terminate[""]} />
          {c.status === "draft" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="activate" />
              <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                {t("lifecycle.activate")}
              </button>
              <span className="muted small">{t("lifecycle.activateHint")}</span>
            </Form>
          ) : (
            <SchemaForm
              schema={lifecycleSchema}
              intent="complete"
              method="post"
              className="form"
              data-testid="complete-form"
            >
              <input type="hidden" name="intent" value="complete" />
              <ConfirmBox id="complete-confirm" errors={complete.confirm}>
                {t("lifecycle.completeConfirm")}
              </ConfirmBox>
              <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                {t("lifecycle.complete")}
              </button>
            </SchemaForm>
          )}
          <details className="terminate" open={posted === "terminate" || undefined}>
            <summary className="btn btn--ghost btn--small">{t("lifecycle.terminate")}</summary>
            <SchemaForm
              schema={lifecycleSchema}
              intent="terminate"
              method="post"
              className="form"
              data-testid="terminate-form"
            >
              <input type="hidden" name="intent" value="terminate" />
              <TextAreaField
                id="terminate-reason"
                label={t("lifecycle.reason")}
                name="reason"
                required
                maxLength={500}
                errors={terminate.reason}
              />
              <ConfirmBox id="terminate-confirm" errors={terminate.confirm}>
                {t("lifecycle.terminateConfirmBox")}
              </ConfirmBox>
              <button type="submit" className="btn btn--danger" disabled={navigation.state === "submitting"}>
                {t("lifecycle.terminateConfirm")}
              </button>
            </SchemaForm>
          </details>
        </div>
      ) : null}
    </section>
  );
}
