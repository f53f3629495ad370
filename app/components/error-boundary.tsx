// One friendly error page for every route: per-status messages, the request id for anything unexpected.
import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type RootData = { requestId?: string } | undefined;

/** A 404 that says why (an unknown region code): `{ message: { key, values } }`, translated here. */
function explainedMessage(data: unknown): { key: string; values: Record<string, string | number> } | null {
  const message = (data as { message?: unknown } | null)?.message;
  return message && typeof message === "object" && typeof (message as { key?: unknown }).key === "string"
    ? (message as { key: string; values: Record<string, string | number> })
    : null;
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const root = useRouteLoaderData("root") as RootData;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // Without a link a page that needs the server is not broken, only unavailable: say so and offer the field app.
  if (status === 500 && typeof navigator !== "undefined" && !navigator.onLine)
    return (
      <section className="error-page" role="alert" data-testid="offline-unavailable">
        <h1>{t("fieldApp.offline.title")}</h1>
        <p>{t("fieldApp.offline.body")}</p>
        <p>
          {/* A document load: the service worker serves the field app's page without a link. */}
          <a href="/field" className="btn">
            {t("fieldApp.offline.open")}
          </a>
        </p>
      </section>
    );
  const explained = isRouteErrorResponse(error) ? explainedMessage(error.data) : null;
  const [title, body] =
    status === 404
      ? [t("errors.notFound"), explained ? t(explained.key, explained.values) : t("errors.notFoundBody")]
      : status === 403
        ? [t("errors.forbidden"), t("errors.forbiddenBody")]
        : status === 401
          ? [t("errors.unauthorized"), ""]
          : status === 413
            ? [t("errors.tooLarge"), t("errors.tooLargeBody")]
            : status === 400 && isRouteErrorResponse(error)
              ? [t("errors.title"), String(error.data ?? "")]
              : [t("errors.unexpected"), t("errors.unexpectedBody")];
  return (
    <section className="error-page" role="alert">
      <p className="error-page__status">{status}</p>
      <h1>{title}</h1>
      {body ? <p>{body}</p> : null}
      {status >= 500 && root?.requestId ? (
        <p className="muted">
          {t("errors.requestId")}: <code>{root.requestId}</code>
        </p>
      ) : null}
      <p>
        <Link to="/" className="btn">
          {t("errors.goHome")}
        </Link>
      </p>
    </section>
  );
}
