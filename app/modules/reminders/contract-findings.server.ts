// Findings about active contracts: ending within N days (once per end date), and deliverables behind schedule (at most
// once a month). Planners of the covering regions and the organization hear of both; an organization nobody can reach
// (no staff account, a contact with only a phone) is reported as a gap rather than left out silently.
import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { contracts, organizations, reminders } from "#db/schema";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import { literalNe } from "~/utils/sql-literals";
import type { Finding, Findings, ReminderGap, ScanContext } from "./findings";
import { contractCircles } from "./recipients.server";
import { uniqueRecipients } from "./routing";

export async function contractFindings({ db, now, settings }: ScanContext): Promise<Findings> {
  const today = todayInShanghai(now);
  const windowEnd = new Date(now.getTime() + settings.windowMs);
  const active = await db
    .select({
      id: contracts.id,
      code: contracts.code,
      title: contracts.title,
      endsOn: contracts.endsOn,
      organizationName: organizations.name,
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(and(eq(contracts.status, "active"), lte(contracts.startsOn, today), gte(contracts.endsOn, today)));
  if (active.length === 0) return { findings: [], gaps: [] };
  const ids = active.map((c) => c.id);
  const [circles, progress, existing] = await Promise.all([
    contractCircles(db, ids),
    deliverableProgress(ids, { asOf: today, db }),
    db
      .select({
        subjectId: reminders.subjectId,
        kind: reminders.kind,
        occurrence: sql<string>`${reminders.payload}->>'occurrence'`,
      })
      .from(reminders)
      .where(
        and(
          eq(reminders.subjectType, "contract"),
          inArray(reminders.subjectId, ids),
          literalNe(reminders.status, "cancelled"),
        ),
      )
      .groupBy(reminders.subjectId, reminders.kind, sql`${reminders.payload}->>'occurrence'`),
  ]);
  const done = new Set(existing.map((e) => `${e.subjectId}:${e.kind}:${e.occurrence}`));
  const month = today.slice(0, 7);
  const result: Findings = { findings: [], gaps: [] };
  for (const c of active) {
    const circle = circles.get(c.id) ?? { planners: [], organization: [], contactPhoneOnly: false };
    const link = `/contracts/${c.id}`;
    const payload = {
      contractCode: c.code,
      contractTitle: c.title,
      organizationName: c.organizationName,
      endsOn: c.endsOn,
      link,
    };
    const recipients = uniqueRecipients([...circle.planners, ...circle.organization]);
    // Staff accounts always get the in-app reminder; a contact without an account only by email.
    const organizationReached = circle.organization.some((r) => r.kind === "user" || settings.smtpUrl);
    const due: Finding[] = [];
    const endingFrom = shanghaiInstant(
      addDaysToDate(c.endsOn, -settings.contractEndingDays),
      settings.sendTime,
    );
    if (endingFrom <= windowEnd) {
      due.push({
        kind: "contract_ending",
        subjectType: "contract",
        subjectId: c.id,
        occurrence: c.endsOn,
        sendAt: endingFrom > now ? endingFrom : now,
        recipients,
        payload,
        linkPermission: "read:contract",
      });
    }
    const p = progress.get(c.id);
    if (p?.behind) {
      due.push({
        kind: "deliverable_behind",
        subjectType: "contract",
        subjectId: c.id,
        occurrence: month,
        sendAt: now,
        recipients,
        payload: {
          ...payload,
          // The metrics behind, judged once here by deliverable-status.ts; the text names these and no others.
          behindMetrics: p.behindMetrics,
          activitiesDone: p.activities.done,
          activitiesExpected: p.activities.expected,
          personTimesDone: p.personTimes.done,
          personTimesExpected: p.personTimes.expected,
          homeVisitsDone: p.homeVisits.done,
          homeVisitsExpected: p.homeVisits.expected,
        },
        linkPermission: "read:contract",
      });
    }
    for (const f of due) {
      // Reported while the reminder stands, sent or not: the organization keeps missing it until it is reachable.
      if (!organizationReached) result.gaps.push(gapOf(f, circle.contactPhoneOnly, c.code, link));
      if (!done.has(`${c.id}:${f.kind}:${f.occurrence}`)) result.findings.push(f);
    }
  }
  return result;
}

function gapOf(f: Finding, phoneOnly: boolean, code: string, link: string): ReminderGap {
  return {
    kind: f.kind,
    subjectType: "contract",
    subjectId: f.subjectId,
    reason: phoneOnly ? "organization_phone_only" : "organization_unreachable",
    about: code,
    link,
  };
}
