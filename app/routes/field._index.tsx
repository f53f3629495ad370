// The field app (外出走访, the installed app's start page): visits taken to the village, recording them without a
// link, and the outbox. Its views are search parameters of this one route, so it works offline as a whole.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  type ClientActionFunctionArgs,
  type ClientLoaderFunctionArgs,
  useActionData,
  useLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { requireUser } from "~/modules/access/guard.server";
import { FieldHome } from "~/modules/field/components/field-home";
import { FieldVisit, OutboxItemView } from "~/modules/field/components/field-visit";
import { type FieldActionData, fieldAction, loadFieldView } from "~/modules/field/field-app";
import { pageTitle } from "~/modules/i18n/meta";
import fieldCss from "~/styles/field.css?url";
import visitsCss from "~/styles/visits.css?url";

export const handle = { i18n: ["common", "field", "visits", "people", "activities"] };
export const meta = pageTitle("common:fieldApp.title");
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: visitsCss },
  { rel: "stylesheet", href: fieldCss },
];
export const headers = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

// The page's data is on the device: the server only signs the document in (and renders the shell).
export async function clientLoader({ request }: ClientLoaderFunctionArgs) {
  return { view: await loadFieldView(request) };
}
clientLoader.hydrate = true as const;

export const clientAction = ({ request }: ClientActionFunctionArgs) => fieldAction(request);

export function HydrateFallback() {
  const { t } = useTranslation("field");
  return <p className="muted">{t("loading")}</p>;
}

export default function FieldApp() {
  const { view } = useLoaderData<typeof clientLoader>();
  const actionData = useActionData<FieldActionData>();
  const { t } = useTranslation(["field", "common"]);
  const result = actionData && "result" in actionData ? actionData.result : undefined;
  const inner = view.visitId !== null || view.item !== null;
  return (
    <div className="field-app">
      <PageHeader
        title={t("common:fieldApp.title")}
        subtitle={view.online ? t("subtitle") : t("common:fieldApp.status.offline")}
        actions={inner ? <BackButton to="/field" /> : null}
      />
      {view.visitId !== null ? (
        <FieldVisit view={view} lastResult={result} />
      ) : view.item ? (
        <OutboxItemView view={view} lastResult={result} />
      ) : (
        <FieldHome view={view} actionData={actionData} />
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
