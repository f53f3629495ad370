// Form matrix rows for work in the field (issue 13): settling conflicts, plausibility flags, transfers of people who
// moved, and recording a referral's result.
import { expect } from "vitest";
import { one, openVisit } from "./fixtures";
import type { Ctx, RouteRows } from "./support";

/** An open conflict about an open visit at Baiba, sent by station.baiba (as the field app's late outcome would be). */
async function visitConflict(ctx: Ctx, notes: string) {
  const v = await openVisit(ctx);
  const conflict = await one(ctx.pg<{ id: number }[]>`
    insert into conflicts (kind, entity_id, user_id, person_id, station_id, base_version, their_version, theirs, yours)
    select 'visit', v.id, u.id, v.person_id, v.station_id, v.version, v.version + 1,
      jsonb_build_object('status', 'scheduled', 'dueOn', v.due_on::text, 'notes', '计划中的走访'),
      jsonb_build_object('outcome', 'visited', 'visitedOn', ${ctx.today}::text, 'notes', ${notes}::text)
    from visits v, users u where v.id = ${v.id} and u.email = 'station.baiba@demo.local'
    returning id`);
  return { ...v, conflict: conflict.id };
}

/** A completed visit at Baiba with a plausibility flag on it. */
async function flaggedVisit(ctx: Ctx) {
  const v = await openVisit(ctx);
  await ctx.pg`update visits set status = 'completed', outcome = 'visited', completed_at = now() where id = ${v.id}`;
  const flag = await one(ctx.pg<{ id: number }[]>`
    insert into visit_flags (visit_id, station_id, kind, detail)
    select id, station_id, 'clock_skew', '{"minutes": 75}'::jsonb from visits where id = ${v.id} returning id`);
  return { ...v, flag: flag.id };
}

/** A person of another Bayi station who moved to Baiba: the transfer waits for station.baiba. */
async function transferToBaiba(ctx: Ctx) {
  const person = await one(ctx.pg<{ id: number; from: number; to: number }[]>`
    select p.id, p.station_id as from, b.facility_id as to from people p
    join facilities f on f.id = p.station_id
    join users b on b.email = 'station.baiba@demo.local'
    where f.code like '540402%' and p.station_id <> b.facility_id and p.status = 'active'
      and p.birth_date < current_date - interval '18 years'
      and p.id <> all(${ctx.taken("person")}::int[])
    order by p.id limit 1`);
  ctx.take("person", person.id);
  // Into Baiba's most populous village, so the bulk row's village (the least populous) stays its own.
  const village = await one(ctx.pg<{ id: number }[]>`
    select p.village_id as id from people p where p.station_id = ${person.to} and p.status = 'active'
    group by p.village_id order by count(*) desc, p.village_id limit 1`);
  const transfer = await one(ctx.pg<{ id: number }[]>`
    insert into transfers (person_id, from_station_id, to_station_id, to_village_id, destination)
    values (${person.id}, ${person.from}, ${person.to}, ${village.id}, '表单矩阵：迁往百巴镇') returning id`);
  return { person: person.id, to: person.to, transfer: transfer.id };
}

export const fieldRows: Record<string, RouteRows> = {
  // A resumable photo upload (tus) is created with a POST that declares its length; the bytes follow as PATCHes.
  "routes/uploads.$": {
    "(form)": {
      as: "stationBaiba",
      given: async () => ({ location: "" }),
      to: () => "/uploads/",
      body: () => ({
        raw: "",
        contentType: "application/offset+octet-stream",
        headers: { "Tus-Resumable": "1.0.0", "Upload-Length": "10" },
      }),
      answer: "created",
      reads: (_text, res, g) => {
        g.location = res.headers.get("location") ?? "";
        expect(g.location).toMatch(/^\/uploads\/[0-9a-f]{32}$/);
      },
      stored: async (ctx, g) => {
        const { client } = await ctx.actor("stationBaiba");
        const head = await client.request(g.location, {
          method: "HEAD",
          headers: { "Tus-Resumable": "1.0.0" },
        });
        expect(head.status).toBe(200);
        expect([head.headers.get("upload-offset"), head.headers.get("upload-length")]).toEqual(["0", "10"]);
      },
      audit: {
        none: "an upload is no record: its photo is stored, and audited, only with the visit or activity form that names it",
      },
    },
  },
  "routes/conflicts.$id": {
    keep_theirs: {
      as: "stationBaiba",
      given: async (ctx) => visitConflict(ctx, "表单矩阵：放弃的离线记录"),
      page: (g) => `/conflicts/${g.conflict}`,
      body: () => ({ intent: "keep_theirs" }),
      answer: "redirect",
      shows: () => "保留了对方版本",
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select status, resolution from conflicts where id = ${g.conflict}`);
        expect(row).toEqual({ status: "resolved", resolution: "theirs" });
        const visit = await one(ctx.pg`select status from visits where id = ${g.id}`);
        expect(visit.status).toBe("scheduled");
      },
      audit: { action: "conflict.keep_theirs", entity: "visit" },
    },
    keep_mine: {
      as: "stationBaiba",
      given: async (ctx) => visitConflict(ctx, "表单矩阵：保留的离线记录"),
      page: (g) => `/conflicts/${g.conflict}`,
      body: () => ({ intent: "keep_mine" }),
      answer: "redirect",
      shows: () => "保留了我的版本",
      look: (g) => [[`/visits/${g.id}`, "表单矩阵：保留的离线记录"]],
      stored: async (ctx, g) => {
        const visit = await one(ctx.pg`select status, outcome from visits where id = ${g.id}`);
        expect(visit).toEqual({ status: "completed", outcome: "visited" });
      },
      audit: { action: "conflict.keep_mine", entity: "visit" },
    },
    merge_notes: {
      as: "stationBaiba",
      given: async (ctx) => visitConflict(ctx, "表单矩阵：合并的离线记录"),
      page: (g) => `/conflicts/${g.conflict}`,
      body: () => ({ intent: "merge_notes" }),
      answer: "redirect",
      shows: () => "合并了记录",
      stored: async (ctx, g) => {
        const visit = await one(ctx.pg<{ notes: string }[]>`select notes from visits where id = ${g.id}`);
        expect(visit.notes).toContain("表单矩阵：合并的离线记录");
      },
      audit: { action: "conflict.merge_notes", entity: "visit" },
    },
  },

  "routes/visits.flags": {
    answer: {
      as: "stationBaiba",
      given: async (ctx) => flaggedVisit(ctx),
      page: () => "/visits/flags",
      body: (g) => ({ intent: "answer", flagId: String(g.flag), response: "表单矩阵：手机时间未同步" }),
      answer: "ok",
      shows: () => "说明已提交",
      look: () => [["/visits/flags", "表单矩阵：手机时间未同步"]],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select status from visit_flags where id = ${g.flag}`);
        expect(row.status).toBe("answered");
      },
      audit: { action: "visit_flag.answer", entity: "visit" },
    },
    resolve: {
      as: "plannerBayi",
      given: async (ctx) => flaggedVisit(ctx),
      page: () => "/visits/flags",
      body: (g) => ({ intent: "resolve", flagId: String(g.flag) }),
      answer: "ok",
      shows: () => "提示已关闭",
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select status from visit_flags where id = ${g.flag}`);
        expect(row.status).toBe("resolved");
      },
      audit: { action: "visit_flag.resolve", entity: "visit" },
    },
  },

  "routes/visits.transfers": {
    accept: {
      as: "stationBaiba",
      given: async (ctx) => transferToBaiba(ctx),
      page: () => "/visits/transfers",
      body: (g) => ({ intent: "accept", transferId: String(g.transfer), note: "表单矩阵：已接收" }),
      answer: "ok",
      shows: () => "已接收",
      look: (g) => [[`/people/${g.person}`, "百巴"]],
      stored: async (ctx, g) => {
        const person = await one(ctx.pg`select station_id as station from people where id = ${g.person}`);
        expect(person.station).toBe(g.to);
      },
      audit: { action: "transfer.accept", entity: "person" },
    },
    decline: {
      as: "stationBaiba",
      given: async (ctx) => transferToBaiba(ctx),
      page: () => "/visits/transfers",
      body: (g) => ({ intent: "decline", transferId: String(g.transfer), note: "表单矩阵：不在本镇辖区" }),
      answer: "ok",
      shows: () => "已退回",
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select status from transfers where id = ${g.transfer}`);
        expect(row.status).toBe("declined");
      },
      audit: { action: "transfer.decline", entity: "person" },
    },
  },
};

/** The referral intent of a visit's page: recording the result of a referral made on a home visit. */
export const referralRow: RouteRows = {
  referral: {
    as: "stationBaiba",
    given: async (ctx) => {
      const v = await openVisit(ctx);
      await ctx.pg`update visits set status = 'completed', outcome = 'visited', completed_at = now() where id = ${v.id}`;
      const referral = await one(ctx.pg<{ id: number }[]>`
        insert into referrals (visit_id, person_id, station_id, kind, note)
        select id, person_id, station_id, 'temporary_assistance', '表单矩阵：申请临时救助' from visits where id = ${v.id}
        returning id`);
      return { ...v, referral: referral.id };
    },
    page: (g) => `/visits/${g.id}`,
    body: (g, ctx) => ({
      intent: "referral",
      referralId: String(g.referral),
      result: "granted",
      resultOn: ctx.today,
      resultNote: "表单矩阵：乡镇已批准",
    }),
    answer: "ok",
    shows: () => "转介结果已记录",
    stored: async (ctx, g) => {
      const row = await one(ctx.pg`select status, result from referrals where id = ${g.referral}`);
      expect(row).toEqual({ status: "closed", result: "granted" });
    },
    audit: { action: "referral.result", entity: "visit" },
  },
};
