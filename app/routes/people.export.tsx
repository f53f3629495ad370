// CSV export of the register: ID numbers and phones masked by default (GET); planners may ask for full ID numbers
// with a reason (POST). Every export is written to the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { exportPeople } from "~/modules/people/export.server";
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
  if (!parsed.success) badRequest();
  const unmasked = parsed.data.unmasked === "1";
  if (unmasked && !userCan(user, "export:person_unmasked")) forbidden();
  if (unmasked && !parsed.data.reason) badRequest("A reason is required to export full ID numbers");
  const { header, body } = await exportPeople({
    user,
    actor: auditActor(request, context, user),
    filters: peopleFiltersFrom(new URL(request.url).searchParams),
    locale: await i18nServer.getLocale(request),
    unmasked,
    reason: parsed.data.reason ?? null,
  });
  return csvResponse(`people-${unmasked ? "full-" : ""}${todayInShanghai()}.csv`, header, body);
}
