// The words of a reminder in the recipient's language, rendered when it is delivered (so a user who switched
// language gets the new one). Payloads hold only masked names and villages, never ID numbers or phones.
import i18next, { type TFunction } from "i18next";
import type { ReminderKind } from "#db/schema/visits";
import { i18nConfig } from "~/modules/i18n/config";
import { daysBetween, todayInShanghai } from "~/utils/dates";
import { formatDate } from "~/utils/format";

const translators = new Map<string, TFunction>();

function translatorFor(locale: string): TFunction {
  const lng = locale === "en" ? "en" : "zh-CN";
  let t = translators.get(lng);
  if (!t) {
    const instance = i18next.createInstance();
    instance.init({ ...i18nConfig, lng, initImmediate: false });
    t = instance.t;
    translators.set(lng, t);
  }
  return t;
}

export type RenderedReminder = { title: string; body: string; link: string | null };

type Payload = Record<string, unknown>;

const str = (v: unknown) => (v == null ? "" : String(v));

export function renderReminder(
  kind: ReminderKind,
  payload: Payload,
  locale: string,
  now: Date,
): RenderedReminder {
  const t = translatorFor(locale);
  const lng = locale === "en" ? "en" : "zh-CN";
  const ratio = (done: unknown, expected: unknown) =>
    expected == null ? t("reminders:notMeasured") : t("reminders:of", { done, expected });
  const params: Record<string, unknown> = {
    person: str(payload.personName),
    village: str(payload.villageName),
    station: str(payload.stationName),
    visitKind: payload.visitKind ? t(`common:enum.visitKind.${payload.visitKind}`) : "",
    dueOn: payload.dueOn ? formatDate(str(payload.dueOn), lng) : "",
    days: payload.dueOn ? Math.max(0, daysBetween(str(payload.dueOn), todayInShanghai(now))) : 0,
    limit: payload.escalateAfterDays ?? "",
    code: str(payload.contractCode),
    contract: str(payload.contractTitle),
    organization: str(payload.organizationName),
    endsOn: payload.endsOn ? formatDate(str(payload.endsOn), lng) : "",
    activities: ratio(payload.activitiesDone, payload.activitiesExpected),
    personTimes: ratio(payload.personTimesDone, payload.personTimesExpected),
  };
  return {
    title: t(`reminders:message.${kind}.title`, params),
    body: t(`reminders:message.${kind}.body`, params),
    link: typeof payload.link === "string" ? payload.link : null,
  };
}
