import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NotAvailable } from "~/components/ui/not-available";
import { requirePermission } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta = pageTitle("common:nav.users");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:users");
  return null;
}

export default function Placeholder() {
  return <NotAvailable area="users" />;
}

export const ErrorBoundary = GeneralErrorBoundary;
