// CSV export of the register: everything personal masked (GET); with a reason (POST), what the role may have in full —
// phones and addresses for station staff and planners, ID numbers for planners. Every export is written to the audit
// log with what it left in full and why.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { exportPeople, unmaskableFields } from "~/modules/people/export.server";
import { exportSchema, peopleFiltersFrom } from "~/modules/people/schemas";
import { csvResponse } from "~/utils/csv.server";
import { todayInShanghai } from "~/utils/dates";
import { badRequest, forbidden } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const { header, body } = await exportPeople({
    user,
    actor: auditActor(request, context, user),
    filters: peopleFiltersFrom(new URL(request.url).searchParams),
    locale: await i18nServer.getLocale(request),
  });
  return csvResponse(`people-${todayInShanghai()}.csv`, header, body);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const parsed = exportSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || parsed.data.unmasked !== "1") badRequest();
  if (unmaskableFields(user).length === 0) forbidden();
  if (!parsed.data.reason) badRequest("A reason is required to export personal data in full");
  const { header, body } = await exportPeople({
    user,
    actor: auditActor(request, context, user),
    filters: peopleFiltersFrom(new URL(request.url).searchParams),
    locale: await i18nServer.getLocale(request),
    reason: parsed.data.reason,
  });
  return csvResponse(`people-full-${todayInShanghai()}.csv`, header, body);
}
