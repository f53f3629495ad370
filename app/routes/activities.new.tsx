import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormErrors } from "~/components/ui/field";
import { FormSelect } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { PageHeader } from "~/components/ui/page-header";
import { RequiredForm } from "~/components/ui/required-form";
import { requirePermission } from "~/modules/access/guard.server";
import { ActivityFields } from "~/modules/activities/components/activity-fields";
import { ProgressLines } from "~/modules/activities/components/contract-progress";
import { GpsField } from "~/modules/activities/components/gps-field";
import { PeoplePicker, type PersonOption } from "~/modules/activities/components/people-picker";
import {
  chosenPeopleForContract,
  listLoggableContracts,
  searchPeopleForContract,
} from "~/modules/activities/contracts.server";
import { logActivity } from "~/modules/activities/log.server";
import { preparePhotos, readActivityForm } from "~/modules/activities/photos.server";
import { progressOfActiveContracts } from "~/modules/activities/progress.server";
import { type LogActivityInput, logActivitySchema } from "~/modules/activities/schemas";
import { useLazyValidation } from "~/modules/activities/use-lazy-validation";
import { auditActor } from "~/modules/audit/audit.server";
import { queueWhenOffline } from "~/modules/field/offline";
import { pageTitle } from "~/modules/i18n/meta";
import { checkedFormProps, useCheckedForm } from "~/modules/kernel/checked-form";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { type Message, message, parseForm } from "~/modules/kernel/messages";
import { requiredFields } from "~/modules/kernel/required";
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_FIELD } from "~/modules/uploads/photo-limits";
import activitiesCss from "~/styles/activities.css?url";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { dbIdFrom, isDbIdText } from "~/utils/ids";

export const handle = { i18n: ["common", "activities"] };
export const meta = pageTitle("activities:new.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: activitiesCss }];

const ids = (values: string[]) => [...new Set(values.filter(isDbIdText).map(Number))].slice(0, 200);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:activity");
  const url = new URL(request.url);
  const today = todayInShanghai();
  const contracts = await listLoggableContracts(user);
  const progress = await progressOfActiveContracts({ user, asOf: today });
  const wanted = Number(url.searchParams.get("contractId") ?? url.searchParams.get("contract"));
  const contract = contracts.find((c) => c.id === wanted) ?? (contracts.length === 1 ? contracts[0] : null);
  // The no-script people search submits the whole form as GET: its values come back as defaults.
  const q = url.searchParams.get("q")?.trim().slice(0, 30) ?? "";
  const chosenIds = ids(url.searchParams.getAll("personId"));
  const [matches, selected] = contract
    ? await Promise.all([
        q
          ? searchPeopleForContract({
              user,
              actor: auditActor(request, context, user),
              contractId: contract.id,
              q,
            })
          : Promise.resolve([]),
        chosenPeopleForContract(user, contract.id, chosenIds),
      ])
    : [[], []];
  const defaults: Record<string, string> = {};
  for (const field of ["occurredOn", "kind", "participants", "personTimes", "hours", "summary"]) {
    const value = url.searchParams.get(field);
    if (value) defaults[field] = value.slice(0, 2000);
  }
  return {
    formKey: newFormKey(),
    today,
    contracts: contracts.map(({ areaPrefix: _area, ...c }) => ({
      ...c,
      progress: progress.find((p) => p.id === c.id)?.progress ?? null,
    })),
    contractId: contract?.id ?? null,
    q,
    matches,
    selected,
    defaults,
    limits: { maxPhotoBytes: MAX_PHOTO_BYTES, maxPhotos: MAX_PHOTOS },
    // The required marks, from the action's schema: the page's own code does not download zod (issue 13).
    required: requiredFields(logActivitySchema({ today })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:activity");
  const today = todayInShanghai();
  const { formData, photos, problems } = await readActivityForm(request, user.id);
  const schema = logActivitySchema({ today });
  const submission = parseForm(formData, schema);
  const key = formKeyFrom(formData);
  const chosen = ids(formData.getAll("personId").map(String));
  const selected: PersonOption[] = await chosenPeopleForContract(
    user,
    dbIdFrom(formData.get("contractId")),
    chosen,
  );
  const { prepared, problems: contentProblems } = await preparePhotos(photos);
  const photoErrors = [...problems, ...contentProblems].map((p) =>
    message(`common:photoErrors.${p.problem}`, {
      name: p.filename,
      mb: MAX_PHOTO_BYTES / 1048576,
      max: MAX_PHOTOS,
    }),
  );
  const fail = (fieldErrors: Record<string, Message[]>, formErrors: Message[] = []) => {
    const base = submission.status === "success" ? {} : (submission.error ?? {});
    const merged: Record<string, Message[]> = {};
    for (const [k, v] of Object.entries(base)) if (k && v) merged[k] = [...v];
    for (const [k, v] of Object.entries(fieldErrors)) merged[k] = [...(merged[k] ?? []), ...v];
    return {
      result: submission.reply({ fieldErrors: merged, formErrors: [...(base[""] ?? []), ...formErrors] }),
      selected,
      photoErrors,
      photosDropped: photos.length > 0,
    };
  };
  // A form without its key is reloaded before its photos or fields are judged.
  if (!key) return fail({}, ["validation.formExpired"]);
  // why: a refused photo is a 4xx (413 when too large), so scripts and proxies see the rejection too.
  if (photoErrors.length > 0)
    return data(fail({}), { status: problems.some((p) => p.problem === "tooLarge") ? 413 : 422 });
  if (submission.status !== "success") return fail({});
  const result = await logActivity({
    user,
    actor: auditActor(request, context, user),
    input: submission.value,
    photos: prepared,
    key,
  });
  if (!result) notFound();
  if (!result.ok) return fail(result.fieldErrors ?? {}, result.formErrors);
  return redirect(`/activities/${result.value.id}?logged=1`);
}

// Without a link the activity and its (already shrunk) photos wait in the device's outbox.
export const clientAction = queueWhenOffline("activity");

export default function NewActivity() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["activities", "common"]);
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  const validate = useLazyValidation(data.today);
  const [form, fields] = useCheckedForm<LogActivityInput>({
    id: "log-activity",
    lastResult: actionData?.result,
    defaultValue: { contractId: data.contractId ?? undefined, occurredOn: data.today, ...data.defaults },
    validate,
  });
  const [contractId, setContractId] = useState<number | null>(data.contractId);
  const contract = data.contracts.find((c) => c.id === contractId) ?? null;
  const [photoNote, setPhotoNote] = useState<string | null>(null);

  if (data.contracts.length === 0) {
    return (
      <>
        <PageHeader title={t("new.title")} />
        <div className="card empty-state" data-testid="no-contracts">
          <h2>{t("new.noContracts")}</h2>
          <p>{t("new.noContractsBody")}</p>
        </div>
      </>
    );
  }
  return (
    <div className="activity-form-page">
      <PageHeader
        title={t("new.title")}
        subtitle={t("new.subtitle")}
        actions={
          <Link to="/activities" className="btn btn--secondary">
            {t("common:actions.back")}
          </Link>
        }
      />
      <RequiredForm
        required={data.required}
        method="post"
        encType="multipart/form-data"
        className="form card activity-form"
        {...checkedFormProps(form)}
      >
        {/* A double submit or a retry finds the first activity. */}
        <FormKey value={data.formKey} />
        <FormErrors errors={form.errors} fieldErrors={form.allErrors} formId={form.id} />
        <FormSelect
          field={fields.contractId}
          label={t("form.contract")}
          required
          onChange={(e) => setContractId(Number(e.currentTarget.value) || null)}
        >
          {data.contracts.length > 1 ? <option value="">{t("form.contractChoose")}</option> : null}
          {data.contracts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.subjectName} · {c.code}
            </option>
          ))}
        </FormSelect>
        {contract ? (
          <div className="activity-form__contract muted" data-testid="contract-summary">
            <span>{t("form.contractPeriod", { start: contract.startsOn, end: contract.endsOn })}</span>
            {contract.progress ? <ProgressLines progress={contract.progress} /> : null}
          </div>
        ) : null}
        <ActivityFields fields={fields} mode="log" today={data.today} earliest={contract?.startsOn} />
        <PeoplePicker
          key={contractId ?? 0}
          contractId={contractId}
          selected={
            contract && contract.id === data.contractId ? (actionData?.selected ?? data.selected) : []
          }
          matches={contract && contract.id === data.contractId ? data.matches : []}
          query={data.q}
          errors={fields.personId.errors}
        />
        <div className={`field${actionData?.photoErrors?.length ? " field--invalid" : ""}`}>
          <label htmlFor="f-photo">{t("form.photos")}</label>
          <input
            id="f-photo"
            type="file"
            name={PHOTO_FIELD}
            accept="image/jpeg,image/png,image/webp"
            multiple
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              const big = files.filter((f) => f.size > data.limits.maxPhotoBytes).map((f) => f.name);
              setPhotoNote(
                files.length > data.limits.maxPhotos
                  ? t("common:photoErrors.tooMany", { max: data.limits.maxPhotos })
                  : big.length
                    ? t("common:photoErrors.tooLarge", {
                        name: big.join("、"),
                        mb: data.limits.maxPhotoBytes / 1048576,
                      })
                    : null,
              );
            }}
          />
          <p className="field__hint">
            {t("form.photosHint", { mb: data.limits.maxPhotoBytes / 1048576, max: data.limits.maxPhotos })}
          </p>
          {photoNote ? <p className="field__errors">{photoNote}</p> : null}
          <FieldErrors id="f-photo-error" errors={actionData?.photoErrors} />
          {actionData?.photosDropped ? <p className="field__hint">{t("form.photosAgain")}</p> : null}
        </div>
        <GpsField
          errors={[
            ...new Set([
              ...(fields.lat.errors ?? []),
              ...(fields.lng.errors ?? []),
              ...(fields.gpsAccuracy.errors ?? []),
            ]),
          ]}
        />
        <div className="btn-row activity-form__submit form-actions">
          <button type="submit" className="btn" disabled={submitting} data-testid="log-submit">
            {submitting ? t("form.saving") : t("new.submit")}
          </button>
          <span className="muted">{t("form.today", { date: data.today, lng: i18n.language })}</span>
        </div>
      </RequiredForm>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
