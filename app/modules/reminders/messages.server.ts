// The words of a reminder in the recipient's language, rendered when it is delivered (so a user who switched
// language gets the new one). Payloads hold only masked names and villages, never ID numbers or phones.
// Templates are looked up once per language and kind and filled in directly: delivery renders many thousands.
import type { ReminderKind } from "#db/schema/visits";
import { resources } from "~/locales/resources.server";
import { behindMetrics, type MeasuredMetric, measuredMetrics } from "~/modules/contracts/deliverable-status";
import { appLocaleOf } from "~/modules/i18n/config";
import { daysBetween, todayInShanghai } from "~/utils/dates";
import { formatDate, formatDateTime, formatList, formatMonth } from "~/utils/format";

/**
 * The metrics a "deliverable behind" reminder names: those the scan judged behind, or for a reminder queued before
 * the scan stored them, the same judgement (deliverable-status.ts) on the figures it carries.
 */
function behindOf(payload: Payload): MeasuredMetric[] {
  if (Array.isArray(payload.behindMetrics))
    return measuredMetrics.filter((m) => (payload.behindMetrics as unknown[]).includes(m));
  const figures = (m: MeasuredMetric) => ({
    done: Number(payload[`${m}Done`] ?? 0),
    expected: payload[`${m}Expected`] == null ? null : Number(payload[`${m}Expected`]),
  });
  return behindMetrics({
    activities: figures("activities"),
    personTimes: figures("personTimes"),
    homeVisits: figures("homeVisits"),
  });
}

export type RenderedReminder = { title: string; body: string; link: string | null };

type Payload = Record<string, unknown>;
const str = (v: unknown) => (v == null ? "" : String(v));

function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => str(params[name]));
}

export function renderReminder(
  kind: ReminderKind,
  payload: Payload,
  locale: string,
  now: Date,
  today: string = todayInShanghai(now),
): RenderedReminder {
  const lng = appLocaleOf(locale);
  const texts = resources[lng].reminders;
  const common = resources[lng].common;
  // An event visit is overdue at its deadline, to the minute: "0 days overdue" would say nothing.
  const template =
    kind === "visit_overdue" && typeof payload.deadline === "string"
      ? texts.eventOverdue
      : texts.message[kind];
  const ratio = (done: unknown, expected: unknown) =>
    expected == null ? texts.notMeasured : fill(texts.of, { done, expected });
  const visitKind = payload.visitKind as keyof typeof common.enum.visitKind | undefined;
  const params: Record<string, unknown> = {
    person: str(payload.personName),
    village: str(payload.villageName),
    station: str(payload.stationName),
    visitKind: visitKind ? (common.enum.visitKind[visitKind] ?? visitKind) : "",
    dueOn: payload.dueOn ? formatDate(str(payload.dueOn), lng) : "",
    deadline: typeof payload.deadline === "string" ? formatDateTime(payload.deadline, lng) : "",
    days: payload.dueOn ? Math.max(0, daysBetween(str(payload.dueOn), today)) : 0,
    limit: payload.escalateAfterDays ?? "",
    code: str(payload.contractCode),
    contract: str(payload.contractTitle),
    organization: str(payload.organizationName),
    endsOn: payload.endsOn ? formatDate(str(payload.endsOn), lng) : "",
    month:
      typeof payload.month === "string"
        ? formatMonth(Number(payload.month.slice(0, 4)), Number(payload.month.slice(5, 7)), lng)
        : "",
    activities: ratio(payload.activitiesDone, payload.activitiesExpected),
    personTimes: ratio(payload.personTimesDone, payload.personTimesExpected),
    behind: formatList(
      behindOf(payload).map((m) =>
        fill(texts.metricOf, {
          metric: texts.metric[m],
          figures: ratio(payload[`${m}Done`], payload[`${m}Expected`]),
        }),
      ),
      lng,
    ),
  };
  const body = fill(template.body, params);
  return {
    title: fill(template.title, params),
    // A station with nobody to take it: the planner is told why the station's reminder reached them.
    body: payload.viaPlanners ? `${body}\n${fill(texts.viaPlanners, params)}` : body,
    link: typeof payload.link === "string" ? payload.link : null,
  };
}
