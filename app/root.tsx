import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useLoaderData,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ComponentType, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { AppShell } from "~/components/shell/app-shell";
import { BusyNotice } from "~/components/ui/busy-notice";
import { getUser } from "~/modules/access/guard.server";
import { navLinksOf } from "~/modules/access/nav";
import { shellUserOf } from "~/modules/access/types";
import { loadRestWhenIdle, namespacesOfRoutes, useLocaleResources } from "~/modules/i18n/client-resources";
import { appLocaleOf, defaultLocale } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { localeChunkUrls } from "~/modules/i18n/locale-chunk.server";
import { unreadNotificationCount } from "~/modules/notifications/queries.server";
import { regionLabel } from "~/modules/regions/label";
import appCss from "~/styles/app.css?url";
import tibetanCss from "~/styles/tibetan.css?url";

export const links: LinksFunction = () => [
  { rel: "icon", href: "data:," },
  { rel: "stylesheet", href: appCss },
  // The installable field app (issue 13): its manifest and home-screen icon.
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/icon-192.png" },
];

// why: without a link the shell keeps what it has (user, language) instead of failing the page on a refetch.
export const shouldRevalidate: ShouldRevalidateFunction = ({ defaultShouldRevalidate }) =>
  typeof navigator !== "undefined" && !navigator.onLine ? false : defaultShouldRevalidate;

export const handle = { i18n: ["common"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, lng] = await Promise.all([getUser(request), i18nServer.getLocale(request)]);
  const locale = appLocaleOf(lng);
  const unread = user ? (user.unreadNotifications ?? (await unreadNotificationCount(user.id))) : 0;
  const scopeName = !user
    ? ""
    : user.scope.kind === "region"
      ? regionLabel({ name: user.scope.regionName, nameBo: user.scope.regionNameBo }, locale)
      : user.scope.kind === "organization"
        ? user.scope.organizationName
        : user.scope.kind === "station"
          ? user.scope.facilityName
          : null;
  const shellUser = user ? shellUserOf(user) : null;
  return {
    user: shellUser,
    nav: shellUser ? navLinksOf(shellUser.roles) : null,
    locale,
    localeChunks: localeChunkUrls(locale),
    unread,
    scopeName,
    requestId: context?.requestId ?? null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const matches = useMatches();
  // why: once the page has hydrated (an effect), not while its own code is still arriving: the field app (service
  // worker, outbox, the code to queue a record offline) as its own chunk, and the rest of the language's strings.
  useEffect(() => {
    void import("~/modules/field/register.client").then((m) => m.startFieldApp());
    loadRestWhenIdle(i18n);
  }, [i18n]);
  // why: the language the page is rendered in, which after signing in to an account with another language is the old
  // one until that language's strings have arrived: <html lang> (and the font) change together with the text.
  const locale = appLocaleOf(i18n.language || data?.locale || defaultLocale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1f5f8b" />
        <Meta />
        <Links />
        {/* The strings the page's routes use, in the active language, fetched alongside the entry script. */}
        {namespacesOfRoutes(matches.map((m) => m.handle)).map((ns) =>
          data?.localeChunks[ns] ? (
            <link
              key={ns}
              rel="modulepreload"
              href={data.localeChunks[ns]}
              data-strings={`${data.locale}/${ns}`}
            />
          ) : null,
        )}
        {/* Only Tibetan pages need the Tibetan web font, and only on phones without one (see tibetan.css). */}
        {locale === "bo" ? <link rel="stylesheet" href={tibetanCss} /> : null}
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
  const { user, nav, locale, unread, scopeName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useLocaleResources(locale);
  if (!user || !nav) return <Outlet />;
  return (
    <AppShell user={user} nav={nav} scopeName={scopeName ?? t("scope.all")} unread={unread} locale={locale}>
      <FieldStatusAfterHydration />
      <Outlet />
    </AppShell>
  );
}

// why: the strip renders nothing until the device store has answered (and nothing on the server), so its code comes
// after the page is usable, from its own chunk; mounted, it reads the connection and the outbox afresh.
function FieldStatusAfterHydration() {
  const [Strip, setStrip] = useState<ComponentType | null>(null);
  useEffect(() => {
    void import("~/modules/field/components/status-bar").then((m) => setStrip(() => m.FieldStatusBar));
  }, []);
  return Strip ? <Strip /> : null;
}

export function ErrorBoundary() {
  return (
    <main className="shell__main">
      <GeneralErrorBoundary />
    </main>
  );
}
