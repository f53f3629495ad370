// One conflict (ADR 014): both versions side by side, and keeping theirs, keeping mine, or merging the notes.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { requireUser } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { ConflictSubject, SideBySide } from "~/modules/conflicts/components/conflict-view";
import { personPlaceNames } from "~/modules/conflicts/place-names.server";
import { getConflict } from "~/modules/conflicts/queries.server";
import { resolveConflict } from "~/modules/conflicts/resolve.server";
import { type ResolveConflict, resolveConflictSchema } from "~/modules/conflicts/schemas";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import visitsCss from "~/styles/visits.css?url";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "conflicts", "people", "peopleRegister"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleText(matches, data ? `#${data.conflict.id}` : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conflict = await getConflict({ user, id: routeId(params.id) });
  if (!conflict) notFound();
  const names = conflict.kind === "person" ? await personPlaceNames([conflict.theirs, conflict.yours]) : {};
  return { conflict, names, formKey: newFormKey() };
}

type Intent = ResolveConflict["intent"];
export const intents = intentList<Intent>()(["keep_theirs", "keep_mine", "merge_notes"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = routeId(params.id);
  const formData = await request.formData();
  intentOf(formData, intents);
  const submission = parseForm(formData, resolveConflictSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await resolveConflict({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    conflictId: id,
    resolution: submission.value.intent,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return data({ result: submission.reply(outcome) satisfies FormResult }, { status: 400 });
  return redirect(`/conflicts/${id}?resolved=1`);
}

export default function ConflictPage() {
  const { conflict: c, names, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["conflicts", "common"]);
  const href = {
    activity: `/activities/${c.entityId}`,
    visit: `/visits/${c.entityId}`,
    person: `/people/${c.entityId}`,
    training: `/workforce/trainings/${c.entityId}/edit`,
  }[c.kind];
  const choices: Intent[] =
    c.kind === "person" ? ["keep_theirs", "keep_mine"] : ["keep_theirs", "keep_mine", "merge_notes"];
  return (
    <>
      <PageHeader
        title={<ConflictSubject conflict={c} />}
        subtitle={t("sentAt", {
          name: c.userName ?? "—",
          at: formatDateTime(c.createdAt, i18n.language),
        })}
        actions={
          <div className="btn-row">
            <Link to={href} className="btn btn--secondary">
              {t("openEntity")}
            </Link>
            <BackButton to="/conflicts" />
          </div>
        }
      />
      {c.status === "resolved" ? (
        <p className="flash" data-testid="conflict-resolved">
          {t(`resolvedAs.${c.resolution}`, { name: c.resolvedByName ?? "—" })}
        </p>
      ) : (
        <p className="notice">{t("explain")}</p>
      )}
      <SideBySide kind={c.kind} theirs={c.theirs} yours={c.yours} names={names} />
      {c.mayResolve ? (
        <section className="card">
          <h2>{t("decide")}</h2>
          <FormErrors errors={actionData?.result?.error?.[""]} />
          <div className="btn-row">
            {choices.map((intent) => (
              <Form method="post" key={intent}>
                <FormKey value={formKey} />
                <input type="hidden" name="intent" value={intent} />
                <button type="submit" className={intent === "keep_mine" ? "btn" : "btn btn--secondary"}>
                  {t(`action.${intent}`)}
                </button>
              </Form>
            ))}
          </div>
          <p className="field__hint">{t(`hint.${c.kind}`)}</p>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
