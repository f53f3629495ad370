import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { AppShell } from "~/components/shell/app-shell";
import { BusyNotice } from "~/components/ui/busy-notice";
import { getUser } from "~/modules/access/guard.server";
import { shellUserOf } from "~/modules/access/types";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { unreadNotificationCount } from "~/modules/notifications/queries.server";
import appCss from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "icon", href: "data:," },
  { rel: "stylesheet", href: appCss },
];

export const handle = { i18n: ["common"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), i18nServer.getLocale(request)]);
  const unread = user ? (user.unreadNotifications ?? (await unreadNotificationCount(user.id))) : 0;
  const scopeName = !user
    ? ""
    : user.scope.kind === "region"
      ? user.scope.regionName
      : user.scope.kind === "organization"
        ? user.scope.organizationName
        : user.scope.kind === "station"
          ? user.scope.facilityName
          : null;
  return {
    user: user ? shellUserOf(user) : null,
    locale,
    unread,
    scopeName,
    requestId: context?.requestId ?? null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale = data?.locale ?? "zh-CN";
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <BusyNotice />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, locale, unread, scopeName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useChangeLanguage(locale);
  if (!user) return <Outlet />;
  return (
    <AppShell user={user} scopeName={scopeName ?? t("scope.all")} unread={unread} locale={locale}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <main className="shell__main">
      <GeneralErrorBoundary />
    </main>
  );
}
