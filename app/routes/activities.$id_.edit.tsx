import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { activityKinds } from "#db/schema/activities";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ownsActivities } from "~/modules/access/activity-scope.server";
import { requirePermission } from "~/modules/access/guard.server";
import { EDIT_WINDOW_DAYS, editNeedsApproval } from "~/modules/activities/edit-window";
import { getActivity } from "~/modules/activities/queries.server";
import { editActivity } from "~/modules/activities/review.server";
import { type EditActivityInput, editActivitySchema } from "~/modules/activities/schemas";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
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
    values: {
      occurredOn: a.occurredOn,
      kind: a.kind,
      participants: a.participants,
      personTimes: a.personTimes,
      hours: Number(a.hours),
      summary: a.summary,
    },
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
    id,
    input: submission.value,
  });
  if (!result) notFound();
  if (!result.ok) return submission.reply(result);
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
      <Form method="post" className="form card activity-form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <div className="activity-form__row">
          <TextField
            label={t("form.occurredOn")}
            {...getInputProps(fields.occurredOn, { type: "date" })}
            key={fields.occurredOn.key}
            errors={fields.occurredOn.errors}
            max={data.today}
            min={data.contract.startsOn}
          />
          <SelectField
            label={t("form.kind")}
            {...getSelectProps(fields.kind)}
            key={fields.kind.key}
            errors={fields.kind.errors}
          >
            {activityKinds.map((k) => (
              <option key={k} value={k}>
                {t(`common:enum.activityKind.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="activity-form__row activity-form__row--3">
          <TextField
            label={t("form.participants")}
            {...getInputProps(fields.participants, { type: "number" })}
            key={fields.participants.key}
            errors={fields.participants.errors}
            inputMode="numeric"
          />
          <TextField
            label={t("form.personTimes")}
            {...getInputProps(fields.personTimes, { type: "number" })}
            key={fields.personTimes.key}
            errors={fields.personTimes.errors}
            inputMode="numeric"
          />
          <TextField
            label={t("form.hours")}
            {...getInputProps(fields.hours, { type: "number" })}
            key={fields.hours.key}
            errors={fields.hours.errors}
            inputMode="decimal"
            step={0.5}
          />
        </div>
        <TextAreaField
          label={t("form.summary")}
          {...getTextareaProps(fields.summary)}
          key={fields.summary.key}
          errors={fields.summary.errors}
          rows={4}
        />
        {data.needsApproval ? (
          <TextField
            label={t("edit.reason")}
            {...getInputProps(fields.reason, { type: "text" })}
            key={fields.reason.key}
            errors={fields.reason.errors}
            required
            maxLength={500}
          />
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
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
