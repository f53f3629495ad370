import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NotAvailable } from "~/components/ui/not-available";
import { requirePermission } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta = pageTitle("common:nav.activities");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:activity");
  return null;
}

export default function Placeholder() {
  return <NotAvailable area="activities" />;
}

export const ErrorBoundary = GeneralErrorBoundary;
