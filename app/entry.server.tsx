import { PassThrough } from "node:stream";
import { type AppLoadContext, createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { i18nServer, i18nServerConfig } from "~/modules/i18n/i18next.server";
import { logger } from "~/utils/logger.server";

export const streamTimeout = 10_000;

/**
 * One initialised i18next instance per language, shared by every render in that language: the resources are bundled
 * and a render never changes the language, so creating and initialising an instance per request (~7 ms) bought nothing.
 */
const instances = new Map<string, Promise<i18n>>();
function i18nFor(lng: string): Promise<i18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nServerConfig, lng })
      .then(() => {
        // why: i18next canonicalises "zh-CN" with Intl.getCanonicalLocales on every t() call (~3 ms a page).
        const utils = created.services.languageUtils as { formatLanguageCode: (code: string) => string };
        const format = utils.formatLanguageCode.bind(utils);
        const known = new Map<string, string>();
        utils.formatLanguageCode = (code: string) => {
          let formatted = known.get(code);
          if (formatted === undefined) {
            formatted = format(code);
            if (typeof code === "string") known.set(code, formatted);
          }
          return formatted;
        };
        return created;
      });
    instances.set(lng, instance);
  }
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await i18nFor(await i18nServer.getLocale(request));
  const nonce = loadContext?.cspNonce ?? "";
  const readyEvent = isbot(request.headers.get("user-agent")) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let didError = false;
    // why: the timeout is for rendering stuck on data; once everything is rendered, aborting would only cut off a
    // response still being written to a slow (or, under load, merely queued) connection.
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    let allRendered = false;
    const rendered = () => {
      allRendered = true;
      clearTimeout(abortTimer);
    };
    const ready = () => {
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: didError ? 500 : responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        ...(readyEvent === "onAllReady"
          ? {
              onAllReady: () => {
                rendered();
                ready();
              },
            }
          : { onShellReady: ready, onAllReady: rendered }),
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          didError = true;
          logger.error({ err: error, requestId: loadContext?.requestId }, "render failed");
        },
      },
    );
    if (!allRendered) abortTimer = setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  if (request.signal.aborted) return;
  logger.error({ err: error, requestId: context?.requestId, url: request.url }, "unhandled error");
}
