// The words of a reminder in the recipient's language, rendered when it is delivered (so a user who switched
// language gets the new one). Payloads hold only masked names and villages, never ID numbers or phones.
// Templates are looked up once per language and kind and filled in directly: delivery renders many thousands.
import type { ReminderKind } from "#db/schema/visits";
import { resources } from "~/locales/resources";
import { daysBetween, todayInShanghai } from "~/utils/dates";
import { formatDate } from "~/utils/format";

export type RenderedReminder = { title: string; body: string; link: string | null };

type Payload = Record<string, unknown>;
type Lang = "zh-CN" | "en";

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
  const lng: Lang = locale === "en" ? "en" : "zh-CN";
  const texts = resources[lng].reminders;
  const common = resources[lng].common;
  const template = texts.message[kind];
  const ratio = (done: unknown, expected: unknown) =>
    expected == null ? texts.notMeasured : fill(texts.of, { done, expected });
  const visitKind = payload.visitKind as keyof typeof common.enum.visitKind | undefined;
  const params: Record<string, unknown> = {
    person: str(payload.personName),
    village: str(payload.villageName),
    station: str(payload.stationName),
    visitKind: visitKind ? (common.enum.visitKind[visitKind] ?? visitKind) : "",
    dueOn: payload.dueOn ? formatDate(str(payload.dueOn), lng) : "",
    days: payload.dueOn ? Math.max(0, daysBetween(str(payload.dueOn), today)) : 0,
    limit: payload.escalateAfterDays ?? "",
    code: str(payload.contractCode),
    contract: str(payload.contractTitle),
    organization: str(payload.organizationName),
    endsOn: payload.endsOn ? formatDate(str(payload.endsOn), lng) : "",
    activities: ratio(payload.activitiesDone, payload.activitiesExpected),
    personTimes: ratio(payload.personTimesDone, payload.personTimesExpected),
  };
  return {
    title: fill(template.title, params),
    body: fill(template.body, params),
    link: typeof payload.link === "string" ? payload.link : null,
  };
}
