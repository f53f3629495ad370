// Who can hear about what, through the hierarchy: a station's staff and head, the planners of each region above it
// (smallest region first, so a reminder climbs one level at a time), and for contracts the organization's staff and
// contact. Everyone with an account gets the in-app reminder whether or not an email address or phone is configured.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { contracts, facilities, organizations, regions, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { contractPlaceJoins, placedContract } from "~/modules/contracts/running.server";
import { levelDigitsSql, prefixPatternSql } from "~/modules/regions/code-sql.server";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";

export type Recipient =
  | {
      kind: "user";
      userId: number;
      email: string | null;
      locale: string;
      role: Role;
      /** The station of a station staff account; null for everyone else. */
      facilityId: number | null;
    }
  /** Somebody without an account (an organization's contact): reachable only by email, and can open no link. */
  | { kind: "address"; email: string };

export type StationCircle = {
  heads: Recipient[];
  staff: Recipient[];
  /** Planners of the regions that cover the station, one list per region, the smallest region (township) first. */
  plannerLevels: Recipient[][];
};

export type ContractCircle = {
  /** Planners of every region that covers the contract's facility or project. */
  planners: Recipient[];
  /** The organization's staff accounts, and its contact when that has an email address but no account. */
  organization: Recipient[];
  /** The organization's contact has a phone but no email: no channel reaches it (there is no SMS channel). */
  contactPhoneOnly: boolean;
};

const u = alias(users, "u");
const { c, f, t, pr } = placedContract;
const plannerRegion = alias(regions, "r");
const o = alias(organizations, "o");
const x = alias(users, "x");

const idList = (ids: number[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

type Row = {
  subject_id: number;
  role: string;
  user_id: number | null;
  user_role: Role | null;
  facility_id: number | null;
  email: string | null;
  locale: string | null;
  /** For planners: the digits their region fixes (more digits = smaller region). */
  depth: number | null;
};

function toRecipient(r: Row): Recipient | null {
  if (r.user_id !== null && r.user_role !== null)
    return {
      kind: "user",
      userId: r.user_id,
      email: r.email,
      locale: r.locale ?? "zh-CN",
      role: r.user_role,
      facilityId: r.facility_id,
    };
  return r.email ? { kind: "address", email: r.email } : null;
}

export async function stationCircles(db: DbOrTx, stationIds: number[]) {
  const result = new Map<number, StationCircle>();
  if (stationIds.length === 0) return result;
  for (const id of stationIds) result.set(id, { heads: [], staff: [], plannerLevels: [] });
  const rows = await queryRows<Row>(
    db,
    sql`
    select ${u.facilityId} as subject_id, case when ${u.isStationHead} then 'head' else 'staff' end as role,
           ${u.id} as user_id, ${u.role} as user_role, ${u.facilityId}, ${u.email}, ${u.locale}, null::int as depth
      from ${users} ${u}
     where ${u.facilityId} in (${idList(stationIds)}) and ${literalEq(u.role, "station_staff")}
       and ${u.disabledAt} is null
    union all
    select ${f.id}, 'planner', ${u.id}, ${u.role}, null, ${u.email}, ${u.locale}, ${levelDigitsSql(plannerRegion.level)}
      from ${facilities} ${f}
      join ${regions} ${t} on ${t.id} = ${f.townshipId}
      join ${users} ${u} on ${literalEq(u.role, "planner")} and ${u.disabledAt} is null
      join ${regions} ${plannerRegion} on ${plannerRegion.id} = ${u.regionId}
     where ${f.id} in (${idList(stationIds)})
       and ${t.code} like ${prefixPatternSql(plannerRegion.code, plannerRegion.level)}
    order by 1, 8 desc nulls first, 3`,
  );
  const lastDepth = new Map<number, number>();
  for (const r of rows) {
    const circle = result.get(r.subject_id);
    const recipient = toRecipient(r);
    if (!circle || !recipient) continue;
    if (r.role === "head") circle.heads.push(recipient);
    else if (r.role === "staff") circle.staff.push(recipient);
    else {
      // Planner rows come smallest region first; a new depth is the next level up.
      const depth = r.depth ?? 0;
      const levels = circle.plannerLevels;
      if (levels.length && lastDepth.get(r.subject_id) === depth) levels[levels.length - 1].push(recipient);
      else levels.push([recipient]);
      lastDepth.set(r.subject_id, depth);
    }
  }
  return result;
}

/** Planners of every region that covers the contract's facility or project, and the organization's people. */
export async function contractCircles(db: DbOrTx, contractIds: number[]) {
  const result = new Map<number, ContractCircle>();
  if (contractIds.length === 0) return result;
  for (const id of contractIds) result.set(id, { planners: [], organization: [], contactPhoneOnly: false });
  const rows = await queryRows<Row>(
    db,
    sql`
    with subject as (
      select ${c.id}, ${c.organizationId}, coalesce(${t.code}, ${pr.code}) as code
        from ${contracts} ${c} ${contractPlaceJoins()}
       where ${c.id} in (${idList(contractIds)})
    )
    select s.id as subject_id, 'planner' as role, ${u.id} as user_id, ${u.role} as user_role, ${u.facilityId},
           ${u.email}, ${u.locale}, null::int as depth
      from subject s
      join ${users} ${u} on ${literalEq(u.role, "planner")} and ${u.disabledAt} is null
      join ${regions} ${plannerRegion} on ${plannerRegion.id} = ${u.regionId}
     where s.code like ${prefixPatternSql(plannerRegion.code, plannerRegion.level)}
    union all
    select s.id, 'organization', ${u.id}, ${u.role}, ${u.facilityId}, ${u.email}, ${u.locale}, null
      from subject s join ${users} ${u} on ${u.organizationId} = s.organization_id
       and ${literalEq(u.role, "org_staff")} and ${u.disabledAt} is null
    union all
    select s.id, case when ${o.contactEmail} is null then 'contact_phone_only' else 'organization' end,
           null, null, null, ${o.contactEmail}, null, null
      from subject s join ${organizations} ${o} on ${o.id} = s.organization_id
     where (${o.contactEmail} is not null
            and not exists (select 1 from ${users} ${x} where ${x.email} = lower(${o.contactEmail}) and ${x.organizationId} = ${o.id}))
        or (${o.contactEmail} is null and nullif(trim(${o.contactPhone}), '') is not null)
    order by 1, 3`,
  );
  for (const r of rows) {
    const circle = result.get(r.subject_id);
    if (!circle) continue;
    if (r.role === "contact_phone_only") {
      circle.contactPhoneOnly = true;
      continue;
    }
    const recipient = toRecipient(r);
    if (!recipient) continue;
    (r.role === "planner" ? circle.planners : circle.organization).push(recipient);
  }
  return result;
}

export async function usersAsRecipients(db: DbOrTx, userIds: number[]): Promise<Map<number, Recipient>> {
  const result = new Map<number, Recipient>();
  if (userIds.length === 0) return result;
  const rows = await queryRows<{
    id: number;
    email: string;
    locale: string;
    role: Role;
    facility_id: number | null;
  }>(
    db,
    sql`select ${users.id}, ${users.email}, ${users.locale}, ${users.role}, ${users.facilityId} from ${users}
         where ${users.id} in (${idList([...new Set(userIds)])}) and ${users.disabledAt} is null`,
  );
  for (const r of rows)
    result.set(r.id, {
      kind: "user",
      userId: r.id,
      email: r.email,
      locale: r.locale,
      role: r.role,
      facilityId: r.facility_id,
    });
  return result;
}
