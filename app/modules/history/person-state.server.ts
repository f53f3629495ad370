// A person's file as it stood on a day: categories, status, station and village read from person_history (ADR 015),
// so a past year's report counts the register of that year, not today's.
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { type PersonHistoryAttribute, personHistory } from "#db/schema";

/** Per person, the latest value of one attribute on or before the day. */
function latest(attribute: PersonHistoryAttribute, value: AnyColumn, asOf: string): SQL {
  return sql`(select distinct on (${personHistory.personId}) ${personHistory.personId} as person_id, ${value} as value
    from ${personHistory}
    where ${personHistory.attribute} = ${attribute} and ${personHistory.effectiveOn} <= ${asOf}
    order by ${personHistory.personId}, ${personHistory.effectiveOn} desc, ${personHistory.id} desc)`;
}

/**
 * A derived table of every person registered by `asOf`, as they stood that day: `id`, `categories`, `status`,
 * `station_id`, `village_id`. Join it to people on `id` (people not yet registered that day have no row).
 */
export function personStateOn(asOf: string): SQL {
  return sql`(select c.person_id as id, c.value as categories, s.value as status,
      st.value as station_id, v.value as village_id
    from ${latest("categories", personHistory.categories, asOf)} c
    join ${latest("status", personHistory.status, asOf)} s on s.person_id = c.person_id
    join ${latest("station", personHistory.stationId, asOf)} st on st.person_id = c.person_id
    join ${latest("village", personHistory.villageId, asOf)} v on v.person_id = c.person_id)`;
}
