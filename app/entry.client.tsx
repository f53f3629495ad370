import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { lazyStrings, loadLocaleResources, namespacesOfRoutes } from "~/modules/i18n/client-resources";
import { appLocaleOf, i18nConfig } from "~/modules/i18n/config";
import { retryWhenBusy } from "~/utils/busy-retry.client";

retryWhenBusy();

async function hydrate() {
  // why: the server decided the language; <html lang> carries it, so the first render matches. Only that language's
  // strings are fetched, never the other two, and first only the namespaces of the routes on the page (their modules
  // are imported before this entry runs; the server preloads the same chunks).
  const lng = appLocaleOf(document.documentElement.lang);
  const ns = namespacesOfRoutes(Object.values(window.__remixRouteModules ?? {}).map((m) => m?.handle));
  await i18next
    .use(initReactI18next)
    .use(lazyStrings)
    .init({
      ...i18nConfig,
      ns,
      lng,
      partialBundledLanguages: true,
      resources: await loadLocaleResources(lng, ns),
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate();
