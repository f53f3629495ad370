// Form matrix rows for the workforce register: registering a worker, editing and ending an employment, recording,
// editing and deleting a training.
import { expect } from "vitest";
import { roleAccounts } from "../support";
import { one } from "./fixtures";
import type { Ctx, RouteRows } from "./support";

type Worker = {
  id: number;
  fullName: string;
  facilityId: number;
  employer: number | null;
  role: string;
  level: string | null;
  certNo: string | null;
  certYear: number | null;
  startsOn: string;
};

/** An employed worker of the Baiba station, without other certificates, that no other row has taken. */
async function baibaWorker(ctx: Ctx): Promise<Worker> {
  const [w] = await ctx.pg<Worker[]>`
    select w.id, w.full_name as "fullName", w.facility_id as "facilityId", w.employer_organization_id as employer,
      w.role, w.social_work_level as level, w.social_work_certificate_no as "certNo", w.social_work_year as "certYear",
      w.starts_on::text as "startsOn"
    from workers w join users u on u.facility_id = w.facility_id
    where u.email = ${roleAccounts.stationBaiba} and w.ends_on is null
      and not exists (select 1 from worker_certificates c where c.worker_id = w.id)
      and w.id <> all(${ctx.taken("worker")}::int[])
    order by w.id limit 1`;
  ctx.take("worker", w?.id);
  return w;
}

/** A Bayi training of this row's own, recorded as the form would (two Baiba workers, five outside participants). */
async function bayiTraining(ctx: Ctx, topic: string) {
  const t = await one(ctx.pg<{ id: number; version: number }[]>`
    insert into trainings (region_id, held_on, organizer, topic, hours, outside_participants)
    select id, ${ctx.day(-10)}::date, '巴宜区民政局', ${topic}, 3, 5 from regions where code = '540402000000'
    returning id, version`);
  await ctx.pg`
    insert into training_participants (training_id, worker_id)
    select ${t.id}, w.id from workers w join users u on u.facility_id = w.facility_id
    where u.email = ${roleAccounts.stationBaiba} and w.ends_on is null order by w.id limit 2`;
  return { ...t, topic };
}

const baibaId = (ctx: Ctx) =>
  one(
    ctx.pg<{ id: number }[]>`select facility_id as id from users where email = ${roleAccounts.stationBaiba}`,
  );

export const workforceRows: Record<string, RouteRows> = {
  "routes/workforce.new": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => ({ facility: (await baibaId(ctx)).id, name: `示例·矩阵社工${ctx.serial()}` }),
      page: () => "/workforce/new",
      body: (g, ctx) => ({
        fullName: g.name,
        facilityId: String(g.facility),
        employerOrganizationId: "",
        role: "social_worker",
        startsOn: ctx.today,
        phone: "13900001111",
        accountEmail: "",
        socialWorkLevel: "assistant",
        socialWorkCertificateNo: "ZL2025540001",
        socialWorkYear: "2025",
        "certificates[0].kind": "elderly_carer",
        "certificates[0].name": "",
        "certificates[0].number": "YL2025000777",
        "certificates[0].year": "2025",
      }),
      answer: "redirect",
      shows: (g) => ["已登记", g.name, "助理社工师", "养老护理员"],
      look: (g) => [[`/workforce?q=${encodeURIComponent(g.name)}`, g.name]],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`
          select w.social_work_level as level, (select count(*)::int from worker_certificates c where c.worker_id = w.id) as certificates
          from workers w where w.full_name = ${g.name}`);
        expect(row).toEqual({ level: "assistant", certificates: 1 });
      },
      audit: { action: "worker.create", entity: "worker" },
    },
  },

  "routes/workforce.$id": {
    update: {
      as: "plannerBayi",
      given: baibaWorker,
      page: (w) => `/workforce/${w.id}`,
      body: (w) => ({
        intent: "update",
        fullName: w.fullName,
        facilityId: String(w.facilityId),
        employerOrganizationId: w.employer == null ? "" : String(w.employer),
        role: w.role,
        startsOn: w.startsOn,
        phone: "13900002222",
        socialWorkLevel: w.level ?? "intermediate",
        socialWorkCertificateNo: w.certNo ?? "ZJ2024540777",
        socialWorkYear: String(w.certYear ?? 2024),
      }),
      answer: "redirect",
      shows: () => ["已保存", "13900002222"],
      stored: async (ctx, w) => {
        const row = await one(ctx.pg`select phone from workers where id = ${w.id}`);
        expect(row.phone).toBe("13900002222");
      },
      audit: { action: "worker.update", entity: "worker" },
    },
    end: {
      as: "plannerBayi",
      given: baibaWorker,
      page: (w) => `/workforce/${w.id}`,
      body: (_w, ctx) => ({ intent: "end", endsOn: ctx.today, endReason: "表单矩阵：调离" }),
      answer: "redirect",
      shows: () => ["已办理离岗", "表单矩阵：调离"],
      stored: async (ctx, w) => {
        const row = await one(ctx.pg`select ends_on::text as "endsOn" from workers where id = ${w.id}`);
        expect(row.endsOn).toBe(ctx.today);
      },
      audit: { action: "worker.end", entity: "worker" },
    },
  },

  "routes/workforce.trainings.new": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const region = await one(
          ctx.pg<{ id: number }[]>`select id from regions where code = '540402000000'`,
        );
        const workers = await ctx.pg<{ id: number }[]>`
          select w.id from workers w join users u on u.facility_id = w.facility_id
          where u.email = ${roleAccounts.stationBaiba} and w.ends_on is null order by w.id desc limit 2`;
        return {
          region: region.id,
          workers: workers.map((w) => String(w.id)),
          topic: `表单矩阵培训${ctx.serial()}`,
        };
      },
      page: () => "/workforce/trainings/new",
      body: (g, ctx) => ({
        regionId: String(g.region),
        heldOn: ctx.today,
        organizer: "巴宜区民政局",
        topic: g.topic,
        hours: "3",
        outsideParticipants: "5",
        workerIds: g.workers,
        notes: "",
      }),
      answer: "redirect",
      shows: (g) => ["培训已记录", g.topic],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`
          select t.outside_participants as outside, (select count(*)::int from training_participants p where p.training_id = t.id) as workers
          from trainings t where t.topic = ${g.topic}`);
        expect(row).toEqual({ outside: 5, workers: 2 });
      },
      audit: { action: "training.create", entity: "training" },
    },
  },

  "routes/workforce.trainings.$id_.edit": {
    update: {
      as: "plannerBayi",
      given: async (ctx) => {
        const t = await bayiTraining(ctx, `表单矩阵待改培训${ctx.serial()}`);
        const region = await one(
          ctx.pg<{ id: number }[]>`select id from regions where code = '540402000000'`,
        );
        const workers = await ctx.pg<{ id: number }[]>`
          select worker_id as id from training_participants where training_id = ${t.id} order by worker_id`;
        return {
          ...t,
          region: region.id,
          workers: workers.map((w) => String(w.id)),
          renamed: `${t.topic}·已改`,
        };
      },
      page: (g) => `/workforce/trainings/${g.id}/edit`,
      body: (g, ctx) => ({
        intent: "update",
        baseVersion: String(g.version),
        regionId: String(g.region),
        heldOn: ctx.day(-10),
        organizer: "巴宜区民政局",
        topic: g.renamed,
        hours: "4.5",
        outsideParticipants: "8",
        workerIds: g.workers,
        notes: "表单矩阵：改时长",
      }),
      answer: "redirect",
      shows: (g) => ["培训已保存", g.renamed],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`
          select topic, hours, outside_participants as outside, version from trainings where id = ${g.id}`);
        expect(row).toEqual({ topic: g.renamed, hours: 4.5, outside: 8, version: g.version + 1 });
      },
      audit: { action: "training.update", entity: "training" },
    },
    delete: {
      as: "plannerBayi",
      given: (ctx) => bayiTraining(ctx, `表单矩阵待删培训${ctx.serial()}`),
      page: (g) => `/workforce/trainings/${g.id}/edit`,
      body: () => ({ intent: "delete", confirm: "1" }),
      answer: "redirect",
      shows: () => "培训已删除",
      stored: async (ctx, g) => {
        const rows = await ctx.pg`select id from trainings where id = ${g.id}`;
        expect(rows).toHaveLength(0);
      },
      audit: { action: "training.delete", entity: "training" },
    },
  },
};
