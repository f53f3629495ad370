import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { UserForm } from "~/components/users/user-form";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { parseForm } from "~/modules/kernel/messages";
import { createUser } from "~/modules/users/mutations.server";
import { scopeChoices } from "~/modules/users/queries.server";
import { userFormSchema } from "~/modules/users/schemas";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "admin"] };
export const meta = pageTitle("admin:users.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "manage:users");
  return { choices: await scopeChoices(viewer) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:users");
  const submission = parseForm(await request.formData(), userFormSchema);
  if (submission.status !== "success") return { reply: submission.reply(), created: null };
  const outcome = await createUser({
    actor: auditActor(request, context, user),
    viewer: user,
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return { reply: submission.reply(outcome), created: null };
  return {
    reply: submission.reply({ resetForm: true }),
    created: { ...outcome.value, email: submission.value.email },
  };
}

export default function NewUser() {
  const { choices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(["admin", "common"]);
  return (
    <>
      <PageHeader title={t("users.new")} />
      {data?.created ? (
        <div className="card" data-testid="temporary-password">
          <p className="flash">{t("users.created", { email: data.created.email })}</p>
          <p>
            {t("users.temporaryPassword")} <code>{data.created.temporaryPassword}</code>
          </p>
          <p className="muted">{t("users.temporaryPasswordHint")}</p>
          <Link to={`/admin/users/${data.created.id}`}>{t("common:actions.view")}</Link>
        </div>
      ) : (
        <div className="card">
          <UserForm
            choices={choices}
            errors={data?.reply?.error ?? {}}
            submitLabel={t("common:actions.create")}
          />
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
