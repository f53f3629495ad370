// Bulk-schedule a village: everyone on the register there is visited on one day (a village trip).
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { runOnce } from "~/modules/kernel/idempotency.server";
import { parseForm } from "~/modules/kernel/messages";
import { useMessageForm } from "~/modules/kernel/use-form";
import { personFormOptions } from "~/modules/people/queries.server";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import { bulkScheduleVillage, VisitConflict } from "~/modules/visits/mutations.server";
import { assignableStaff } from "~/modules/visits/queries.server";
import { bulkScheduleSchema } from "~/modules/visits/schemas";
import visitsCss from "~/styles/visits.css?url";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";

export const handle = { i18n: ["common", "visits"] };
export const meta = pageTitle("visits:bulk.title");
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
  const key = formKeyFrom(formData);
  if (!key) return { result: submission.reply({ formErrors: ["validation.formExpired"] }), done: null };
  try {
    const { result } = await runOnce({ key, userId: user.id, action: "visit.bulk_schedule" }, async (tx) => {
      const r = await bulkScheduleVillage(tx, {
        user,
        actor: auditActor(request, context, user),
        ...submission.value,
      });
      return { moved: r.moved, created: r.created };
    });
    void nudgeReminders();
    return {
      result: submission.reply({ resetForm: true }),
      done: result as { moved: number; created: number },
    };
  } catch (error) {
    if (error instanceof VisitConflict)
      return { result: submission.reply({ formErrors: [error.messageKey] }), done: null };
    throw error;
  }
}

export default function BulkSchedule() {
  const { villages, staff, today, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["visits", "common"]);
  const [form, fields] = useMessageForm<{ villageId: string; dueOn: string; assignedUserId: string }>({
    lastResult: actionData?.result,
    defaultValue: { villageId: "", dueOn: addDaysToDate(today, 1), assignedUserId: "" },
  });
  const townships = [...new Set(villages.map((v) => v.townshipName))];
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
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="_key" value={formKey} />
          <FormErrors errors={form.errors} />
          <SelectField
            label={t("bulk.village")}
            {...getSelectProps(fields.villageId)}
            key={fields.villageId.key}
            errors={fields.villageId.errors}
          >
            <option value="">{t("bulk.chooseVillage")}</option>
            {townships.map((township) => (
              <optgroup key={township} label={township}>
                {villages
                  .filter((v) => v.townshipName === township)
                  .map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          <TextField
            label={t("fields.dueOn")}
            {...getInputProps(fields.dueOn, { type: "date" })}
            key={fields.dueOn.key}
            errors={fields.dueOn.errors}
            min={today}
          />
          {staff.length ? (
            <SelectField
              label={t("fields.assignee")}
              {...getSelectProps(fields.assignedUserId)}
              key={fields.assignedUserId.key}
              errors={fields.assignedUserId.errors}
            >
              <option value="">{t("bulk.keepAssignees")}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <p className="field__hint">{t("bulk.hint")}</p>
          <button type="submit" className="btn">
            {t("bulk.submit")}
          </button>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
