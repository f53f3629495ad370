// The objects the form matrix's rows post about, found in (or added to) the demo database: each row takes its own,
// so no two rows touch the same person, visit, activity, contract, facility or account.
import { expect } from "vitest";
import { HttpClient } from "../../support/http";
import { roleAccounts } from "../support";
import type { Ctx } from "./support";

/** The one row a query finds, which must be there. */
export const one = async <T>(q: Promise<T[]>): Promise<T> => {
  const [row] = await q;
  expect(row, "the row in the database").toBeDefined();
  return row;
};

/** The village the bulk row schedules: no other row takes a person there. */
export async function bulkVillage(ctx: Ctx): Promise<number> {
  const [v] = await ctx.pg<{ id: number }[]>`
    select p.village_id as id from people p join users u on u.facility_id = p.station_id
    where u.email = ${roleAccounts.stationBaiba} and p.status = 'active'
    group by p.village_id order by count(*), p.village_id limit 1`;
  return v.id;
}

export type Person = { id: number; name: string; masked: string; village: number };

/** A person in care at Baiba station (station.baiba's) that no other row has taken; `adult` for the ID number. */
export async function personAtBaiba(ctx: Ctx, { adult = false } = {}): Promise<Person> {
  const spare = await bulkVillage(ctx);
  const [p] = await ctx.pg<Person[]>`
    select p.id, p.full_name as name, p.id_number_masked as masked, p.village_id as village
    from people p join users u on u.facility_id = p.station_id
    where u.email = ${roleAccounts.stationBaiba} and p.status = 'active' and p.village_id <> ${spare}
      and (not ${adult} or p.birth_date < current_date - interval '18 years')
      and exists (select 1 from visits v where v.person_id = p.id and v.status = 'scheduled')
      and p.id <> all(${ctx.taken("person")}::int[])
    order by p.id limit 1`;
  ctx.take("person", p?.id);
  return p;
}

/** An open visit of a person no other row has taken. */
export async function openVisit(ctx: Ctx) {
  const person = await personAtBaiba(ctx);
  const [v] = await ctx.pg<{ id: number; assignee: number | null; dueOn: string }[]>`
    select id, assigned_user_id as assignee, due_on::text as "dueOn" from visits
    where person_id = ${person.id} and status = 'scheduled' order by id limit 1`;
  return { ...v, person };
}

/** 巴宜启航 (org.bayi-qihang's organization), which runs Bayi stations under active contracts. */
export const qihang = (ctx: Ctx) =>
  one(
    ctx.pg<{ id: number }[]>`select organization_id as id from users where email = ${roleAccounts.orgBayi}`,
  );

/** An active contract of 巴宜启航 for a station that no other row has taken. */
export async function qihangContract(ctx: Ctx) {
  const org = await qihang(ctx);
  const [c] = await ctx.pg<{ id: number; startsOn: string; endsOn: string }[]>`
    select id, starts_on::text as "startsOn", ends_on::text as "endsOn" from contracts
    where organization_id = ${org.id} and status = 'active' and facility_id is not null
      and starts_on <= current_date and ends_on >= current_date
      and id <> all(${ctx.taken("contract")}::int[])
    order by id limit 1`;
  ctx.take("contract", c?.id);
  return c;
}

/** A logged activity of 巴宜启航, in a month not locked by its sign-off, that no other row has taken. */
export async function qihangActivity(ctx: Ctx) {
  const org = await qihang(ctx);
  const [a] = await ctx.pg<{ id: number; summary: string }[]>`
    select a.id, a.summary from activities a
    join contracts c on c.id = a.contract_id
    where c.organization_id = ${org.id} and a.deleted_at is null and a.id <> all(${ctx.taken("activity")}::int[])
      -- an approved month is locked (issue 15): its activities cannot be edited or deleted
      and not exists (select 1 from contract_months m where m.contract_id = a.contract_id
        and m.month = to_char(a.occurred_on, 'YYYY-MM') and m.status = 'approved')
    order by a.id limit 1`;
  ctx.take("activity", a?.id);
  return a;
}

/** A care project in Bayi of the row's own, for a contract no other contract overlaps. */
export async function bayiProject(ctx: Ctx) {
  const n = ctx.serial();
  return one(
    ctx.pg<{ id: number; code: string; name: string }[]>`
      insert into care_projects (code, name, kind, region_id, starts_on, ends_on)
      select ${`MATRIX-P${n}`}, ${`表单矩阵关爱项目${n}`}, 'elderly', id, current_date - 30, current_date + 300
      from regions where code = '540402000000' returning id, code, name`,
  );
}

/** A contract of 巴宜启航 for a project of the row's own, in the given state. */
export async function projectContract(ctx: Ctx, status: "draft" | "active") {
  const [org, project] = await Promise.all([qihang(ctx), bayiProject(ctx)]);
  const n = ctx.serial();
  return one(
    ctx.pg<{ id: number; code: string; title: string; project: number; organization: number }[]>`
      insert into contracts (code, title, organization_id, care_project_id, starts_on, ends_on, amount_fen,
        procurement_method, status, activated_at)
      values (${`MATRIX-C${n}`}, ${`表单矩阵合同${n}`}, ${org.id}, ${project.id}, current_date - 20, current_date + 200,
        5000000, 'inquiry', ${status}, ${status === "active" ? new Date() : null})
      returning id, code, title, care_project_id as project, organization_id as organization`,
  );
}

export type Facility = { id: number; name: string; kind: string; lat: number; lng: number };

/** An operating Bayi station (or other facility) that no other row has taken; never Baiba, station.baiba's own. */
export async function bayiFacility(ctx: Ctx, { station }: { station: boolean }): Promise<Facility> {
  const [f] = await ctx.pg<Facility[]>`
    select f.id, f.name, f.kind, f.lat, f.lng from facilities f join regions t on t.id = f.township_id
    where t.code like '540402%' and f.status = 'operating' and f.lat is not null
      and (f.kind = 'social_work_station') = ${station}
      and f.id <> (select facility_id from users where email = ${roleAccounts.stationBaiba})
      and f.id <> all(${ctx.taken("facility")}::int[])
    order by f.id desc limit 1`;
  ctx.take("facility", f?.id);
  return f;
}

/** A village not in the demo, under Baiba's township, and the CSV that imports it. */
export async function newVillage(ctx: Ctx) {
  const township = await one(
    ctx.pg<{ code: string; lat: number; lng: number }[]>`
      select t.code, f.lat, f.lng from facilities f join regions t on t.id = f.township_id
      join users u on u.facility_id = f.id where u.email = ${roleAccounts.stationBaiba}`,
  );
  const n = ctx.serial();
  const code = `${township.code.slice(0, 9)}${String(900 + (n % 99)).padStart(3, "0")}`;
  const name = `矩阵${n}村`;
  const csv = `code,name,parent_code,lat,lng,population\n${code},${name},${township.code},${township.lat.toFixed(4)},${township.lng.toFixed(4)},321\n`;
  return { code, name, csv };
}

/** A fresh account that signs in on a new, signed-out client: the actor of a sign-in row. */
export async function signingIn(ctx: Ctx, totp: boolean) {
  const account = await ctx.freshAccount({ totp, signedIn: totp });
  return { ...account, client: new HttpClient(ctx.baseUrl) };
}

/** Failed reminders of the row's own (a visit reminder to a fresh account), for the outbox's retry. */
export async function failedReminders(ctx: Ctx, count: number) {
  const account = await ctx.freshAccount({ signedIn: false });
  const [visit] = await ctx.pg<
    { id: number }[]
  >`select id from visits where status = 'scheduled' order by id limit 1`;
  const rows = await ctx.pg<{ id: number }[]>`
    insert into reminders (kind, subject_type, subject_id, recipient_user_id, channel, send_at, status, attempts,
      last_error, dedupe_key)
    select 'visit_due', 'visit', ${visit.id}, ${account.userId}, 'in_app', now() - interval '1 hour', 'failed', 5,
      '表单矩阵：发送失败', 'matrix-' || ${account.userId} || '-' || n
    from generate_series(1, ${count}) as n returning id`;
  return rows.map((r) => r.id);
}

/** A user for the administrator to act on, no other row's. */
export async function spareUser(ctx: Ctx, { disabled = false } = {}) {
  const account = await ctx.freshAccount({ signedIn: !disabled });
  if (disabled) await ctx.pg`update users set disabled_at = now() where id = ${account.userId}`;
  return account;
}
