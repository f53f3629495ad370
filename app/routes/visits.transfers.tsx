// People found to have moved (issue 13.3): the receiving station accepts them (their file and routine visits move
// there) or declines (the old station's visits resume); a move outside the network is decided by the planners above.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { FormErrors } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { ListTable } from "~/components/ui/list-table";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import { type TransferAction, transferActionSchema } from "~/modules/visits/schemas";
import { decideTransfer, listTransfers } from "~/modules/visits/transfers.server";
import visitsCss from "~/styles/visits.css?url";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "visits", "visitTools"] };
export const meta = pageTitle("visitTools:transfers.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  return { transfers: await listTransfers({ user }), formKey: newFormKey() };
}

type Intent = TransferAction["intent"];
export const intents = intentList<Intent>()(["accept", "decline"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:visit");
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  const submission = parseForm(formData, transferActionSchema);
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  const { transferId, note } = submission.value;
  const outcome = await decideTransfer({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    input: { transferId, note, decision: intent },
  });
  if (!outcome) notFound();
  if (!outcome.ok)
    return data({ intent, result: submission.reply(outcome) satisfies FormResult }, { status: 400 });
  return { intent, done: intent };
}

export default function Transfers() {
  const { transfers, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["visitTools", "visits", "common"]);
  return (
    <>
      <PageHeader
        title={t("transfers.title")}
        subtitle={t("transfers.subtitle")}
        actions={<BackButton to="/visits" />}
      />
      {actionData && "done" in actionData ? (
        <p className="flash">{t(`transfers.done.${actionData.done}`)}</p>
      ) : null}
      {actionData && "result" in actionData ? <FormErrors errors={actionData.result.error?.[""]} /> : null}
      <ListTable
        empty={transfers.length === 0}
        emptyText={t("transfers.empty")}
        testId="transfers"
        head={
          <>
            <th>{t("transfers.person")}</th>
            <th>{t("transfers.from")}</th>
            <th>{t("transfers.to")}</th>
            <th>{t("transfers.requestedBy")}</th>
            <th>{t("fields.status")}</th>
          </>
        }
      >
        {transfers.map((x) => (
          <tr key={x.id}>
            <td>
              {x.personName} <span className="muted small">{x.villageName}</span>
            </td>
            <td>{x.fromStationName}</td>
            <td>
              {x.toStationName ?? `${t("transfers.outside")}${x.destination ? `：${x.destination}` : ""}`}
            </td>
            <td className="small">
              {x.requestedByName ?? "—"} · {formatDateTime(x.createdAt, i18n.language)}
            </td>
            <td>
              <Badge tone={x.status === "pending" ? "warn" : x.status === "accepted" ? "good" : "neutral"}>
                {t(`transfers.status.${x.status}`)}
              </Badge>
              {x.status === "pending" && x.decidable ? (
                <Form method="post" className="form form--inline transfer-decision">
                  <FormKey value={formKey} />
                  <input type="hidden" name="transferId" value={x.id} />
                  <label className="visually-hidden" htmlFor={`note-${x.id}`}>
                    {t("transfers.note")}
                  </label>
                  <input
                    id={`note-${x.id}`}
                    name="note"
                    className="input"
                    maxLength={300}
                    placeholder={t("transfers.note")}
                  />
                  <button type="submit" name="intent" value="accept" className="btn btn--small">
                    {t("transfers.accept")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="decline"
                    className="btn btn--small btn--secondary"
                  >
                    {t("transfers.decline")}
                  </button>
                </Form>
              ) : x.decisionNote ? (
                <div className="muted small">{x.decisionNote}</div>
              ) : null}
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
