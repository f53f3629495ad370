// 关于本系统: what this is, its version, who to ask and how personal data is kept. A page every signed-in user may
// open; it reads nothing beyond the session the shell already loads, which also makes it bench:load's floor page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requireUser } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { appVersion } from "~/utils/version.server";

export const handle = { i18n: ["common", "about"] };
export const meta = pageTitle("about:about.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { version: appVersion };
}

export default function About() {
  const { version } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["about", "common"]);
  return (
    <>
      <PageHeader title={t("about.title")} subtitle={t("appName")} />
      <section className="card">
        <dl className="facts">
          <dt>{t("about.version")}</dt>
          <dd data-testid="app-version">{version}</dd>
          <dt>{t("about.help")}</dt>
          <dd>{t("about.helpText")}</dd>
          <dt>{t("about.privacy")}</dt>
          <dd>{t("about.privacyText")}</dd>
          <dt>{t("about.offline")}</dt>
          <dd>{t("about.offlineText")}</dd>
        </dl>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
