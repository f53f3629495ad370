import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fundingSourceKinds } from "#db/schema/funding";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { fundingSourceSchema } from "~/modules/funding/schemas";
import { SourceForm } from "~/modules/funding/source-form";
import { createFundingSource } from "~/modules/funding/sources.server";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";

export const handle = { i18n: ["common", "funding"] };
export const meta = pageTitle("funding:source.createTitle");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:funding");
  const regions = await regionChoices(user);
  return {
    formKey: newFormKey(),
    regions,
    kinds: fundingSourceKinds,
    defaults: {
      year: todayInShanghai().slice(0, 4),
      regionId: regions[0] ? String(regions[0].id) : undefined,
    },
  };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:funding"),
  schema: fundingSourceSchema,
  write: createFundingSource,
  redirectTo: (value) => `/funding/${value.id}?saved=1`,
});

export default function NewFundingSource() {
  const { formKey, regions, kinds, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["funding", "common"]);
  return (
    <>
      <PageHeader title={t("source.createTitle")} />
      <SourceForm
        lastResult={lastResult}
        formKey={formKey}
        regions={regions}
        kinds={kinds}
        defaultValue={defaults}
        cancelTo="/funding"
        submitLabel={t("source.create")}
      />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
