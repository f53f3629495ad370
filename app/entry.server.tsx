import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { renderInstance } from "~/modules/i18n/render-instance.server";
import { logger } from "~/utils/logger.server";

export const streamTimeout = 10_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await renderInstance(await i18nServer.getLocale(request));
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
