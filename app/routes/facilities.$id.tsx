import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useTranslation } from "react-i18next";
import { LazyStationMap } from "~/components/map/lazy-station-map";
import { StationCard } from "~/components/map/station-card";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import { FormErrors, SelectField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import {
  changeFacilityStatus,
  markFacilitySurveyed,
  moveFacility,
} from "~/modules/facilities/mutations.server";
import { FieldProblems, toFieldErrors } from "~/modules/facilities/problems";
import {
  facilityRowInScope,
  facilityStatusHistoryOf,
  getFacility,
} from "~/modules/facilities/queries.server";
import {
  allowedTransitions,
  locationSchema,
  statusChangeSchema,
  surveyedSchema,
} from "~/modules/facilities/schemas";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { runOnce } from "~/modules/kernel/idempotency.server";
import { parseForm } from "~/modules/kernel/messages";
import { useMessageForm } from "~/modules/kernel/use-form";
import { tileConfig } from "~/modules/map/queries.server";
import { mapRegions } from "~/modules/regions/queries.server";
import mapCss from "~/styles/map.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "facilities", "map"] };
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.facility.name ?? "");
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: mapCss },
];

function idFrom(param: string | undefined): number {
  return routeId(param);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const facility = await getFacility({ user, id: idFrom(params.id) });
  if (!facility) notFound();
  const [history, regions] = await Promise.all([
    facilityStatusHistoryOf(facility.id),
    mapRegions({ user, township: facility.townshipCode }),
  ]);
  return {
    facility,
    history,
    counties: regions.counties,
    tiles: tileConfig(),
    transitions: allowedTransitions[facility.status as keyof typeof allowedTransitions],
    canEdit: userCan(user, "write:facility"),
    formKey: newFormKey(),
    today: todayInShanghai(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:facility");
  const id = idFrom(params.id);
  // Scope before the form: a facility out of scope is a 404 whatever was posted.
  if (!(await facilityRowInScope(user, id))) notFound();
  const actor = auditActor(request, context, user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "location") {
    // Sent by the map (a fetcher): answers data, not a redirect.
    const submission = parseForm(formData, locationSchema);
    if (submission.status !== "success")
      return {
        intent,
        ok: false as const,
        problems: [{ field: "lat", error: "facilities:errors.badPoint" }],
      };
    const outcome = await moveFacility({ user, actor, id, ...submission.value });
    if (!outcome) notFound();
    return outcome.ok
      ? { intent, ok: true as const, lat: outcome.value.lat, lng: outcome.value.lng }
      : { intent, ok: false as const, problems: outcome.problems };
  }
  if (intent === "surveyed") {
    parseForm(formData, surveyedSchema);
    const outcome = await markFacilitySurveyed({ user, actor, id });
    if (!outcome) notFound();
    if (!outcome.ok) return { intent, ok: false as const, problems: outcome.problems };
    throw redirect(`/facilities/${id}?surveyed=1`);
  }
  const submission = parseForm(formData, statusChangeSchema);
  if (submission.status !== "success") return { intent: "status", ...submission.reply() };
  const key = formKeyFrom(formData);
  if (!key) return { intent: "status", ...submission.reply({ formErrors: ["validation.formExpired"] }) };
  try {
    await runOnce({ key, userId: user.id, action: "facility.status" }, async (tx) => {
      const outcome = await changeFacilityStatus({ tx, user, actor, id, ...submission.value });
      if (!outcome) notFound();
      if (!outcome.ok) throw new FieldProblems(outcome.problems);
      return outcome.value;
    });
  } catch (error) {
    if (error instanceof FieldProblems)
      return { intent: "status", ...submission.reply({ fieldErrors: toFieldErrors(error.problems) }) };
    throw error;
  }
  throw redirect(`/facilities/${id}?status=1`);
}

export default function FacilityPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["facilities", "map", "common"]);
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const f = data.facility;
  const lang = i18n.language;
  const statusResult =
    actionData && actionData.intent === "status" && "status" in actionData ? actionData : undefined;
  const [form, fields] = useMessageForm<{ toStatus: string; effectiveOn: string; note: string }>({
    lastResult: statusResult as never,
    shouldValidate: "onSubmit",
    defaultValue: { toStatus: data.transitions[0], effectiveOn: data.today },
  });
  const flash = search.has("created")
    ? t("flash.created")
    : search.has("saved")
      ? t("flash.saved")
      : search.has("status")
        ? t("flash.status")
        : search.has("surveyed")
          ? t("flash.surveyed")
          : null;
  const otherProblems =
    actionData && "problems" in actionData && actionData.ok === false
      ? (actionData.problems ?? []).map((p) => p.error)
      : null;

  return (
    <>
      <PageHeader
        title={f.name}
        subtitle={
          <>
            {t(`common:enum.facilityKind.${f.kind}`)} · <code>{f.code}</code> ·{" "}
            <Badge tone={facilityStatusTone[f.status]}>{t(`common:enum.facilityStatus.${f.status}`)}</Badge>
          </>
        }
        actions={
          <>
            <Link to={`/map?township=${f.townshipCode}`} className="btn btn--secondary">
              {t("detail.onMap")}
            </Link>
            {data.canEdit ? (
              <Link to={`/facilities/${f.id}/edit`} className="btn">
                {t("common:actions.edit")}
              </Link>
            ) : null}
          </>
        }
      />
      {flash ? (
        <p className="flash" role="status">
          {flash}
        </p>
      ) : null}
      <FormErrors errors={otherProblems} />
      <div className="grid-2">
        <div>
          <StationCard card={f} linkToPage={false} />
          <section className="card">
            <h2>{t("detail.facts")}</h2>
            <dl className="facts">
              <dt>{t("fields.address")}</dt>
              <dd>{f.address ?? "—"}</dd>
              <dt>{t("fields.village")}</dt>
              <dd>{f.villageName ?? "—"}</dd>
              <dt>{t("fields.capacity")}</dt>
              <dd>{formatNumber(f.capacity, lang)}</dd>
              <dt>{t("fields.serviceRadiusKm")}</dt>
              <dd>{formatNumber(f.serviceRadiusM / 1000, lang, 1)}</dd>
              <dt>{t("fields.phone")}</dt>
              <dd>{f.phone ?? "—"}</dd>
              <dt>{t("detail.contract")}</dt>
              <dd>{f.contractCode ?? "—"}</dd>
              <dt>
                {t("fields.lat")} / {t("fields.lng")}
              </dt>
              <dd data-testid="facility-point">
                {f.lat != null && f.lng != null
                  ? `${f.lat.toFixed(6)}, ${f.lng.toFixed(6)}`
                  : t("detail.noPoint")}{" "}
                <span className="muted">({t(`common:coordQuality.${f.coordQuality}`)})</span>
              </dd>
              <dt>{t("fields.notes")}</dt>
              <dd style={{ whiteSpace: "pre-wrap" }}>{f.notes ?? "—"}</dd>
            </dl>
            {data.canEdit && f.lat != null && f.coordQuality !== "surveyed" ? (
              <Form method="post" className="btn-row" style={{ marginTop: "0.75rem" }}>
                <input type="hidden" name="intent" value="surveyed" />
                <button type="submit" className="btn btn--secondary btn--small">
                  {t("detail.markSurveyed")}
                </button>
                <span className="field__hint">{t("detail.markSurveyedHint")}</span>
              </Form>
            ) : null}
          </section>
        </div>
        <div>
          {f.lat != null && f.lng != null ? (
            <div className="station-map--small-wrap card card--flush">
              <LazyStationMap
                loadingLabel={t("map:loading")}
                points={[[f.id, f.lng, f.lat, 0, 0, f.coordQuality === "surveyed" ? 1 : 0]]}
                kinds={[f.kind]}
                statuses={[f.status]}
                counties={data.counties}
                townships={[]}
                suggestions={[]}
                tiles={data.tiles}
                fitKey={String(f.id)}
                selectedId={f.id}
                onSelect={() => {}}
                editing={null}
                onEditMove={() => {}}
                labels={{
                  counties: t("map:layers.counties"),
                  coverage: t("map:layers.coverage"),
                  stations: t("map:layers.stations"),
                  suggestions: t("map:layers.suggestions"),
                  coverageState: { covered_contract: "", covered: "", building: "", uncovered: "" },
                  approximateArea: "",
                  clusterOf: (count) => String(count),
                  suggestion: () => "",
                  dragHint: "",
                }}
              />
            </div>
          ) : null}
          <section className="card" data-testid="status-history">
            <h2>{t("detail.history")}</h2>
            <ol className="history-list">
              {data.history.map((h) => (
                <li key={h.id}>
                  <strong>{formatDate(h.effectiveOn, lang)}</strong> ·{" "}
                  {h.fromStatus ? `${t(`common:enum.facilityStatus.${h.fromStatus}`)} → ` : ""}
                  <Badge tone={facilityStatusTone[h.toStatus]}>
                    {t(`common:enum.facilityStatus.${h.toStatus}`)}
                  </Badge>
                  {h.note ? <div>{h.note}</div> : null}
                  <div className="muted" style={{ fontSize: "0.8rem" }}>
                    {h.changedBy ? `${h.changedBy} · ` : ""}
                    {formatDateTime(h.createdAt, lang)}
                  </div>
                </li>
              ))}
            </ol>
          </section>
          {data.canEdit && data.transitions.length ? (
            <section className="card">
              <h2>{t("detail.changeStatus")}</h2>
              <Form method="post" className="form" {...getFormProps(form)} data-testid="status-form">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="_key" value={data.formKey} />
                <FormErrors errors={form.errors} />
                <div className="grid-2">
                  <SelectField
                    label={t("fields.newStatus")}
                    {...getSelectProps(fields.toStatus)}
                    key={fields.toStatus.key}
                    errors={fields.toStatus.errors}
                  >
                    {data.transitions.map((s) => (
                      <option key={s} value={s}>
                        {t(`common:enum.facilityStatus.${s}`)}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label={t("fields.effectiveOn")}
                    {...getInputProps(fields.effectiveOn, { type: "date" })}
                    key={fields.effectiveOn.key}
                    errors={fields.effectiveOn.errors}
                    max={data.today}
                  />
                </div>
                <TextField
                  label={t("fields.statusNote")}
                  {...getInputProps(fields.note, { type: "text" })}
                  key={fields.note.key}
                  errors={fields.note.errors}
                />
                <div className="btn-row">
                  <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                    {t("detail.applyStatus")}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
