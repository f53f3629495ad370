// Who hears about what, through the hierarchy: the assigned staff member, the station head, the township's and
// county's planners, the operating organization's staff and contact. Everyone with an account gets the in-app
// reminder whether or not an email address or phone is configured.
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "~/utils/db.server";

export type Recipient =
  | { kind: "user"; userId: number; email: string | null; locale: string }
  /** Somebody without an account (an organization's contact): reachable only by email. */
  | { kind: "address"; email: string };

export type StationCircle = {
  heads: Recipient[];
  staff: Recipient[];
  /** Planners whose region (a township or a county) covers the station. */
  planners: Recipient[];
  /** Staff accounts and the contact of the organization running the station under an active contract. */
  organization: Recipient[];
};

export type ContractCircle = { planners: Recipient[]; organization: Recipient[] };

const idList = (ids: number[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

type Row = {
  subject_id: number;
  role: string;
  user_id: number | null;
  email: string | null;
  locale: string | null;
};

function toRecipient(r: Row): Recipient | null {
  if (r.user_id !== null)
    return { kind: "user", userId: r.user_id, email: r.email, locale: r.locale ?? "zh-CN" };
  return r.email ? { kind: "address", email: r.email } : null;
}

export async function stationCircles(db: DbOrTx, stationIds: number[], today: string) {
  const result = new Map<number, StationCircle>();
  if (stationIds.length === 0) return result;
  for (const id of stationIds) result.set(id, { heads: [], staff: [], planners: [], organization: [] });
  const rows = await queryRows<Row>(
    db,
    sql`
    select u.facility_id as subject_id, case when u.is_station_head then 'head' else 'staff' end as role,
           u.id as user_id, u.email, u.locale
      from users u
     where u.facility_id in (${idList(stationIds)}) and u.role = 'station_staff' and u.disabled_at is null
    union all
    select f.id, 'planner', u.id, u.email, u.locale
      from facilities f
      join regions t on t.id = f.township_id
      join users u on u.role = 'planner' and u.disabled_at is null
      join regions r on r.id = u.region_id and r.level in ('county', 'township')
     where f.id in (${idList(stationIds)})
       and t.code like (case r.level when 'county' then substr(r.code, 1, 6) else substr(r.code, 1, 9) end) || '%'
    union all
    select f.id, 'organization', u.id, u.email, u.locale
      from facilities f
      join contracts c on c.facility_id = f.id and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
      join users u on u.organization_id = c.organization_id and u.role = 'org_staff' and u.disabled_at is null
     where f.id in (${idList(stationIds)})
    union all
    select f.id, 'organization', null, o.contact_email, null
      from facilities f
      join contracts c on c.facility_id = f.id and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
      join organizations o on o.id = c.organization_id
     where f.id in (${idList(stationIds)}) and o.contact_email is not null
       and not exists (select 1 from users x where x.email = lower(o.contact_email) and x.organization_id = o.id)
    order by 1, 3`,
  );
  for (const r of rows) {
    const circle = result.get(r.subject_id);
    const recipient = toRecipient(r);
    if (!circle || !recipient) continue;
    if (r.role === "head") circle.heads.push(recipient);
    else if (r.role === "staff") circle.staff.push(recipient);
    else if (r.role === "planner") circle.planners.push(recipient);
    else circle.organization.push(recipient);
  }
  return result;
}

/** Planners of every region that covers the contract's facility or project, and the organization's people. */
export async function contractCircles(db: DbOrTx, contractIds: number[]) {
  const result = new Map<number, ContractCircle>();
  if (contractIds.length === 0) return result;
  for (const id of contractIds) result.set(id, { planners: [], organization: [] });
  const rows = await queryRows<Row>(
    db,
    sql`
    with subject as (
      select c.id, c.organization_id, coalesce(t.code, pr.code) as code
        from contracts c
        left join facilities f on f.id = c.facility_id
        left join regions t on t.id = f.township_id
        left join care_projects p on p.id = c.care_project_id
        left join regions pr on pr.id = p.region_id
       where c.id in (${idList(contractIds)})
    )
    select s.id as subject_id, 'planner' as role, u.id as user_id, u.email, u.locale
      from subject s
      join users u on u.role = 'planner' and u.disabled_at is null
      join regions r on r.id = u.region_id
     where s.code like substr(r.code, 1, case r.level when 'province' then 2 when 'prefecture' then 4
                                                    when 'county' then 6 when 'township' then 9 else 12 end) || '%'
    union all
    select s.id, 'organization', u.id, u.email, u.locale
      from subject s join users u on u.organization_id = s.organization_id and u.role = 'org_staff' and u.disabled_at is null
    union all
    select s.id, 'organization', null, o.contact_email, null
      from subject s join organizations o on o.id = s.organization_id
     where o.contact_email is not null
       and not exists (select 1 from users x where x.email = lower(o.contact_email) and x.organization_id = o.id)
    order by 1, 3`,
  );
  for (const r of rows) {
    const circle = result.get(r.subject_id);
    const recipient = toRecipient(r);
    if (!circle || !recipient) continue;
    (r.role === "planner" ? circle.planners : circle.organization).push(recipient);
  }
  return result;
}

export async function usersAsRecipients(db: DbOrTx, userIds: number[]): Promise<Map<number, Recipient>> {
  const result = new Map<number, Recipient>();
  if (userIds.length === 0) return result;
  const rows = await queryRows<{ id: number; email: string; locale: string }>(
    db,
    sql`select id, email, locale from users where id in (${idList([...new Set(userIds)])}) and disabled_at is null`,
  );
  for (const r of rows) result.set(r.id, { kind: "user", userId: r.id, email: r.email, locale: r.locale });
  return result;
}

/** One entry per person or address, first occurrence wins. */
export function uniqueRecipients(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of list) {
    const key = r.kind === "user" ? `u${r.userId}` : `e${r.email.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
