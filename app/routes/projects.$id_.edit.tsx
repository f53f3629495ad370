import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { careProjectKinds } from "#db/schema/projects";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { auditActor } from "~/modules/audit/audit.server";
import { titleText } from "~/modules/i18n/meta";
import { parseForm } from "~/modules/kernel/messages";
import { routeId } from "~/modules/kernel/search-params";
import { updateProject } from "~/modules/projects/mutations.server";
import { ProjectForm } from "~/modules/projects/project-form";
import { getProject } from "~/modules/projects/queries.server";
import { projectSchema } from "~/modules/projects/schemas";
import contractsCss from "~/styles/contracts.css?url";
import { forbidden, notFound } from "~/utils/http.server";

export const handle = { i18n: ["common", "projects"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.project.name ?? "");

async function editable(request: Request, id: number) {
  const user = await requirePermission(request, "write:project");
  const project = await getProject({ user, id });
  if (!project) notFound();
  if (!project.canEdit) forbidden();
  return { user, project };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await editable(request, routeId(params.id));
  return { project, regions: await regionChoices(user), kinds: careProjectKinds };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = routeId(params.id);
  const { user } = await editable(request, id);
  const formData = await request.formData();
  const submission = parseForm(formData, projectSchema);
  if (submission.status !== "success") return submission.reply();
  const result = await updateProject({
    user,
    actor: auditActor(request, context, user),
    id,
    input: submission.value,
  });
  if (!result) notFound();
  if (!result.ok) return submission.reply({ formErrors: result.formErrors, fieldErrors: result.fieldErrors });
  return redirect(`/projects/${id}?saved=1`);
}

export default function EditProject() {
  const { project: p, regions, kinds } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["projects", "common"]);
  return (
    <>
      <PageHeader title={t("form.editTitle")} subtitle={p.name} />
      <ProjectForm
        lastResult={lastResult}
        regions={regions}
        kinds={kinds}
        defaultValue={{
          code: p.code,
          name: p.name,
          kind: p.kind,
          regionId: String(p.regionId),
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          description: p.description ?? undefined,
        }}
        cancelTo={`/projects/${p.id}`}
        submitLabel={t("common:actions.save")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
