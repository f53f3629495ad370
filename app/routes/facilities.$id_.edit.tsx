import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useTranslation } from "react-i18next";
import { FacilityForm } from "~/components/map/facility-form";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { facilityFormOptions } from "~/modules/facilities/form-options.server";
import { updateFacility } from "~/modules/facilities/mutations.server";
import { toFieldErrors } from "~/modules/facilities/problems";
import { getFacility } from "~/modules/facilities/queries.server";
import { facilityFormSchema } from "~/modules/facilities/schemas";
import { titleText } from "~/modules/i18n/meta";
import { newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import mapCss from "~/styles/map.css?url";
import { todayInShanghai } from "~/utils/dates";
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
  const user = await requirePermission(request, "write:facility");
  const facility = await getFacility({ user, id: idFrom(params.id) });
  if (!facility) notFound();
  const county = `${facility.townshipCode.slice(0, 6)}000000`;
  return {
    ...(await facilityFormOptions(user, county)),
    facility,
    formKey: newFormKey(),
    today: todayInShanghai(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:facility");
  const id = idFrom(params.id);
  const formData = await request.formData();
  const submission = parseForm(formData, facilityFormSchema);
  if (submission.status !== "success") return submission.reply();
  const outcome = await updateFacility({
    user,
    actor: auditActor(request, context, user),
    id,
    input: submission.value,
  });
  if (!outcome) notFound();
  if (!outcome.ok) return submission.reply({ fieldErrors: toFieldErrors(outcome.problems) });
  throw redirect(`/facilities/${id}?saved=1`);
}

export default function EditFacility() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["facilities", "common"]);
  const f = data.facility;
  return (
    <>
      <PageHeader
        title={t("edit.title", { name: f.name })}
        actions={
          <Link to={`/facilities/${f.id}`} className="btn btn--secondary">
            {t("common:actions.cancel")}
          </Link>
        }
      />
      <div className="card">
        <FacilityForm
          mode="edit"
          formKey={data.formKey}
          lastResult={lastResult}
          defaults={{
            kind: f.kind,
            name: f.name,
            townshipCode: f.townshipCode,
            address: f.address,
            lat: f.lat,
            lng: f.lng,
            coordQuality: f.coordQuality,
            capacity: f.capacity,
            staffCount: f.staffCount,
            serviceRadiusKm: f.serviceRadiusM / 1000,
            phone: f.phone,
            notes: f.notes,
          }}
          kinds={data.kinds}
          statuses={data.statuses}
          counties={data.counties}
          townships={data.townships}
          tiles={data.tiles}
          today={data.today}
        />
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
