// CSV of the activities a list or calendar shows, with headers in the reader's language.
import type { SessionUser } from "~/modules/access/types";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { csvResponse } from "~/utils/csv.server";
import type { ActivityFilters } from "./filters";
import { activitiesForExport } from "./queries.server";

export async function activitiesCsv({
  user,
  filters,
  locale: request,
  filename = "activities",
}: {
  user: SessionUser;
  filters: ActivityFilters;
  locale: Request;
  filename?: string;
}): Promise<Response> {
  const t = await i18nServer.getFixedT(request, ["activities", "common"]);
  const rows = await activitiesForExport({ user, filters });
  const header = [
    "id",
    t("activities:fields.occurredOn"),
    t("activities:fields.subject"),
    t("activities:fields.organization"),
    t("activities:fields.contract"),
    t("activities:fields.kind"),
    t("activities:fields.participants"),
    t("activities:fields.personTimes"),
    t("activities:fields.hours"),
    t("activities:fields.peopleLinked"),
    t("activities:fields.photos"),
    t("activities:fields.summary"),
  ];
  const body = rows.map((r) => [
    r.id,
    r.occurredOn,
    r.subjectName,
    r.organizationName,
    r.contractCode,
    t(`common:enum.activityKind.${r.kind}`),
    r.participants,
    r.personTimes,
    Number(r.hours),
    r.people,
    r.photos,
    r.summary,
  ]);
  const range = [filters.from, filters.to].filter(Boolean).join("_");
  return csvResponse(`${filename}${range ? `-${range}` : ""}.csv`, header, body);
}
