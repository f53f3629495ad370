import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { StatusFlash } from "~/components/ui/flash";
import { PageHeader } from "~/components/ui/page-header";
import { requireUser } from "~/modules/access/guard.server";
import { accountOverview } from "~/modules/auth/account.server";
import { pageTitle } from "~/modules/i18n/meta";
import { formatDateTime } from "~/utils/format";

export const handle = { i18n: ["common", "auth"] };
export const meta = pageTitle("auth:account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { account: await accountOverview(user.id) };
}

export default function Account() {
  const { account } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["auth", "common"]);
  // Where changing one's password leads (routes/account.password.tsx): say that it worked.
  const [search] = useSearchParams();
  return (
    <>
      <PageHeader title={t("account.title")} subtitle={account.email} />
      <StatusFlash message={search.get("changed") === "password" ? t("account.passwordChanged") : null} />
      <div className="grid-2">
        <section className="card">
          <h2>{t("account.profile")}</h2>
          <dl className="facts">
            <dt>{t("account.name")}</dt>
            <dd>{account.name}</dd>
            <dt>{t("account.role")}</dt>
            <dd>{t(`common:roles.${account.role}`)}</dd>
            <dt>{t("account.sessions")}</dt>
            <dd>{account.sessions}</dd>
          </dl>
        </section>
        <section className="card">
          <h2>{t("account.security")}</h2>
          <dl className="facts">
            <dt>{t("account.password")}</dt>
            <dd>
              {t("account.changedAt", { at: formatDateTime(account.passwordChangedAt, i18n.language) })} ·{" "}
              <Link to="/account/password">{t("account.changePassword")}</Link>
            </dd>
            <dt>{t("twoFactor.title")}</dt>
            <dd>
              {account.totpEnabledAt ? (
                <Badge tone="good">{t("twoFactor.on")}</Badge>
              ) : (
                <Badge tone="warn">{t("twoFactor.off")}</Badge>
              )}{" "}
              <Link to="/account/two-factor">{t("twoFactor.manage")}</Link>
              {account.totpEnabledAt ? (
                <div className="muted">{t("twoFactor.codesLeft", { count: account.recoveryCodesLeft })}</div>
              ) : null}
              {account.totpRequired && !account.totpEnabledAt ? (
                <div className="muted">{t("twoFactor.requiredForRole")}</div>
              ) : null}
            </dd>
          </dl>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
