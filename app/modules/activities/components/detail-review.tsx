// An activity's page, its review: the flag conversation, the edit requests a planner decides, deleting.
// Each form posts its intent to the page's action; only the form that posted shows the answer.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { FieldErrors, FormErrors, TextAreaField, TextField } from "~/components/ui/field";
import { FormSchema } from "~/components/ui/schema-form";
import { formatDateTime } from "~/utils/format";
import { type ActivityChanges, editableFields } from "../edit-window";
import { detailActionSchema } from "../schemas";
import type { ActivityDetail, ResultFor } from "./detail-types";

function flagTone(status: string) {
  return status === "open" ? "bad" : status === "answered" ? "info" : "good";
}

function useBusy() {
  return useNavigation().state !== "idle";
}

export function FlagsCard({
  flags,
  canAnswer,
  canFlag,
  resultFor,
}: {
  flags: ActivityDetail["flags"];
  canAnswer: boolean;
  canFlag: boolean;
  resultFor: ResultFor;
}) {
  const { t, i18n } = useTranslation(["activities", "common"]);
  const lng = i18n.language;
  const busy = useBusy();
  return (
    <div className="card" data-testid="flags">
      <h2>{t("flags.title")}</h2>
      {flags.length === 0 ? <p className="muted">{t("flags.none")}</p> : null}
      <ol className="flag-list">
        {flags.map((f) => (
          <li key={f.id} className={`flag flag--${f.status}`} data-testid="flag">
            <div className="flag__head">
              <Badge tone={flagTone(f.status)}>{t(`flags.status.${f.status}`)}</Badge>
              <span className="muted">
                {f.flaggedByName ?? "—"} · {formatDateTime(f.createdAt, lng)}
              </span>
            </div>
            <p className="flag__comment">{f.comment}</p>
            {f.response ? (
              <div className="flag__response" data-testid="flag-response">
                <span className="muted">
                  {t("flags.answeredBy", { name: f.respondedByName ?? "—" })} ·{" "}
                  {formatDateTime(f.respondedAt, lng)}
                </span>
                <p>{f.response}</p>
              </div>
            ) : null}
            {canAnswer && f.status !== "resolved" ? (
              <Form method="post" className="form flag__form" key={`${f.id}-${f.respondedAt ?? ""}`}>
                <FormSchema schema={detailActionSchema} intent="answer">
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="flagId" value={f.id} />
                  <TextAreaField
                    id={`answer-${f.id}`}
                    label={t("flags.answer")}
                    name="response"
                    rows={3}
                    maxLength={2000}
                    errors={resultFor("answer")?.error?.response}
                  />
                  <FormErrors errors={resultFor("answer")?.error?.[""]} />
                  <button type="submit" className="btn btn--small" disabled={busy}>
                    {f.response ? t("flags.answerAgain") : t("flags.answer")}
                  </button>
                </FormSchema>
              </Form>
            ) : null}
            {canFlag && f.status !== "resolved" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="resolve" />
                <input type="hidden" name="flagId" value={f.id} />
                <button type="submit" className="btn btn--ghost btn--small" disabled={busy}>
                  {t("flags.resolve")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
      {canFlag ? (
        <Form method="post" className="form flag__form" data-testid="flag-form" key={flags.length}>
          <FormSchema schema={detailActionSchema} intent="flag">
            <input type="hidden" name="intent" value="flag" />
            <TextAreaField
              id="flag-comment"
              label={t("flags.new")}
              name="comment"
              rows={3}
              maxLength={1000}
              placeholder={t("flags.placeholder")}
              errors={resultFor("flag")?.error?.comment}
            />
            <button type="submit" className="btn btn--small" disabled={busy}>
              {t("flags.submit")}
            </button>
          </FormSchema>
        </Form>
      ) : null}
    </div>
  );
}

function ChangesTable({ changes }: { changes: ActivityChanges }) {
  const { t } = useTranslation(["activities", "common"]);
  return (
    <table className="table changes">
      <tbody>
        {editableFields.map((f) => {
          const c = changes[f];
          if (!c) return null;
          const show = (v: string | number) =>
            f === "kind" ? t(`common:enum.activityKind.${v}`) : String(v);
          return (
            <tr key={f}>
              <th>{t(`fields.${f}`)}</th>
              <td>
                <del>{show(c.from)}</del> → <ins>{show(c.to)}</ins>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function EditRequestsCard({
  requests,
  canDecide,
  resultFor,
}: {
  requests: ActivityDetail["editRequests"];
  canDecide: boolean;
  resultFor: ResultFor;
}) {
  const { t, i18n } = useTranslation(["activities", "common"]);
  const busy = useBusy();
  if (requests.length === 0) return null;
  const decided = resultFor("decide")?.error;
  return (
    <div className="card" data-testid="edit-requests">
      <h2>{t("editRequests.title")}</h2>
      <ol className="flag-list">
        {requests.map((r) => (
          <li key={r.id} className="flag">
            <div className="flag__head">
              <Badge tone={r.status === "pending" ? "warn" : r.status === "approved" ? "good" : "neutral"}>
                {t(`editRequests.status.${r.status}`)}
              </Badge>
              <span className="muted">
                {r.requestedByName ?? "—"} · {formatDateTime(r.createdAt, i18n.language)}
              </span>
            </div>
            <ChangesTable changes={r.changes as ActivityChanges} />
            {r.reason ? <p className="muted">{t("editRequests.reason", { reason: r.reason })}</p> : null}
            {canDecide && r.status === "pending" ? (
              <Form method="post" className="form flag__form">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="requestId" value={r.id} />
                <input type="text" name="note" maxLength={500} placeholder={t("editRequests.note")} />
                <FormErrors errors={decided?.[""]} />
                <FieldErrors id="decide-error" errors={decided?.occurredOn ?? decided?.personTimes} />
                <div className="btn-row">
                  <button
                    type="submit"
                    name="decision"
                    value="approved"
                    className="btn btn--small"
                    disabled={busy}
                  >
                    {t("editRequests.approve")}
                  </button>
                  <button
                    type="submit"
                    name="decision"
                    value="rejected"
                    className="btn btn--secondary btn--small"
                    disabled={busy}
                  >
                    {t("editRequests.reject")}
                  </button>
                </div>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function DeleteActivity({ resultFor }: { resultFor: ResultFor }) {
  const { t } = useTranslation(["activities", "common"]);
  const busy = useBusy();
  return (
    <details className="card danger-zone">
      <summary>{t("delete.title")}</summary>
      <Form method="post" className="form">
        <FormSchema schema={detailActionSchema} intent="delete">
          <input type="hidden" name="intent" value="delete" />
          <p className="muted">{t("delete.body")}</p>
          <TextField
            id="delete-reason"
            label={t("delete.reason")}
            name="reason"
            maxLength={500}
            errors={resultFor("delete")?.error?.reason}
          />
          <FormErrors errors={resultFor("delete")?.error?.[""]} />
          <button type="submit" className="btn btn--danger btn--small" disabled={busy}>
            {t("delete.submit")}
          </button>
        </FormSchema>
      </Form>
    </details>
  );
}
