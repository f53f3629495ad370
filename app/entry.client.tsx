import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/modules/i18n/config";
import { retryWhenBusy } from "~/utils/busy-retry.client";

retryWhenBusy();

async function hydrate() {
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    // why: the server decided the language; <html lang> carries it, so the first render matches.
    lng: document.documentElement.lang || i18nConfig.fallbackLng,
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
