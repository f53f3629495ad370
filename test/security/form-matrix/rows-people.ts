// Form matrix rows for people in care: the person's file, registering and editing, export and import,
// break-the-glass.
import { expect } from "vitest";
import { buildIdNumber } from "~/modules/people/id-number";
import { roleAccounts } from "../support";
import { one, personAtBaiba } from "./fixtures";
import type { RouteRows } from "./support";

export const peopleRows: Record<string, RouteRows> = {
  "routes/people.$id": {
    reveal: {
      as: "stationBaiba",
      given: async (ctx) => personAtBaiba(ctx, { adult: true }),
      page: (p) => `/people/${p.id}`,
      body: () => ({ intent: "reveal", reason: "表单矩阵：核对身份办理救助" }),
      answer: "ok",
      // The full number, whose ends are the masked number's.
      shows: (p) => new RegExp(`${p.masked.slice(0, 4)}\\d{10}${p.masked.slice(-4)}`),
      audit: { action: "person.reveal_id", entity: "person" },
    },
    risk: {
      as: "stationBaiba",
      given: async (ctx) => personAtBaiba(ctx),
      page: (p) => `/people/${p.id}`,
      body: () => ({ intent: "risk", riskTier: "high", riskReason: "表单矩阵：独居且患慢性病" }),
      answer: "ok",
      shows: () => ["风险等级已更新", "高风险"],
      stored: async (ctx, p) => {
        const row = await one(ctx.pg`select risk_tier, risk_reason from people where id = ${p.id}`);
        expect(row).toEqual({ risk_tier: "high", risk_reason: "表单矩阵：独居且患慢性病" });
      },
      audit: { action: "person.risk", entity: "person" },
    },
    status: {
      as: "stationBaiba",
      given: async (ctx) => personAtBaiba(ctx),
      page: (p) => `/people/${p.id}`,
      body: (_p, ctx) => ({
        intent: "status",
        status: "exited",
        statusOn: ctx.today,
        statusReason: "表单矩阵：迁往外地居住",
        confirm: "1",
      }),
      answer: "ok",
      shows: () => ["状态已更新", "已退出"],
      look: (p) => [[`/people/${p.id}`, "表单矩阵：迁往外地居住"]],
      stored: async (ctx, p) => {
        const row = await one(
          ctx.pg`select status, (select count(*)::int from visits v where v.person_id = p.id and v.status = 'scheduled') as open
          from people p where id = ${p.id}`,
        );
        expect(row, "off the register, no open visit left").toEqual({ status: "exited", open: 0 });
      },
      audit: { action: "person.status", entity: "person" },
    },
    event: {
      as: "stationBaiba",
      given: async (ctx) => personAtBaiba(ctx),
      page: (p) => `/people/${p.id}`,
      body: () => ({ intent: "event", eventKind: "illness", eventNote: "表单矩阵：突发疾病住院" }),
      answer: "ok",
      shows: () => "已安排 24 小时内的事件走访",
      stored: async (ctx, p) => {
        const row = await one(
          ctx.pg`select kind, status from visits where person_id = ${p.id} and kind = 'event' order by id desc limit 1`,
        );
        expect(row).toEqual({ kind: "event", status: "scheduled" });
      },
      audit: { action: "visit.event", entity: "visit" },
    },
    schedule: {
      as: "stationBaiba",
      given: async (ctx) => personAtBaiba(ctx),
      page: (p) => `/people/${p.id}`,
      body: (_p, ctx) => ({ intent: "schedule", dueOn: ctx.day(11) }),
      answer: "ok",
      shows: () => "走访已安排",
      stored: async (ctx, p) => {
        const row = await one(
          ctx.pg`select due_on::text as due from visits where person_id = ${p.id} and kind = 'routine' and status = 'scheduled'`,
        );
        expect(row.due).toBe(ctx.day(11));
      },
      audit: { action: "visit.schedule", entity: "visit" },
    },
  },

  "routes/people.new": {
    "(form)": {
      as: "stationBaiba",
      given: async (ctx) => {
        const n = ctx.serial();
        const [village] = await ctx.pg<{ id: number; code: string }[]>`
          select r.id, r.code from regions r join facilities f on f.township_id = r.parent_id
          join users u on u.facility_id = f.id where u.email = ${roleAccounts.stationBaiba} and r.level = 'village'
          order by r.code limit 1`;
        const birthDate = "1953-07-19";
        const idNumber = buildIdNumber({
          region6: village.code.slice(0, 6),
          birthDate,
          sequence: 700 + (n % 99) * 2 + 1,
        });
        return { name: `示例·矩阵新档${n}`, village: village.id, idNumber, birthDate };
      },
      page: () => "/people/new",
      body: (g) => ({
        fullName: g.name,
        idNumber: g.idNumber,
        sex: "male",
        birthDate: g.birthDate,
        villageId: String(g.village),
        categories: ["dibao", "advanced_age_elderly"],
        riskTier: "normal",
        address: "百巴村矩阵路1号",
      }),
      answer: "redirect",
      shows: (g) => [g.name, "已登记"],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select status, categories from people where full_name = ${g.name}`);
        expect(row).toEqual({ status: "active", categories: ["dibao", "advanced_age_elderly"] });
      },
      audit: { action: "person.create", entity: "person" },
    },
  },

  "routes/people_.$id.edit": {
    "(form)": {
      as: "stationBaiba",
      given: async (ctx) => {
        const p = await personAtBaiba(ctx);
        return one(
          ctx.pg`select id, full_name as "fullName", sex, birth_date::text as "birthDate", village_id as village,
            categories, address, phone, guardian_name as "guardianName", guardian_phone as "guardianPhone"
          from people where id = ${p.id}`,
        );
      },
      page: (p) => `/people/${p.id}/edit`,
      body: (p) => ({
        fullName: p.fullName,
        sex: p.sex,
        birthDate: p.birthDate,
        villageId: String(p.village),
        categories: p.categories,
        address: "百巴村矩阵路2号（新址）",
        phone: p.phone ?? "",
        guardianName: p.guardianName ?? "",
        guardianPhone: p.guardianPhone ?? "",
      }),
      answer: "redirect",
      shows: () => "百巴村矩阵路2号（新址）",
      stored: async (ctx, p) => {
        const row = await one(ctx.pg`select address from people where id = ${p.id}`);
        expect(row.address).toBe("百巴村矩阵路2号（新址）");
      },
      audit: { action: "person.update", entity: "person" },
    },
  },

  "routes/people.export": {
    "(form)": {
      as: "plannerBayi",
      // The register's export button: the full ID numbers, with a reason (the list's filters are in the query).
      to: () => "/people/export?q=%E7%A4%BA%E4%BE%8B",
      body: () => ({ unmasked: "1", reason: "表单矩阵：年度核查" }),
      answer: "ok",
      reads: (csv, res) => {
        expect(res.headers.get("content-type")).toMatch(/text\/csv/);
        expect(csv, "full ID numbers in the file").toMatch(/\b\d{17}[\dX]\b/);
      },
      audit: { action: "person.export_unmasked", entity: "person" },
    },
  },

  "routes/people.import": {
    "(form)": {
      as: "stationBaiba",
      given: async (ctx, actor) => {
        // The template the page links to, as the user downloads it.
        const download = await actor.client.get("/people/import-template.csv");
        expect(download.headers.get("content-type"), "the template is a CSV file").toMatch(/text\/csv/);
        const template = await download.text();
        const [header] = template.replace(/^\uFEFF/, "").split(/\r?\n/);
        const n = ctx.serial();
        const idNumber = buildIdNumber({
          region6: "540402",
          birthDate: "1952-02-23",
          sequence: 600 + (n % 99) * 2 + 1,
        });
        const name = `示例·矩阵导入${n}`;
        const row = [
          name,
          "男",
          "1952-02-23",
          idNumber,
          "540402101201",
          "低保",
          "一般",
          "",
          "百巴村矩阵路3号",
          "",
          "",
          "",
          "表单矩阵导入",
          "",
          // 户编号, 与户主关系 (optional: this person joins no household)
          "",
          "",
        ];
        return { name, csv: `${header}\n${row.join(",")}\n` };
      },
      page: () => "/people/import",
      body: (g) => ({ multipart: {}, file: { name: "file", filename: "people.csv", text: g.csv } }),
      answer: "ok",
      shows: () => "已导入 1 人",
      look: (g) => [[`/people?q=${encodeURIComponent(g.name)}`, g.name]],
      stored: async (ctx, g) => {
        const row = await one(ctx.pg`select status from people where full_name = ${g.name}`);
        expect(row.status).toBe("active");
      },
      audit: { action: "person.import", entity: "person" },
    },
  },

  "routes/access.emergency": {
    "(form)": {
      // A fresh Baiba account: the access it gets is bound to its session, which no other row uses.
      as: (ctx) => ctx.freshAccount(),
      given: async (ctx, actor) => {
        // An adult's file at another station, closed to this account until it breaks the glass.
        const [p] = await ctx.pg<{ id: number; name: string }[]>`
          select p.id, p.full_name as name from people p join users u on u.facility_id = p.station_id
          where u.email = ${roleAccounts.stationGar} and p.status = 'active'
            and p.birth_date < current_date - interval '18 years' order by p.id limit 1`;
        ctx.take("person", p.id);
        expect((await actor.client.get(`/people/${p.id}`)).status, "closed before").toBe(404);
        const ngari = await ctx.actor("plannerNgari");
        const revealed = await (
          await ngari.client.post(`/people/${p.id}.data`, {
            intent: "reveal",
            reason: "表单矩阵：取得测试用身份证号",
          })
        ).text();
        const idNumber = /"revealed","(\d{17}[\dX])"/.exec(revealed)?.[1];
        expect(idNumber, "the Ngari planner reveals the number the row looks up").toBeDefined();
        return { ...p, idNumber };
      },
      page: () => "/access/emergency",
      body: (g) => ({ idNumber: g.idNumber, reason: "表单矩阵：紧急送医需核实身份" }),
      answer: "redirect",
      shows: (g) => g.name,
      audit: { action: "break_glass", entity: "person" },
    },
  },
};
