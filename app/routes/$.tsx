import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { notFound } from "~/utils/http.server";

export const meta = pageTitle("common:errors.notFound");

/** Unknown paths: sign-in first (nothing is public), then a 404 inside the shell. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = GeneralErrorBoundary;
