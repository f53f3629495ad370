import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { careProjectKinds } from "#db/schema/projects";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { createProject } from "~/modules/projects/mutations.server";
import { ProjectForm } from "~/modules/projects/project-form";
import { projectSchema } from "~/modules/projects/schemas";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";

export const handle = { i18n: ["common", "projects"] };
export const meta = pageTitle("projects:form.createTitle");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:project");
  return {
    formKey: newFormKey(),
    regions: await regionChoices(user),
    kinds: careProjectKinds,
    year: todayInShanghai().slice(0, 4),
  };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:project"),
  schema: projectSchema,
  write: createProject,
  redirectTo: (value) => `/projects/${value.id}?saved=1`,
});

export default function NewProject() {
  const { formKey, regions, kinds, year } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["projects", "common"]);
  return (
    <>
      <PageHeader title={t("form.createTitle")} />
      <ProjectForm
        lastResult={lastResult}
        formKey={formKey}
        regions={regions}
        kinds={kinds}
        defaultValue={{ startsOn: `${year}-01-01`, endsOn: `${year}-12-31` }}
        cancelTo="/projects"
        submitLabel={t("form.create")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
