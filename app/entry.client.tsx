import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { loadLocaleResources } from "~/modules/i18n/client-resources";
import { appLocaleOf, i18nConfig } from "~/modules/i18n/config";
import { retryWhenBusy } from "~/utils/busy-retry.client";

retryWhenBusy();

async function hydrate() {
  // why: the server decided the language; <html lang> carries it, so the first render matches. Only that language's
  // strings are fetched (one chunk), never the other two.
  const lng = appLocaleOf(document.documentElement.lang);
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng,
    resources: await loadLocaleResources(lng),
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
  // The field app (service worker, outbox sending) loads after the page is usable, as its own chunk.
  void import("~/modules/field/register.client").then((m) => m.startFieldApp());
}

hydrate();
