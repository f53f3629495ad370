// Form matrix rows for the registers behind contracts: funding sources and allocations, organizations, care
// projects.
import { expect } from "vitest";
import { buildCreditCode } from "~/modules/organizations/credit-code";
import { bayiProject, one, qihang, qihangContract } from "./fixtures";
import { type RouteRows, stateDefaults } from "./support";

export const registerRows: Record<string, RouteRows> = {
  "routes/funding.new": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => ({
        region: await one(ctx.pg<{ id: number }[]>`select id from regions where code = '540402000000'`),
        name: `表单矩阵资金${ctx.serial()}`,
      }),
      page: () => "/funding/new",
      body: (g, ctx) => ({
        name: g.name,
        kind: "fiscal",
        year: ctx.today.slice(0, 4),
        regionId: String(g.region.id),
        total: "300000",
        notes: "表单矩阵：县级配套",
      }),
      answer: "redirect",
      shows: (g) => g.name,
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select total_fen::int as fen from funding_sources where name = ${g.name}`,
        );
        expect(row.fen).toBe(30_000_000);
      },
      audit: { action: "funding_source.create", entity: "funding_source" },
    },
  },

  "routes/funding.$id_.edit": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const [s] = await ctx.pg<
          { id: number; name: string; kind: string; year: number; region: number; total: string }[]
        >`
          select s.id, s.name, s.kind, s.year, s.region_id as region, to_char(s.total_fen / 100.0, 'FM999999999990.00') as total
          from funding_sources s join regions r on r.id = s.region_id
          where r.code = '540402000000' and s.id <> all(${ctx.taken("funding")}::int[]) order by s.id desc limit 1`;
        ctx.take("funding", s?.id);
        return s;
      },
      page: (s) => `/funding/${s.id}/edit`,
      body: (s) => ({
        name: s.name,
        kind: s.kind,
        year: String(s.year),
        regionId: String(s.region),
        total: s.total,
        notes: "表单矩阵：补充资金用途说明",
      }),
      answer: "redirect",
      shows: () => "表单矩阵：补充资金用途说明",
      stored: async (ctx, s) => {
        const row = await one(ctx.pg`select notes from funding_sources where id = ${s.id}`);
        expect(row.notes).toBe("表单矩阵：补充资金用途说明");
      },
      audit: { action: "funding_source.update", entity: "funding_source" },
    },
  },

  "routes/funding.allocate": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const [source] = await ctx.pg<{ id: number }[]>`
          select s.id from funding_sources s join regions r on r.id = s.region_id
          where r.code = '540402000000' and s.id <> all(${ctx.taken("funding")}::int[]) order by s.id limit 1`;
        ctx.take("funding", source?.id);
        return { source: source.id, contract: (await qihangContract(ctx)).id };
      },
      page: () => "/funding/allocate",
      body: (g, ctx) => ({
        fundingSourceId: String(g.source),
        contractId: String(g.contract),
        amount: "1000",
        allocatedOn: ctx.today,
        note: "表单矩阵：追加下拨",
      }),
      answer: "redirect",
      shows: () => "资金已下拨",
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select amount_fen::int as fen from allocations where contract_id = ${g.contract} and note = '表单矩阵：追加下拨'`,
        );
        expect(row.fen).toBe(100_000);
      },
      audit: { action: "allocation.create", entity: "allocation" },
    },
  },

  "routes/organizations.new": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const n = ctx.serial();
        return {
          name: `巴宜区表单矩阵社工服务中心${n}`,
          creditCode: buildCreditCode({ type: "1", regionCode6: "540402", serial: 900_000 + (n % 99_999) }),
          region: await one(ctx.pg<{ id: number }[]>`select id from regions where code = '540402000000'`),
        };
      },
      page: () => "/organizations/new",
      body: (g) => ({
        name: g.name,
        creditCode: g.creditCode,
        kind: "social_service_agency",
        regionId: String(g.region.id),
        status: "active",
        contactName: "示例·矩阵",
        contactPhone: "13800000099",
      }),
      answer: "redirect",
      shows: (g) => g.name,
      stored: async (ctx, g) => {
        const row = await one(
          ctx.pg`select status, credit_code as code from organizations where name = ${g.name}`,
        );
        expect(row).toEqual({ status: "active", code: g.creditCode });
      },
      audit: { action: "organization.create", entity: "organization" },
    },
  },

  "routes/organizations.$id_.edit": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const org = await qihang(ctx);
        const [o] = await ctx.pg<Record<string, string | number | boolean | null>[]>`
          select o.id, o.name, o.credit_code as "creditCode", o.kind, o.region_id as "regionId",
            o.registered_on::text as "registeredOn", o.status, o.has_party_branch as "hasPartyBranch",
            o.contact_phone as "contactPhone", o.contact_email as "contactEmail", o.address
          from organizations o join regions r on r.id = o.region_id
          where r.code = '540402000000' and o.id <> ${org.id} and o.id <> all(${ctx.taken("organization")}::int[])
          order by o.id limit 1`;
        ctx.take("organization", o?.id as number);
        return o;
      },
      page: (o) => `/organizations/${o.id}/edit`,
      body: (o) => ({
        name: String(o.name),
        creditCode: String(o.creditCode),
        kind: String(o.kind),
        regionId: String(o.regionId),
        registeredOn: o.registeredOn ? String(o.registeredOn) : "",
        status: String(o.status),
        ...(o.hasPartyBranch ? { hasPartyBranch: "on" } : {}),
        contactName: "示例·矩阵联系人",
        contactPhone: o.contactPhone ? String(o.contactPhone) : "",
        contactEmail: o.contactEmail ? String(o.contactEmail) : "",
        address: o.address ? String(o.address) : "",
      }),
      answer: "redirect",
      shows: () => ["已保存", "示例·矩阵联系人"],
      stored: async (ctx, o) => {
        const row = await one(
          ctx.pg`select contact_name as name, status from organizations where id = ${o.id}`,
        );
        expect(row).toEqual({ name: "示例·矩阵联系人", status: o.status });
        // The edit page shows the stored status by default (settledDefaults), so saving unchanged changes none.
        const planner = await ctx.actor("plannerBayi");
        const page = await (await planner.client.get(`/organizations/${o.id}/edit`)).text();
        const shown = stateDefaults(page, `/organizations/${o.id}/edit`).find((d) =>
          d.field.endsWith(" status"),
        );
        expect(shown?.value, "the status the edit form shows").toBe(row.status);
      },
      audit: { action: "organization.update", entity: "organization" },
    },
  },

  "routes/projects.new": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const n = ctx.serial();
        return {
          code: `MATRIX-NP${n}`,
          name: `表单矩阵新项目${n}`,
          region: await one(ctx.pg<{ id: number }[]>`select id from regions where code = '540402000000'`),
        };
      },
      page: () => "/projects/new",
      body: (g, ctx) => ({
        code: g.code,
        kind: "disability",
        name: g.name,
        regionId: String(g.region.id),
        startsOn: ctx.today,
        endsOn: ctx.day(365),
        description: "表单矩阵：残疾人康复服务",
      }),
      answer: "redirect",
      shows: (g) => g.name,
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select kind from care_projects where code = ${g.code}`);
        expect(row.kind).toBe("disability");
      },
      audit: { action: "project.create", entity: "care_project" },
    },
  },

  "routes/projects.$id_.edit": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const p = await bayiProject(ctx);
        return one(
          ctx.pg`select id, code, kind, region_id as region, starts_on::text as "startsOn", ends_on::text as "endsOn"
          from care_projects where id = ${p.id}`,
        );
      },
      page: (p) => `/projects/${p.id}/edit`,
      body: (p) => ({
        code: p.code,
        kind: p.kind,
        name: `${p.code} 表单矩阵改名`,
        regionId: String(p.region),
        startsOn: p.startsOn,
        endsOn: p.endsOn,
      }),
      answer: "redirect",
      shows: (p) => ["已保存", `${p.code} 表单矩阵改名`],
      stored: async (ctx, p) => {
        const row = await one(ctx.pg`select name from care_projects where id = ${p.id}`);
        expect(row.name).toBe(`${p.code} 表单矩阵改名`);
      },
      audit: { action: "project.update", entity: "care_project" },
    },
  },
};
