// A visit's referrals (转介) and, for each still open, the form that records its result. Client-safe.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { referralResults } from "#db/schema/enums";
import { Badge } from "~/components/ui/badge";
import { FormErrors, RequiredFields, RequiredMark } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import type { FormResult } from "~/modules/kernel/use-form";
import { formatDate } from "~/utils/format";

type Referral = {
  id: number;
  kind: string;
  note: string | null;
  status: string;
  result: string | null;
  resultNote: string | null;
  resultOn: string | null;
};

export function ReferralsCard({
  referrals,
  canWrite,
  formKey,
  today,
  required,
  lastResult,
}: {
  referrals: Referral[];
  canWrite: boolean;
  formKey: string;
  today: string;
  /** What the schema requires of a referral's result (the loader's `requiredByIntent`). */
  required: readonly string[];
  lastResult?: FormResult;
}) {
  const { t, i18n } = useTranslation("visits");
  if (referrals.length === 0) return null;
  return (
    <section className="card" data-testid="referrals">
      <h2>{t("referrals.title")}</h2>
      <FormErrors errors={lastResult?.error?.[""]} />
      <ul className="referral-list">
        {referrals.map((r) => (
          <li key={r.id}>
            <strong>{t(`record.options.referrals.${r.kind}`)}</strong>{" "}
            <Badge tone={r.status === "open" ? "warn" : "good"}>
              {r.status === "open" ? t("referrals.open") : t(`referrals.results.${r.result}`)}
            </Badge>
            {r.note ? <div className="muted small">{r.note}</div> : null}
            {r.resultOn ? (
              <div className="muted small">
                {formatDate(r.resultOn, i18n.language)} {r.resultNote ?? ""}
              </div>
            ) : null}
            {r.status === "open" && canWrite ? (
              <Form method="post" className="form form--inline">
                <FormKey value={formKey} />
                <input type="hidden" name="intent" value="referral" />
                <input type="hidden" name="referralId" value={r.id} />
                <RequiredFields names={required}>
                  <label>
                    <span className="visually-hidden">{t("referrals.result")}</span>
                    <RequiredMark />
                    <select name="result" className="input" required aria-required defaultValue="">
                      <option value="" disabled>
                        {t("referrals.result")}
                      </option>
                      {referralResults.map((o) => (
                        <option key={o} value={o}>
                          {t(`referrals.results.${o}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    <span className="visually-hidden">{t("referrals.resultOn")}</span>
                    <RequiredMark />
                    <input
                      type="date"
                      name="resultOn"
                      className="input"
                      max={today}
                      defaultValue={today}
                      required
                    />
                  </label>
                  <label>
                    <span className="visually-hidden">{t("referrals.resultNote")}</span>
                    <input
                      name="resultNote"
                      className="input"
                      maxLength={300}
                      placeholder={t("referrals.resultNote")}
                    />
                  </label>
                  <button type="submit" className="btn btn--small btn--secondary">
                    {t("referrals.submit")}
                  </button>
                </RequiredFields>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
