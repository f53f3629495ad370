// Form matrix rows for places: facilities (create, edit, status, the map's move, "surveyed") and importing
// regions (the page's preview and commit, the script API).
import { parse } from "node-html-parser";
import { expect } from "vitest";
import { roleAccounts } from "../support";
import { bayiFacility, newVillage, one } from "./fixtures";
import { type Fields, newKey, type RouteRows } from "./support";

export const placeRows: Record<string, RouteRows> = {
  "routes/facilities.new": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const township = await one(
          ctx.pg<{ code: string; lat: number; lng: number }[]>`
            select t.code, f.lat, f.lng from facilities f join regions t on t.id = f.township_id
            join users u on u.facility_id = f.id where u.email = ${roleAccounts.stationBaiba}`,
        );
        return { ...township, name: `表单矩阵日间照料中心${ctx.serial()}` };
      },
      page: () => "/facilities/new",
      body: (g, ctx) => ({
        kind: "day_care_centre",
        name: g.name,
        townshipCode: g.code,
        lat: (g.lat + 0.002).toFixed(6),
        lng: (g.lng + 0.002).toFixed(6),
        coordQuality: "approximate",
        staffTarget: "2",
        serviceRadiusKm: "8",
        status: "planned",
        statusSince: ctx.today,
      }),
      answer: "redirect",
      shows: (g) => ["设施已创建", g.name, "规划中"],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select kind, status from facilities where name = ${g.name}`);
        expect(row).toEqual({ kind: "day_care_centre", status: "planned" });
      },
      audit: { action: "facility.create", entity: "facility" },
    },
  },

  "routes/facilities.$id_.edit": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => {
        const f = await bayiFacility(ctx, { station: false });
        return one(
          ctx.pg`select f.id, f.kind, f.name, t.code as "townshipCode", f.lat, f.lng, f.coord_quality as "coordQuality",
            f.staff_target as "staffTarget", f.service_radius_m as "radiusM"
          from facilities f join regions t on t.id = f.township_id where f.id = ${f.id}`,
        );
      },
      page: (f) => `/facilities/${f.id}/edit`,
      body: (f) => ({
        kind: f.kind,
        name: f.name,
        townshipCode: f.townshipCode,
        lat: String(f.lat),
        lng: String(f.lng),
        coordQuality: f.coordQuality,
        staffTarget: f.staffTarget == null ? "" : String(f.staffTarget),
        serviceRadiusKm: String(f.radiusM / 1000),
        phone: "0894-5820000",
        notes: "表单矩阵：更新联系电话",
      }),
      answer: "redirect",
      shows: () => ["修改已保存", "0894-5820000"],
      stored: async (ctx, f) => {
        const row = await one(ctx.pg`select phone, notes from facilities where id = ${f.id}`);
        expect(row).toEqual({ phone: "0894-5820000", notes: "表单矩阵：更新联系电话" });
      },
      audit: { action: "facility.update", entity: "facility" },
    },
  },

  "routes/facilities.$id": {
    // The life cycle's last step: 雄巴乡's station, in trial operation in the demo, opens; the coverage page of its
    // county no longer shows a station in trial (it covered already, and still does).
    status: {
      as: "plannerNgari",
      given: async (ctx) =>
        one(
          ctx.pg<
            { id: number }[]
          >`select id from facilities where code = '542525200000-SW01' and status = 'trial_operation'`,
        ),
      page: (f) => `/facilities/${f.id}`,
      body: (_f, ctx) => ({
        intent: "status",
        toStatus: "operating",
        effectiveOn: ctx.today,
        note: "表单矩阵：试运行结束，正式运营",
        confirm: "1",
      }),
      answer: "redirect",
      shows: () => ["状态已变更并记入历史", "表单矩阵：试运行结束，正式运营", "试运行 → ", "运营中"],
      look: () => [
        ["/coverage?region=542525000000", '<span data-testid="stations-in-trial">其中试运行 0 个</span>'],
      ],
      stored: async (ctx, f) => {
        const row = await one(
          ctx.pg`select f.status, h.from_status as "from", h.to_status as "to" from facilities f
          join facility_status_history h on h.facility_id = f.id where f.id = ${f.id} order by h.id desc limit 1`,
        );
        expect(row).toEqual({ status: "operating", from: "trial_operation", to: "operating" });
      },
      audit: { action: "facility.status", entity: "facility" },
    },
    location: {
      as: "plannerBayi",
      given: async (ctx) => bayiFacility(ctx, { station: false }),
      // Sent by the map page's fetcher (routes/map.tsx, saveLocation), not by a form on the facility's page.
      to: (f) => `/facilities/${f.id}`,
      body: (f) => ({
        intent: "location",
        _key: newKey(),
        lat: (f.lat + 0.001).toFixed(6),
        lng: (f.lng - 0.001).toFixed(6),
        datum: "wgs84",
        surveyed: "1",
      }),
      answer: "ok",
      look: (f) => [[`/facilities/${f.id}`, `${(f.lat + 0.001).toFixed(6)}, ${(f.lng - 0.001).toFixed(6)}`]],
      stored: async (ctx, f) => {
        const row = await one(ctx.pg`select lat, lng, coord_quality as q from facilities where id = ${f.id}`);
        expect(row).toEqual({
          lat: Number((f.lat + 0.001).toFixed(6)),
          lng: Number((f.lng - 0.001).toFixed(6)),
          q: "surveyed",
        });
      },
      audit: { action: "facility.move", entity: "facility" },
    },
    surveyed: {
      as: "plannerBayi",
      given: async (ctx) => bayiFacility(ctx, { station: false }),
      page: (f) => `/facilities/${f.id}`,
      body: () => ({ intent: "surveyed" }),
      answer: "redirect",
      shows: () => "位置已标记为实测",
      stored: async (ctx, f) => {
        const row = await one(ctx.pg`select coord_quality as q from facilities where id = ${f.id}`);
        expect(row.q).toBe("surveyed");
      },
      audit: { action: "facility.surveyed", entity: "facility" },
    },
  },

  "routes/regions.import": {
    preview: {
      as: "plannerBayi",
      given: async (ctx) => newVillage(ctx),
      page: () => "/regions/import",
      body: (g) => ({
        multipart: { intent: "preview", kind: "regions", datum: "wgs84", codeProperty: "code" },
        file: { name: "file", filename: "villages.csv", text: g.csv },
      }),
      answer: "ok",
      shows: (g) => ["预览结果（尚未写入）", g.code, "确认导入"],
      stored: async (ctx, g) => {
        const rows = await ctx.pg`select id from regions where code = ${g.code}`;
        expect(rows, "a preview writes nothing").toHaveLength(0);
      },
      audit: { none: "a preview writes nothing; the commit that follows it is audited" },
    },
    commit: {
      as: "plannerBayi",
      // The preview's answer carries the commit form with the exact text it showed.
      given: async (ctx, actor) => {
        const village = await newVillage(ctx);
        const form = new FormData();
        for (const [k, v] of Object.entries({
          intent: "preview",
          kind: "regions",
          datum: "wgs84",
          codeProperty: "code",
        }))
          form.append(k, v);
        form.append("file", new Blob([village.csv], { type: "text/csv" }), "villages.csv");
        const preview = await (
          await actor.client.request("/regions/import", { method: "POST", body: form })
        ).text();
        const commit = parse(preview)
          .querySelectorAll("form")
          .find((f) => f.querySelector('input[name="intent"]')?.getAttribute("value") === "commit");
        expect(commit, "the preview offers the commit").toBeDefined();
        const fields: Fields = {};
        for (const el of commit!.querySelectorAll("input, textarea")) {
          const name = el.getAttribute("name");
          if (name) fields[name] = el.tagName === "TEXTAREA" ? el.text : (el.getAttribute("value") ?? "");
        }
        return { ...village, fields };
      },
      to: () => "/regions/import",
      body: (g) => ({ multipart: g.fields }),
      answer: "ok",
      shows: (g) => ["导入完成", g.code],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select name, level from regions where code = ${g.code}`);
        expect(row).toEqual({ name: g.name, level: "village" });
      },
      audit: { action: "regions.import", entity: "region" },
    },
  },

  "routes/api.import.regions": {
    "(form)": {
      as: "plannerBayi",
      given: async (ctx) => newVillage(ctx),
      to: () => "/api/import/regions",
      body: (g) => ({ raw: g.csv, contentType: "text/csv" }),
      answer: "ok",
      reads: (json, res, g) => {
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
        const report = JSON.parse(json);
        expect(report).toMatchObject({ committed: true, problems: [] });
        expect(report.counts.inserted, g.code).toBe(1);
      },
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select name from regions where code = ${g.code}`);
        expect(row.name).toBe(g.name);
      },
      audit: { action: "regions.import", entity: "region" },
    },
  },
};
