// Which group robot hears of a reminder: the most specific one above its subject — the station's (or facility's)
// own, else its township's, county's, prefecture's — and none when no region above has one (the caller then falls
// back to the global WEBHOOK_URL). A visit's place is its station; a contract's its facility, or its care project's
// region (a county project reaches the county's robot and those above, never a township's inside it).
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { careProjects, contracts, facilities, groupRobots, regions, reminders, visits } from "#db/schema";
import { levelDigitsSql, prefixPatternSql } from "~/modules/regions/code-sql.server";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { literal } from "~/utils/sql-literals";
import { openReminder } from "./open.server";

export type RobotSubject = { subjectType: string; subjectId: number };

const subjectKey = (s: RobotSubject) => `${s.subjectType}:${s.subjectId}`;

const g = alias(groupRobots, "g");
const gr = alias(regions, "gr");

/** The robot in force for a place (a facility id and a region code, either may be null), as a scalar subquery. */
function robotForPlace(facilityId: ReturnType<typeof sql>, code: ReturnType<typeof sql>) {
  return sql`(select ${g.id} from ${groupRobots} ${g} left join ${regions} ${gr} on ${gr.id} = ${g.regionId}
     where ${g.removedAt} is null
       and (${g.facilityId} = ${facilityId}
            or (${gr.id} is not null and ${code} like ${prefixPatternSql(gr.code, gr.level)}))
     order by (${g.facilityId} is not null) desc, ${levelDigitsSql(gr.level)} desc
     limit 1)`;
}

/** The robot for each subject that has one, keyed "visit:42" / "contract:7". */
export async function robotsForSubjects(db: DbOrTx, subjects: RobotSubject[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const unique = [...new Map(subjects.map((s) => [subjectKey(s), s])).values()];
  if (unique.length === 0) return result;
  const v = alias(visits, "v");
  const c = alias(contracts, "c");
  const f = alias(facilities, "f");
  const t = alias(regions, "t");
  const p = alias(careProjects, "p");
  const pr = alias(regions, "pr");
  const rows = await queryRows<{ subject_type: string; subject_id: number; robot_id: number | null }>(
    db,
    sql`
    with subject as (
      select x.subject_type, x.subject_id
        from jsonb_to_recordset(${JSON.stringify(unique.map((s) => ({ subject_type: s.subjectType, subject_id: s.subjectId })))}::jsonb)
          as x(subject_type text, subject_id int)
    ),
    place as (
      select s.subject_type, s.subject_id, ${f.id} as facility_id, coalesce(${t.code}, ${pr.code}) as code
        from subject s
        left join ${visits} ${v} on s.subject_type = ${literal(reminders.subjectType, "visit")} and ${v.id} = s.subject_id
        left join ${contracts} ${c} on s.subject_type = ${literal(reminders.subjectType, "contract")} and ${c.id} = s.subject_id
        left join ${facilities} ${f} on ${f.id} = coalesce(${v.stationId}, ${c.facilityId})
        left join ${regions} ${t} on ${t.id} = ${f.townshipId}
        left join ${careProjects} ${p} on ${p.id} = ${c.careProjectId}
        left join ${regions} ${pr} on ${pr.id} = ${p.regionId}
    )
    select subject_type, subject_id, ${robotForPlace(sql`place.facility_id`, sql`place.code`)} as robot_id
      from place`,
  );
  for (const r of rows) if (r.robot_id !== null) result.set(`${r.subject_type}:${r.subject_id}`, r.robot_id);
  return result;
}

export const robotKeyOf = subjectKey;

/**
 * A robot was removed: its unsent rows go to the next robot up, else to the global address, else nowhere (cancelled).
 * A step: runs inside the removal's transaction, after the robot is marked removed.
 */
export async function rerouteRobotReminders(
  tx: DbOrTx,
  { robotId, fallbackUrl }: { robotId: number; fallbackUrl: string | undefined },
): Promise<number> {
  const open = await tx
    .select({ id: reminders.id, subjectType: reminders.subjectType, subjectId: reminders.subjectId })
    .from(reminders)
    .where(sql`${reminders.robotId} = ${robotId} and ${openReminder()}`)
    .for("update");
  if (open.length === 0) return 0;
  const next = await robotsForSubjects(tx, open);
  for (const row of open) {
    const robot = next.get(subjectKey(row)) ?? null;
    await tx
      .update(reminders)
      .set(
        robot !== null
          ? { robotId: robot, updatedAt: new Date() }
          : fallbackUrl
            ? { robotId: null, recipientAddress: fallbackUrl, updatedAt: new Date() }
            : { status: "cancelled", updatedAt: new Date() },
      )
      .where(sql`${reminders.id} = ${row.id}`);
  }
  return open.length;
}
