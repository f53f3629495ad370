// The language switch: one POST form to /locale with a button per language, so it works without JavaScript. The
// document reloads on purpose: the browser holds only the active language's strings and fetches the new one's.
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type AppLocale, supportedLocales } from "~/modules/i18n/config";

/** What the closed menu shows for the active language. */
const short: Record<AppLocale, string> = { "zh-CN": "中文", en: "EN", bo: "བོད" };

function LanguageButtons({ locale }: { locale: AppLocale }) {
  const { t } = useTranslation("common");
  const location = useLocation();
  return (
    <Form method="post" action="/locale" reloadDocument className="lang-switch">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {supportedLocales.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          className="btn btn--ghost btn--small"
          aria-current={l === locale ? "true" : undefined}
          data-locale={l}
        >
          {/* Each language is named in itself, whatever the page's language. */}
          {t(`language.${l}`)}
        </button>
      ))}
    </Form>
  );
}

/** In the header: a small menu (a <details>, so it opens without JavaScript). */
export function LanguageMenu({ locale }: { locale: AppLocale }) {
  const { t } = useTranslation("common");
  return (
    <details className="topbar__lang" data-testid="language-menu">
      <summary title={t("language.label")} aria-label={`${t("language.label")}: ${t(`language.${locale}`)}`}>
        <svg
          width="16"
          height="16"
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="12" cy="12" r="10" />
          <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" />
        </svg>
        <span lang={locale}>{short[locale]}</span>
      </summary>
      <div className="topbar__lang-menu">
        <LanguageButtons locale={locale} />
      </div>
    </details>
  );
}

/** On the sign-in page: the three languages side by side. */
export function LanguageRow({ locale }: { locale: AppLocale }) {
  return (
    <div className="auth-lang">
      <LanguageButtons locale={locale} />
    </div>
  );
}
