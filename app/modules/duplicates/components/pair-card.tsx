// One likely duplicate pair on the review list: the two files side by side, why they look alike, and the two
// decisions (merge into the file kept, or two different people). Plain forms: they work without JavaScript.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { ConfirmBox } from "~/components/ui/confirm-box";
import { FieldErrors, FormErrors, RequiredMark, TextField } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { FormSchema } from "~/components/ui/schema-form";
import type { FormResult } from "~/modules/kernel/use-form";
import { CategoryList, PersonStatusBadge } from "~/modules/people/ui";
import { duplicateActionSchema } from "../schemas";
import type { Reason } from "../score";
import type { WarnedFileView } from "./duplicate-warning";

/** A file of the pair: what the new-person form's warning shows of it, and more to decide by. */
export type ShownFile = WarnedFileView & {
  nameBo: string | null;
  status: string;
  categories: string[];
  createdAt: string;
  visits: number;
  activities: number;
};

export type ShownPair = { a: ShownFile; b: ShownFile; score: number; reasons: Reason[] };

const warnReasons = new Set<Reason>(["otherSex", "otherGuardian"]);

function FileColumn({ file }: { file: ShownFile }) {
  const { t } = useTranslation(["duplicates", "people", "common"]);
  return (
    <div className="duplicate-file">
      <h3>
        <Link to={`/people/${file.id}`}>{file.fullName}</Link> <PersonStatusBadge status={file.status} />
      </h3>
      {file.nameBo ? (
        <p className="name-bo" lang="bo">
          {file.nameBo}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("people:fields.sex")}</dt>
        <dd>{t(`common:enum.sex.${file.sex}`)}</dd>
        <dt>{t("people:fields.birthDate")}</dt>
        <dd>{file.birthDate}</dd>
        <dt>{t("people:fields.idNumber")}</dt>
        <dd>
          <code>{file.idNumberMasked}</code>
        </dd>
        <dt>{t("people:fields.village")}</dt>
        <dd>{[file.villageName, file.townshipName].filter(Boolean).join(" · ")}</dd>
        <dt>{t("people:fields.station")}</dt>
        <dd>{file.stationName ?? "—"}</dd>
        <dt>{t("people:fields.categories")}</dt>
        <dd>
          <CategoryList categories={file.categories} />
        </dd>
      </dl>
      <p className="muted small">
        {t("file.registered", { date: file.createdAt.slice(0, 10) })} ·{" "}
        {t("file.visits", { count: file.visits })} · {t("file.activities", { count: file.activities })}
      </p>
    </div>
  );
}

export function PairCard({
  pair,
  formKey,
  canMerge,
  result,
}: {
  pair: ShownPair;
  formKey: string;
  canMerge: boolean;
  /** The answer to a post about this pair that was refused. */
  result?: { intent: string; result?: FormResult };
}) {
  const { t } = useTranslation(["duplicates", "common"]);
  const { a, b } = pair;
  const id = `pair-${a.id}-${b.id}`;
  const errors = result?.result?.error ?? {};
  const mergeErrors = result?.intent === "merge" ? errors : {};
  const differentErrors = result?.intent === "different" ? errors : {};
  return (
    <article className="card duplicate-pair" data-testid="duplicate-pair" id={id}>
      <header className="duplicate-pair__head">
        <strong>{t("score", { percent: Math.round(pair.score * 100) })}</strong>
        <span className="duplicate-pair__reasons">
          {pair.reasons.map((r) => (
            <Badge key={r} tone={warnReasons.has(r) ? "warn" : "info"}>
              {t(`reasons.${r}`)}
            </Badge>
          ))}
        </span>
      </header>
      <div className="grid-2">
        <FileColumn file={a} />
        <FileColumn file={b} />
      </div>
      <div className="grid-2 duplicate-pair__decisions">
        {canMerge ? (
          <Form method="post" className="form" aria-labelledby={`${id}-merge`}>
            <h4 id={`${id}-merge`}>{t("merge.title")}</h4>
            <input type="hidden" name="intent" value="merge" />
            <input type="hidden" name="aId" value={a.id} />
            <input type="hidden" name="bId" value={b.id} />
            <FormKey value={formKey} />
            <FormErrors errors={mergeErrors[""]} />
            <FormSchema schema={duplicateActionSchema} intent="merge">
              <fieldset className="field">
                <legend>
                  {t("merge.keep")}
                  <RequiredMark />
                </legend>
                {[a, b].map((f) => (
                  <label key={f.id} className="check">
                    <input type="radio" name="keepId" value={f.id} required />
                    <span>
                      {f.fullName} · {f.idNumberMasked}
                    </span>
                  </label>
                ))}
                <FieldErrors id={`${id}-keep-error`} errors={mergeErrors.keepId} />
              </fieldset>
              <p className="muted small">{t("merge.hint")}</p>
              <TextField
                id={`${id}-reason`}
                label={t("merge.reason")}
                name="reason"
                required
                maxLength={200}
                errors={mergeErrors.reason}
              />
              <ConfirmBox id={`${id}-confirm`} errors={mergeErrors.confirm}>
                {t("merge.confirm")}
              </ConfirmBox>
              <button type="submit" className="btn btn--small">
                {t("merge.submit")}
              </button>
            </FormSchema>
          </Form>
        ) : (
          <p className="muted small">{t("merge.onlyPlanner")}</p>
        )}
        <Form method="post" className="form" aria-labelledby={`${id}-different`}>
          <h4 id={`${id}-different`}>{t("different.title")}</h4>
          <input type="hidden" name="intent" value="different" />
          <input type="hidden" name="aId" value={a.id} />
          <input type="hidden" name="bId" value={b.id} />
          <FormKey value={formKey} />
          <FormErrors errors={differentErrors[""]} />
          <div className="field">
            <label htmlFor={`${id}-why`}>{t("different.reason")}</label>
            <input id={`${id}-why`} name="reason" maxLength={200} />
          </div>
          <button type="submit" className="btn btn--small btn--secondary">
            {t("different.submit")}
          </button>
        </Form>
      </div>
    </article>
  );
}
