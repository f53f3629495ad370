// One facility: its card and facts, its status history, changing its status, and the map's moves and "surveyed".
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mapPageLinks } from "~/components/map/links";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import { FormErrors } from "~/components/ui/field";
import { StatusFlash } from "~/components/ui/flash";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { FacilityFacts } from "~/modules/facilities/components/facility-facts";
import { FacilityLocation } from "~/modules/facilities/components/facility-location";
import { StatusChangeForm, StatusHistory } from "~/modules/facilities/components/facility-status";
import {
  changeFacilityStatus,
  markFacilitySurveyed,
  moveFacility,
} from "~/modules/facilities/mutations.server";
import {
  facilityRowInScope,
  facilityStatusHistoryOf,
  getFacility,
} from "~/modules/facilities/queries.server";
import {
  allowedTransitions,
  type FacilityPageAction,
  facilityPageActionSchema,
} from "~/modules/facilities/schemas";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { type Message, parseForm, problemMessages } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import { mapRegions } from "~/modules/regions/queries.server";
import { FacilityWorkforce } from "~/modules/workforce/components/workforce-sections";
import { facilityWorkforce, yearToDate } from "~/modules/workforce/figures.server";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";
import { tileConfig } from "~/utils/map-tiles.server";

export const handle = { i18n: ["common", "facilities", "map", "workforce"] };
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.facility.name ?? "");
export const links = mapPageLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const facility = await getFacility({ user, id: routeId(params.id) });
  if (!facility) notFound();
  const [history, regions, workforce] = await Promise.all([
    facilityStatusHistoryOf(facility.id),
    mapRegions({ user, township: facility.townshipCode }),
    facilityWorkforce(facility.id, yearToDate(todayInShanghai())),
  ]);
  return {
    facility,
    history,
    counties: regions.counties,
    tiles: tileConfig(),
    transitions: allowedTransitions[facility.status as keyof typeof allowedTransitions],
    canEdit: userCan(user, "write:facility"),
    workforce,
    canStaff: userCan(user, "write:workforce"),
    countLinks: {
      people: userCan(user, "read:person"),
      visits: userCan(user, "read:visit"),
      contracts: userCan(user, "read:contract"),
    },
    formKey: newFormKey(),
    today: todayInShanghai(),
  };
}

/** The status form's reply, the errors of a move or "surveyed", or where a move put the facility (for the map). */
type ActionResult = {
  intent: FacilityPageAction["intent"];
  result?: FormResult;
  errors?: Message[];
  moved?: { lat: number; lng: number };
};

export const intents = intentList<FacilityPageAction["intent"]>()(["status", "location", "surveyed"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:facility");
  const facilityId = routeId(params.id);
  // Scope before the form: a facility out of scope is a 404 whatever was posted.
  if (!(await facilityRowInScope(user, facilityId))) notFound();
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  const submission = parseForm(formData, facilityPageActionSchema);
  if (submission.status !== "success")
    return intent === "location"
      ? data<ActionResult>({ intent: "location", errors: ["facilities:errors.badPoint"] })
      : data<ActionResult>({ intent: "status", result: submission.reply() });
  const actor = auditActor(request, context, user);
  const key = formKeyFrom(formData);
  const input = submission.value;
  if (input.intent === "location") {
    // Sent by the map (a fetcher): answers data, not a redirect.
    const moved = await moveFacility({ user, actor, key, facilityId, input });
    if (!moved) notFound();
    return moved.ok
      ? data<ActionResult>({ intent: "location", moved: { lat: moved.value.lat, lng: moved.value.lng } })
      : data<ActionResult>({ intent: "location", errors: problemMessages(moved) });
  }
  const outcome =
    input.intent === "surveyed"
      ? await markFacilitySurveyed({ user, actor, key, facilityId })
      : await changeFacilityStatus({ user, actor, key, facilityId, input });
  if (!outcome) notFound();
  if (!outcome.ok)
    return input.intent === "status"
      ? data<ActionResult>({ intent: "status", result: submission.reply(outcome) })
      : data<ActionResult>({ intent: input.intent, errors: problemMessages(outcome) });
  return redirect(`/facilities/${facilityId}?${input.intent}=1`);
}

const flashes = ["created", "saved", "status", "surveyed"] as const;

export default function FacilityPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["facilities", "map", "common"]);
  const [search] = useSearchParams();
  const f = data.facility;
  const flash = flashes.find((name) => search.has(name));
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
      <StatusFlash message={flash ? t(`flash.${flash}`) : null} />
      <FormErrors errors={actionData?.errors} />
      <div className="grid-2">
        <FacilityFacts
          facility={f}
          canEdit={data.canEdit}
          formKey={data.formKey}
          countLinks={data.countLinks}
        />
        <div>
          <FacilityLocation facility={f} counties={data.counties} tiles={data.tiles} />
          <FacilityWorkforce
            figures={data.workforce}
            facilityId={f.id}
            staffTarget={f.staffTarget}
            canManage={data.canStaff}
          />
          <StatusHistory history={data.history} />
          {data.canEdit && data.transitions.length ? (
            <StatusChangeForm
              transitions={data.transitions}
              isStation={f.kind === "social_work_station"}
              today={data.today}
              formKey={data.formKey}
              lastResult={actionData?.intent === "status" ? actionData.result : undefined}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
