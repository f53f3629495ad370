// Editing a care project: planners of the region it belongs to.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { careProjectKinds } from "#db/schema/projects";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requireEditable } from "~/modules/access/editable.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { titleText } from "~/modules/i18n/meta";
import { editRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { updateProject } from "~/modules/projects/mutations.server";
import { ProjectForm, projectFormValues } from "~/modules/projects/project-form";
import { getProject } from "~/modules/projects/queries.server";
import { projectSchema } from "~/modules/projects/schemas";
import contractsCss from "~/styles/contracts.css?url";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "projects"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.project.name ?? "");

const editable = (request: Request, id: number) =>
  requireEditable(
    request,
    "write:project",
    (user) => getProject({ user, id }),
    (p) => p.canEdit,
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, row: project } = await editable(request, routeId(params.id));
  return { project, regions: await regionChoices(user), kinds: careProjectKinds, formKey: newFormKey() };
}

export const action = editRecordAction({
  guard: editable,
  schema: projectSchema,
  write: (args, projectId) => updateProject({ ...args, projectId }),
  redirectTo: (id) => `/projects/${id}?saved=1`,
});

export default function EditProject() {
  const { project: p, regions, kinds, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["projects", "common"]);
  return (
    <>
      <PageHeader title={t("form.editTitle")} subtitle={p.name} />
      <ProjectForm
        lastResult={lastResult}
        formKey={formKey}
        regions={regions}
        kinds={kinds}
        defaultValue={projectFormValues(p)}
        cancelTo={`/projects/${p.id}`}
        submitLabel={t("common:actions.save")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
