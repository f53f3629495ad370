// One month of a contract: its state, the figures as submitted beside the figures now (a change since submission is
// marked), the organization's note, the planner's comment, who did what when, and the forms the user may post.
import { useTranslation } from "react-i18next";
import type { MonthSummary } from "#db/schema/signoff";
import type { FormResult } from "~/modules/kernel/use-form";
import { formatDateTime, formatNumber, formatYuan } from "~/utils/format";
import { type MonthState, summaryKeys } from "../months";
import type { SignoffIntent } from "../schemas";
import { MonthForms } from "./month-forms";
import { MonthStateBadge } from "./month-state";

export type MonthDetailData = {
  month: string;
  state: MonthState;
  live: MonthSummary;
  record: {
    summary: MonthSummary;
    note: string | null;
    comment: string | null;
    submittedAt: string | Date;
    submittedBy: string | null;
    decidedAt: string | Date | null;
    decidedBy: string | null;
  } | null;
};

export function MonthDetail({
  detail,
  monthLabel,
  intents,
  formKey,
  lastResult,
}: {
  detail: MonthDetailData;
  monthLabel: string;
  intents: SignoffIntent[];
  formKey: string;
  lastResult: FormResult | undefined;
}) {
  const { t, i18n } = useTranslation(["signoff", "common"]);
  const lng = i18n.language;
  const { record, state } = detail;
  const show = (key: (typeof summaryKeys)[number], s: MonthSummary) =>
    key === "spentFen" ? formatYuan(s.spentFen, lng) : formatNumber(s[key], lng);
  return (
    <section className="card" data-testid="month-detail" data-month={detail.month}>
      <h2>
        {monthLabel} <MonthStateBadge state={state} />
      </h2>
      {state === "approved" ? (
        <p className="flash" data-testid="month-locked">
          {t("locked")}
        </p>
      ) : null}
      {record?.comment ? (
        <p
          className={state === "returned" || state === "reopened" ? "flash flash--warn" : "muted"}
          data-testid="month-comment"
        >
          <strong>{t(`commentLabel.${state === "submitted" ? "previous" : state}`)}</strong> {record.comment}
        </p>
      ) : null}
      {/* Three short columns fit a phone: no sideways scrolling (app.css widens wrapped tables). */}
      <table className="table table--compact" data-testid="month-figures">
        <thead>
          <tr>
            <th>{t("figure")}</th>
            <th className="num">{t("asSubmitted")}</th>
            <th className="num">{t("now")}</th>
          </tr>
        </thead>
        <tbody>
          {summaryKeys.map((key) => {
            const changed = record ? record.summary[key] !== detail.live[key] : false;
            return (
              <tr key={key} data-figure={key} className={changed ? "signoff-changed" : undefined}>
                <td>{t(`figures.${key}`)}</td>
                <td className="num">{record ? show(key, record.summary) : "—"}</td>
                <td className="num">
                  {show(key, detail.live)}
                  {changed ? <span className="badge badge--warn">{t("changed")}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {record ? (
        <dl className="facts">
          <dt>{t("submittedBy")}</dt>
          <dd>
            {record.submittedBy ?? "—"} · {formatDateTime(record.submittedAt, lng)}
          </dd>
          {record.note ? (
            <>
              <dt>{t("note")}</dt>
              <dd className="prewrap">{record.note}</dd>
            </>
          ) : null}
          {record.decidedAt ? (
            <>
              <dt>{t("decidedBy")}</dt>
              <dd>
                {record.decidedBy ?? "—"} · {formatDateTime(record.decidedAt, lng)}
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t("notSubmitted")}</p>
      )}
      <MonthForms month={detail.month} intents={intents} formKey={formKey} lastResult={lastResult} />
    </section>
  );
}
