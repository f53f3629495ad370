import { getFormProps } from "@conform-to/react";
import {
  type ActionFunctionArgs,
  data as answer,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/ui/field";
import { FormInput } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { PageHeader } from "~/components/ui/page-header";
import { SchemaForm } from "~/components/ui/schema-form";
import { ownsActivities } from "~/modules/access/activity-scope.server";
import { requirePermission } from "~/modules/access/guard.server";
import { ActivityFields } from "~/modules/activities/components/activity-fields";
import { EDIT_WINDOW_DAYS, editableValues, editNeedsApproval } from "~/modules/activities/edit-window";
import { getActivity } from "~/modules/activities/queries.server";
import { editActivity } from "~/modules/activities/review.server";
import { type EditActivityInput, editActivitySchema } from "~/modules/activities/schemas";
import { auditActor } from "~/modules/audit/audit.server";
import { ConflictNotice, conflictOf } from "~/modules/conflicts/components/conflict-notice";
import { pageTitle } from "~/modules/i18n/meta";
import { CONFLICT_MESSAGE, isConflicted } from "~/modules/kernel/conflicts";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import { useMessageForm } from "~/modules/kernel/use-form";
import activitiesCss from "~/styles/activities.css?url";
import { todayInShanghai } from "~/utils/dates";
import { forbidden, notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "activities"] };
export const meta = pageTitle("activities:edit.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: activitiesCss }];

async function editable(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requirePermission(request, "write:activity");
  const id = routeId(params.id);
  const detail = await getActivity({ user, id });
  if (!detail || detail.activity.deletedAt) notFound();
  if (!ownsActivities(user, detail.activity.organizationId)) forbidden();
  return { user, id, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { detail } = await editable(request, params);
  const a = detail.activity;
  const pending = detail.editRequests.some((r) => r.status === "pending");
  return {
    id: a.id,
    today: todayInShanghai(),
    needsApproval: editNeedsApproval(a.createdAt),
    pending,
    contract: detail.contract,
    subjectName: detail.facility?.name ?? detail.project?.name ?? "",
    version: a.version,
    formKey: newFormKey(),
    values: editableValues(a),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, id } = await editable(request, params);
  const formData = await request.formData();
  const submission = parseForm(formData, editActivitySchema({ today: todayInShanghai() }));
  if (submission.status !== "success") return submission.reply();
  const result = await editActivity({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    id,
    input: submission.value,
  });
  if (!result) notFound();
  if (!result.ok) return submission.reply(result);
  if (isConflicted(result.value))
    return answer(
      { ...submission.reply({ formErrors: [CONFLICT_MESSAGE] }), conflict: result.value.conflict },
      { status: 409 },
    );
  const { outcome } = result.value;
  return redirect(`/activities/${id}${outcome === "unchanged" ? "" : `?edited=${outcome}`}`);
}

export default function EditActivity() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["activities", "common"]);
  const navigation = useNavigation();
  const schema = useMemo(() => editActivitySchema({ today: data.today }), [data.today]);
  const [form, fields] = useMessageForm<EditActivityInput>({
    id: "edit-activity",
    lastResult,
    defaultValue: data.values,
    onValidate: ({ formData }) => parseForm(formData, schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="activity-form-page">
      <PageHeader
        title={t("edit.title")}
        subtitle={`${data.subjectName} · ${data.contract.code}`}
        actions={
          <Link to={`/activities/${data.id}`} className="btn btn--secondary">
            {t("common:actions.cancel")}
          </Link>
        }
      />
      {data.needsApproval ? (
        <div className="notice" data-testid="approval-notice">
          {data.pending ? t("edit.pendingExists") : t("edit.needsApproval", { days: EDIT_WINDOW_DAYS })}
        </div>
      ) : null}
      <ConflictNotice conflict={conflictOf(lastResult)} />
      <SchemaForm schema={schema} method="post" className="form card activity-form" {...getFormProps(form)}>
        <FormKey value={data.formKey} />
        <input type="hidden" name="baseVersion" value={data.version} />
        <FormErrors errors={form.errors} />
        <ActivityFields fields={fields} mode="edit" today={data.today} earliest={data.contract.startsOn} />
        {data.needsApproval ? (
          <FormInput field={fields.reason} label={t("edit.reason")} required maxLength={500} />
        ) : null}
        <div className="btn-row">
          <button
            type="submit"
            className="btn"
            disabled={navigation.state !== "idle" || data.pending}
            data-testid="edit-submit"
          >
            {data.needsApproval ? t("edit.submitRequest") : t("common:actions.save")}
          </button>
        </div>
      </SchemaForm>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
