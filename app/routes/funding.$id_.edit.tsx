import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fundingSourceKinds } from "#db/schema/funding";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requireEditable } from "~/modules/access/editable.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { fundingSourceSchema } from "~/modules/funding/schemas";
import { SourceForm } from "~/modules/funding/source-form";
import { getFundingSource, updateFundingSource } from "~/modules/funding/sources.server";
import { titleText } from "~/modules/i18n/meta";
import { editRecordAction } from "~/modules/kernel/form-action.server";
import { routeId } from "~/modules/kernel/search-params";
import contractsCss from "~/styles/contracts.css?url";

export const handle = { i18n: ["common", "funding"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.source.name ?? "");

const editable = (request: Request, id: number) =>
  requireEditable(
    request,
    "write:funding",
    (user) => getFundingSource({ user, id }),
    (s) => s.canManage,
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, row: source } = await editable(request, routeId(params.id));
  return { source, regions: await regionChoices(user), kinds: fundingSourceKinds };
}

export const action = editRecordAction({
  guard: editable,
  schema: fundingSourceSchema,
  write: (args, id) => updateFundingSource({ ...args, id }),
  redirectTo: (id) => `/funding/${id}?saved=1`,
});

export default function EditFundingSource() {
  const { source: s, regions, kinds } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["funding", "common"]);
  return (
    <>
      <PageHeader title={t("source.editTitle")} subtitle={s.name} />
      <SourceForm
        lastResult={lastResult}
        regions={regions}
        kinds={kinds}
        defaultValue={{
          name: s.name,
          kind: s.kind,
          donorProvince: s.donorProvince ?? undefined,
          year: String(s.year),
          regionId: String(s.regionId),
          total: (s.totalFen / 100).toFixed(2),
          notes: s.notes ?? undefined,
        }}
        cancelTo={`/funding/${s.id}`}
        submitLabel={t("common:actions.save")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
