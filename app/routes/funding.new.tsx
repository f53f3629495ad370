import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fundingSourceKinds } from "#db/schema/funding";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { auditActor } from "~/modules/audit/audit.server";
import { fundingSourceSchema } from "~/modules/funding/schemas";
import { SourceForm } from "~/modules/funding/source-form";
import { createFundingSource } from "~/modules/funding/sources.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { parseForm } from "~/modules/kernel/messages";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:funding");
  const formData = await request.formData();
  const submission = parseForm(formData, fundingSourceSchema);
  if (submission.status !== "success") return submission.reply();
  const result = await createFundingSource({
    user,
    actor: auditActor(request, context, user),
    key: formKeyFrom(formData),
    input: submission.value,
  });
  if (!result) notFound();
  if (!result.ok) return submission.reply(result);
  return redirect(`/funding/${result.value.id}?saved=1`);
}

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
