import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/record-form";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import { useMessageForm } from "~/modules/kernel/use-form";
import { personFormOptions } from "~/modules/people/queries.server";
import { VillageOptions } from "~/modules/people/ui";
import { bulkScheduleVillage } from "~/modules/visits/mutations.server";
import { assignableStaff } from "~/modules/visits/queries.server";
import { bulkScheduleSchema } from "~/modules/visits/schemas";
import visitsCss from "~/styles/visits.css?url";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "visits", "visitTools"] };
export const meta = pageTitle("visitTools:bulk.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:visit");
  const [{ villages }, staff] = await Promise.all([personFormOptions({ user }), assignableStaff(user)]);
  return { villages, staff, today: todayInShanghai(), formKey: newFormKey() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:visit");
  const formData = await request.formData();
  const submission = parseForm(formData, bulkScheduleSchema(todayInShanghai()));
  if (submission.status !== "success") return { result: submission.reply(), done: null };
  const outcome = await bulkScheduleVillage({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return { result: submission.reply(outcome), done: null };
  return { result: submission.reply({ resetForm: true }), done: outcome.value };
}

export default function BulkSchedule() {
  const { villages, staff, today, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["visitTools", "visits", "common"]);
  const [form, fields] = useMessageForm<{ villageId: string; dueOn: string; assignedUserId: string }>({
    lastResult: actionData?.result,
    defaultValue: { villageId: "", dueOn: addDaysToDate(today, 1), assignedUserId: "" },
  });
  return (
    <>
      <PageHeader
        title={t("bulk.title")}
        subtitle={t("bulk.subtitle")}
        actions={<Link to="/visits">{t("common:actions.back")}</Link>}
      />
      {actionData?.done ? (
        <p className="flash" data-testid="bulk-done">
          {t("bulk.done", { moved: actionData.done.moved, created: actionData.done.created })}
        </p>
      ) : null}
      <div className="card">
        <PostForm form={form} schema={bulkScheduleSchema(todayInShanghai())} formKey={formKey}>
          <FormSelect field={fields.villageId} label={t("bulk.village")}>
            <option value="">{t("bulk.chooseVillage")}</option>
            <VillageOptions villages={villages} />
          </FormSelect>
          <FormInput field={fields.dueOn} type="date" label={t("fields.dueOn")} min={today} />
          {staff.length ? (
            <FormSelect field={fields.assignedUserId} label={t("fields.assignee")}>
              <option value="">{t("bulk.keepAssignees")}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </FormSelect>
          ) : null}
          <p className="field__hint">{t("bulk.hint")}</p>
          <button type="submit" className="btn">
            {t("bulk.submit")}
          </button>
        </PostForm>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
