import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
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

  // why: no page defers data, so the shell is the whole page: it is rendered to the end and sent as one buffer. Streamed,
  // React's many small chunks each went through a web stream, zlib and a socket write — a quarter of a page's CPU.
  return new Promise<Response>((resolve, reject) => {
    let didError = false;
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(
          new Response(Buffer.concat(chunks), {
            headers: responseHeaders,
            status: didError ? 500 : responseStatusCode,
          }),
        );
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(abortTimer);
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          didError = true;
          logger.error({ err: error, requestId: loadContext?.requestId }, "render failed");
        },
      },
    );
    // why: for rendering stuck on data; the page is sent whole once rendered, so nothing is cut off mid-write.
    abortTimer = setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  if (request.signal.aborted) return;
  logger.error({ err: error, requestId: context?.requestId, url: request.url }, "unhandled error");
}
