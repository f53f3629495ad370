import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormButtons } from "~/components/ui/form-buttons";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/record-form";
import { requirePermission } from "~/modules/access/guard.server";
import { allocateFunds, allocationChoices } from "~/modules/funding/allocations.server";
import { allocationSchema } from "~/modules/funding/schemas";
import { pageTitle } from "~/modules/i18n/meta";
import { newRecordAction } from "~/modules/kernel/form-action.server";
import { newFormKey } from "~/modules/kernel/form-key";
import { idParam } from "~/modules/kernel/search-params";
import { useMessageForm } from "~/modules/kernel/use-form";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatWan } from "~/utils/format";

export const handle = { i18n: ["common", "funding", "contracts"] };
export const meta = pageTitle("funding:allocation.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:funding");
  const search = new URL(request.url).searchParams;
  const choices = await allocationChoices(user);
  return {
    formKey: newFormKey(),
    ...choices,
    defaults: {
      fundingSourceId: idParam(search, "sourceId")?.toString(),
      contractId: idParam(search, "contractId")?.toString(),
      allocatedOn: todayInShanghai(),
    },
    backTo: idParam(search, "contractId")
      ? `/contracts/${idParam(search, "contractId")}`
      : idParam(search, "sourceId")
        ? `/funding/${idParam(search, "sourceId")}`
        : "/funding",
  };
}

export const action = newRecordAction({
  guard: (request) => requirePermission(request, "write:funding"),
  schema: allocationSchema,
  write: allocateFunds,
  redirectTo: (_allocation, input) => `/contracts/${input.contractId}?done=allocate`,
});

export default function Allocate() {
  const { formKey, sources, contracts, defaults, backTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["funding", "contracts", "common"]);
  const [form, fields] = useMessageForm<
    Record<"fundingSourceId" | "contractId" | "amount" | "allocatedOn" | "note", string>
  >({
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <PageHeader title={t("allocation.title")} subtitle={t("allocation.subtitle")} />
      <PostForm form={form} schema={allocationSchema} formKey={formKey} className="form card">
        <FormSelect field={fields.fundingSourceId} label={t("allocation.source")}>
          <option value="">{t("source.choose")}</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id} disabled={s.totalFen - s.allocatedFen <= 0}>
              {s.name} ·{" "}
              {t("allocation.left", { left: formatWan(s.totalFen - s.allocatedFen, i18n.language) })}
            </option>
          ))}
        </FormSelect>
        <FormSelect field={fields.contractId} label={t("allocation.contract")}>
          <option value="">{t("source.choose")}</option>
          {contracts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} · {c.title}（{c.organizationName}
              {c.status === "draft" ? ` · ${t("common:enum.contractStatus.draft")}` : ""}）
            </option>
          ))}
        </FormSelect>
        <div className="grid-2">
          <FormInput
            field={fields.amount}
            label={t("allocation.amountYuan")}
            inputMode="decimal"
            autoComplete="off"
          />
          <FormInput field={fields.allocatedOn} type="date" label={t("allocation.date")} />
        </div>
        <FormInput field={fields.note} label={t("allocation.note")} hint={t("allocation.noteHint")} />
        <FormButtons submitLabel={t("allocation.submit")} cancelTo={backTo} />
      </PostForm>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
