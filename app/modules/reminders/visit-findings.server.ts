// Findings about open visits: due soon, follow-up due, overdue, and escalated. Dated reminders go out at the send
// time of their day; an event visit (within 24 hours of a fire, an illness, a death) is overdue at its exact deadline.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, people, type ReminderKind, regions, reminders, visits } from "#db/schema";
import { maskPersonName } from "~/modules/kernel/masking";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { queryRows } from "~/utils/db.server";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import { literalEq, literalNe } from "~/utils/sql-literals";
import type { Findings, GapReason, ScanContext } from "./findings";
import { type Recipient, stationCircles, usersAsRecipients } from "./recipients.server";
import { routeVisit } from "./routing";

type VisitCandidate = {
  id: number;
  kind: "routine" | "follow_up" | "event";
  due_on: string;
  /** An event visit's exact deadline (scheduled_at), in ms. */
  deadline_ms: number | null;
  station_id: number;
  assigned_user_id: number | null;
  full_name: string;
  village_name: string;
  station_name: string;
  done_kinds: string[] | null;
};

const DAY_MS = 86_400_000;

const visit = alias(visits, "v");
const person = alias(people, "p");
const village = alias(regions, "vil");
const station = alias(facilities, "f");
const planned = alias(reminders, "r");

/** Findings about open visits, optionally only some visits (a mutation plans reminders for what it touched). */
export async function visitFindings(
  { db, now, settings }: ScanContext,
  visitIds?: number[],
): Promise<Findings> {
  if (visitIds && visitIds.length === 0) return { findings: [], gaps: [] };
  const today = todayInShanghai(now);
  const windowEnd = new Date(now.getTime() + settings.windowMs);
  const horizon = addDaysToDate(todayInShanghai(windowEnd), settings.dueWithinDays);
  const only: SQL = visitIds
    ? sql`and ${visit.id} in (${sql.join(
        visitIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const candidates = await queryRows<VisitCandidate>(
    db,
    sql`
    select ${visit.id}, ${visit.kind}, ${visit.dueOn}::text as due_on, ${visit.stationId}, ${visit.assignedUserId},
           case when ${literalEq(visit.kind, "event")} then (extract(epoch from ${visit.scheduledAt}) * 1000)::float8 end
             as deadline_ms,
           ${person.fullName}, ${village.name} as village_name, ${station.name} as station_name,
           array(select distinct ${planned.kind} from ${reminders} ${planned}
                  where ${literalEq(planned.subjectType, "visit")} and ${planned.subjectId} = ${visit.id}
                    and ${planned.payload}->>'occurrence' = ${visit.dueOn}::text and ${literalNe(planned.status, "cancelled")}) as done_kinds
      from ${visits} ${visit}
      join ${people} ${person} on ${person.id} = ${visit.personId} and ${literalEq(person.status, "active")}
      join ${regions} ${village} on ${village.id} = ${person.villageId}
      join ${facilities} ${station} on ${station.id} = ${visit.stationId}
     where ${literalEq(visit.status, "scheduled")} and ${visit.dueOn} <= ${horizon} ${only}`,
  );
  if (candidates.length === 0) return { findings: [], gaps: [] };
  const instants = new Map<string, Date>();
  const at = (date: string) => {
    let instant = instants.get(date);
    if (!instant) {
      instant = shanghaiInstant(date, settings.sendTime);
      instants.set(date, instant);
    }
    return instant;
  };
  const shifted = new Map<string, string>();
  const plusDays = (date: string, days: number) => {
    const key = `${date}|${days}`;
    let value = shifted.get(key);
    if (!value) {
      value = addDaysToDate(date, days);
      shifted.set(key, value);
    }
    return value;
  };
  const later = (a: Date) => (a.getTime() > now.getTime() ? a : now);
  const circles = await stationCircles(db, [...new Set(candidates.map((c) => c.station_id))]);
  const assignees = await usersAsRecipients(
    db,
    candidates.map((c) => c.assigned_user_id).filter((id): id is number => id !== null),
  );
  const result: Findings = { findings: [], gaps: [] };
  for (const v of candidates) {
    const done = new Set(v.done_kinds ?? []);
    const route = routeVisit({
      stationId: v.station_id,
      circle: circles.get(v.station_id) ?? { heads: [], staff: [], plannerLevels: [] },
      assignee: v.assigned_user_id ? assignees.get(v.assigned_user_id) : undefined,
    });
    const deadline = v.kind === "event" && v.deadline_ms !== null ? new Date(v.deadline_ms) : null;
    const link = `/visits/${v.id}`;
    const payload = {
      visitKind: v.kind,
      dueOn: v.due_on,
      ...(deadline ? { deadline: deadline.toISOString() } : {}),
      personName: maskPersonName(v.full_name),
      villageName: v.village_name,
      stationName: v.station_name,
      link,
      ...(route.viaPlanners ? { viaPlanners: true } : {}),
    };
    const add = (
      kind: ReminderKind,
      sendAt: Date,
      recipients: Recipient[],
      { extra = {}, gap = "no_recipient" }: { extra?: Record<string, unknown>; gap?: GapReason } = {},
    ) => {
      if (done.has(kind) || sendAt > windowEnd) return;
      if (recipients.length === 0) {
        result.gaps.push({
          kind,
          subjectType: "visit",
          subjectId: v.id,
          reason: gap,
          about: v.station_name,
          link,
        });
        return;
      }
      result.findings.push({
        kind,
        subjectType: "visit",
        subjectId: v.id,
        occurrence: v.due_on,
        sendAt: later(sendAt),
        recipients,
        payload: { ...payload, ...extra },
        linkPermission: "read:visit",
      });
    };
    if (v.due_on >= today) {
      const dueSoon = at(plusDays(v.due_on, -settings.dueWithinDays));
      if (v.kind === "follow_up") add("follow_up_due", dueSoon, route.overdue);
      else add("visit_due", dueSoon, route.due);
    }
    // A dated visit is overdue once its day is over; an event visit at its deadline, to the minute.
    add("visit_overdue", deadline ?? at(plusDays(v.due_on, 1)), route.overdue);
    add(
      "visit_escalation",
      deadline
        ? new Date(deadline.getTime() + settings.escalateAfterDays * DAY_MS)
        : at(plusDays(v.due_on, settings.escalateAfterDays + 1)),
      route.escalation,
      {
        extra: { escalateAfterDays: settings.escalateAfterDays },
        gap: route.overdue.length ? "no_higher_level" : "no_recipient",
      },
    );
  }
  return result;
}
