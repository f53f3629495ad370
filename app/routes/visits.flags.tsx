// The plausibility flags of recorded visits (issue 13.4): raised automatically, never blocking a save. The station's
// staff explain, a planner checks and closes.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { FormErrors, RequiredMark } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { FormSchema } from "~/components/ui/schema-form";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import { answerVisitFlag, listVisitFlags, resolveVisitFlag } from "~/modules/visits/flags.server";
import { type FlagAction, flagActionSchema } from "~/modules/visits/schemas";
import visitsCss from "~/styles/visits.css?url";
import { formatDateTime } from "~/utils/format";
import { forbidden, notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "visits", "visitTools"] };
export const meta = pageTitle("visitTools:flags.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const status = new URL(request.url).searchParams.get("status") === "all" ? "all" : "open";
  return {
    status,
    flags: await listVisitFlags({ user, status }),
    can: { answer: userCan(user, "write:visit"), resolve: userCan(user, "manage:visit_rules") },
    formKey: newFormKey(),
  };
}

type Intent = FlagAction["intent"];
export const intents = intentList<Intent>()(["answer", "resolve"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  if (!userCan(user, intent === "answer" ? "write:visit" : "manage:visit_rules")) forbidden();
  const submission = parseForm(formData, flagActionSchema);
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  const writer = { user, actor: auditActor(request, context, user), key: formKeyFrom(formData) };
  const input = submission.value;
  const outcome =
    input.intent === "answer"
      ? await answerVisitFlag({ ...writer, input })
      : await resolveVisitFlag({ ...writer, input });
  if (!outcome) notFound();
  if (!outcome.ok)
    return data({ intent, result: submission.reply(outcome) satisfies FormResult }, { status: 400 });
  return { intent, done: intent };
}

export default function VisitFlags() {
  const { status, flags, can, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["visitTools", "visits", "common"]);
  return (
    <>
      <PageHeader
        title={t("flags.title")}
        subtitle={t("flags.subtitle")}
        actions={
          <div className="btn-row">
            <Link to={status === "open" ? "?status=all" : "?status=open"} className="btn btn--ghost">
              {status === "open" ? t("flags.showAll") : t("flags.showOpen")}
            </Link>
            <BackButton to="/visits" />
          </div>
        }
      />
      {actionData && "done" in actionData ? (
        <p className="flash">{t(`flags.done.${actionData.done}`)}</p>
      ) : null}
      {actionData && "result" in actionData ? <FormErrors errors={actionData.result.error?.[""]} /> : null}
      {flags.length === 0 ? (
        <div className="card empty-state">{t("flags.empty")}</div>
      ) : (
        <ul className="flag-list" data-testid="visit-flags">
          {flags.map((f) => (
            <li key={f.id} className="card flag-card">
              <div className="btn-row">
                <Badge tone={f.status === "open" ? "warn" : f.status === "answered" ? "info" : "neutral"}>
                  {t(`flags.status.${f.status}`)}
                </Badge>
                <strong>{t(`flags.kind.${f.kind}`)}</strong>
                <Link to={`/visits/${f.visitId}`}>
                  {f.personName} · {f.stationName}
                </Link>
              </div>
              <p className="muted small">
                {t(`flags.detail.${f.kind}`, f.detail as Record<string, unknown>)} · {f.recorderName ?? "—"} ·{" "}
                {formatDateTime(f.completedAt, i18n.language)}
              </p>
              {f.response ? (
                <p>
                  {t("flags.response")}：{f.response}
                </p>
              ) : null}
              {f.status !== "resolved" ? (
                <div className="btn-row">
                  {can.answer ? (
                    <Form method="post" className="form form--inline">
                      <FormKey value={formKey} />
                      <input type="hidden" name="intent" value="answer" />
                      <input type="hidden" name="flagId" value={f.id} />
                      <FormSchema schema={flagActionSchema} intent="answer">
                        <label htmlFor={`response-${f.id}`}>
                          {t("flags.response")}
                          <RequiredMark />
                        </label>
                        <input
                          id={`response-${f.id}`}
                          name="response"
                          className="input"
                          maxLength={500}
                          required
                          aria-required
                        />
                        <button type="submit" className="btn btn--small btn--secondary">
                          {t("flags.answer")}
                        </button>
                      </FormSchema>
                    </Form>
                  ) : null}
                  {can.resolve ? (
                    <Form method="post">
                      <FormKey value={formKey} />
                      <input type="hidden" name="intent" value="resolve" />
                      <input type="hidden" name="flagId" value={f.id} />
                      <button type="submit" className="btn btn--small">
                        {t("flags.resolve")}
                      </button>
                    </Form>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
