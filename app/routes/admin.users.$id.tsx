import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { FurtherRoles } from "~/components/users/further-roles";
import { UserForm } from "~/components/users/user-form";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { titleText } from "~/modules/i18n/meta";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import {
  addRole,
  applyUserAction,
  removeRole,
  type UserAction,
  updateUser,
} from "~/modules/users/mutations.server";
import { managesAccount, scopeChoices, userForAdmin } from "~/modules/users/queries.server";
import { type RoleIntent, roleIntentSchema, userFormSchema } from "~/modules/users/schemas";
import { formatDateTime } from "~/utils/format";
import { badRequest, notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "admin"] };
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.account.email ?? "");

function idFrom(params: { id?: string }): number {
  return routeId(params.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "manage:users");
  const account = await userForAdmin(idFrom(params), viewer);
  if (!account) notFound();
  return { account, choices: await scopeChoices(viewer) };
}

export const intents = intentList<UserAction | RoleIntent["intent"] | "save">()([
  "save",
  "add_role",
  "remove_role",
  "disable",
  "enable",
  "end_sessions",
  "reset_two_factor",
  "reset_password",
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:users");
  const userId = idFrom(params);
  if (!(await managesAccount(userId, admin))) notFound();
  const formData = await request.formData();
  const actor = auditActor(request, context, admin);
  // The buttons of the security card send an intent; the account form predates intents and sends none.
  const intent = intentOf(formData, intents, "save");
  if (intent === "add_role" || intent === "remove_role") {
    const submission = parseForm(formData, roleIntentSchema);
    if (submission.status !== "success")
      return { done: null, temporaryPassword: null, reply: submission.reply() };
    const input = submission.value;
    const outcome =
      input.intent === "add_role"
        ? await addRole({ actor, viewer: admin, userId, input })
        : await removeRole({ actor, viewer: admin, userId, assignmentId: input.assignmentId });
    if (!outcome) notFound();
    if (!outcome.ok) return { done: null, temporaryPassword: null, reply: submission.reply(outcome) };
    return { done: intent, temporaryPassword: null, reply: submission.reply({ resetForm: true }) };
  }
  if (intent !== "save") {
    if (userId === admin.id && intent !== "end_sessions")
      badRequest("Use your own account page for your account");
    const outcome = await applyUserAction({ actor, viewer: admin, userId, intent });
    // Nothing here is refused: the only failure is an account that is not there.
    if (!outcome?.ok) notFound();
    return { done: intent, temporaryPassword: outcome.value.temporaryPassword, reply: null };
  }
  const submission = parseForm(formData, userFormSchema);
  if (submission.status !== "success")
    return { done: null, temporaryPassword: null, reply: submission.reply() };
  const outcome = await updateUser({ actor, viewer: admin, userId, input: submission.value });
  if (!outcome) notFound();
  if (!outcome.ok) return { done: null, temporaryPassword: null, reply: submission.reply(outcome) };
  return { done: "saved", temporaryPassword: null, reply: submission.reply() };
}

export default function UserDetail() {
  const { account, choices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["admin", "common"]);
  const toggle = account.disabledAt ? "enable" : "disable";
  return (
    <>
      <PageHeader
        title={account.name}
        subtitle={
          <>
            {account.email} · {t(`common:roles.${account.role}`)}{" "}
            {account.disabledAt ? (
              <Badge tone="bad">{t("users.disabled")}</Badge>
            ) : (
              <Badge tone="good">{t("users.active")}</Badge>
            )}
          </>
        }
      />
      {data?.done ? <p className="flash">{t(`users.done.${data.done}`)}</p> : null}
      {data?.temporaryPassword ? (
        <p className="card" data-testid="temporary-password">
          {t("users.temporaryPassword")} <code>{data.temporaryPassword}</code>
        </p>
      ) : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t("users.edit")}</h2>
          <UserForm
            choices={choices}
            values={account}
            errors={data?.reply?.error ?? {}}
            submitLabel={t("common:actions.save")}
          />
        </section>
        <section className="card">
          <h2>{t("users.security")}</h2>
          <dl className="facts">
            <dt>{t("users.sessions")}</dt>
            <dd>{account.sessions}</dd>
            <dt>2FA</dt>
            <dd>{account.totpEnabledAt ? formatDateTime(account.totpEnabledAt, i18n.language) : "—"}</dd>
            <dt>{t("users.passwordChanged")}</dt>
            <dd>{formatDateTime(account.passwordChangedAt, i18n.language)}</dd>
          </dl>
          <Form method="post" className="btn-row" style={{ marginTop: "1rem" }}>
            {[toggle, "end_sessions", "reset_two_factor", "reset_password"].map((intent) => (
              <button
                key={intent}
                type="submit"
                name="intent"
                value={intent}
                className={`btn btn--small ${intent === "disable" ? "btn--danger" : "btn--secondary"}`}
              >
                {t(`users.intent.${intent}`)}
              </button>
            ))}
          </Form>
        </section>
      </div>
      <FurtherRoles account={account} choices={choices} errors={data?.reply?.error ?? {}} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
