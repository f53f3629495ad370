// Renders a component to its text the way the server renders a page: real strings of a language, a router for links.
// For checking what a page says about a figure without starting a browser.
import { createInstance } from "i18next";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { i18nServerConfig } from "~/modules/i18n/i18next.server";

/** The element's HTML and its visible text (tags dropped, whitespace collapsed). */
export async function renderWithStrings(element: ReactElement, lng = "zh-CN") {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nServerConfig, lng, initImmediate: false });
  const html = renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(MemoryRouter, null, element)),
  );
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { html, text };
}
