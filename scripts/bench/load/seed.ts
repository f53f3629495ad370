// The province-size dataset of the load benchmark, bulk-loaded with COPY into a throw-away database: one synthetic
// province (code 66, unused by the official division) with prefectures, counties, a station per township, villages,
// people in care with encrypted ID numbers, staff accounts, organizations, contracts, money, activities and open visits.
import fs from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { activityKinds, expenditureCategories, hasChildCategory } from "#db/schema/enums";
import { buildIdNumber } from "~/modules/people/id-number";
import { ageFor, givenNames, pickCategories } from "../../seed/people";
import { intBetween, pick, randomFor } from "../../seed/random";
import { copyRows, withoutSecondaryIndexes } from "./bulk";
import type { Sizes } from "./config";

const PROVINCE = "66";
export const BENCH_PASSWORD = "bench-password-2024";
const BENCH_DOMAIN = "bench.local";

// The demo's given names and more: a province's people repeat names less.
const syllables = [
  ...givenNames,
  "群培",
  "仁增",
  "贡布",
  "嘎玛",
  "琼达",
  "阿旺",
  "丹增",
  "才旦",
  "措姆",
  "扎巴",
  "拉巴",
  "玉珍",
  "次旦",
  "加措",
  "洛布",
  "索南",
  "伦珠",
  "晋美",
  "桑杰",
  "贡嘎",
  "石达",
  "旦巴",
  "朗杰",
  "罗布",
]; // prettier-ignore
// The load's activities are of every named kind, never "other".
const namedActivityKinds = activityKinds.filter((kind) => kind !== "other");

type Layout = ReturnType<typeof layoutFor>;

/** Where everything sits: pure arithmetic on the sizes, so the workload can find ids without asking the database. */
function layoutFor(sizes: Sizes) {
  const stations = sizes.stations;
  const prefectures = Math.max(1, Math.round(stations / 290));
  const counties = Math.max(prefectures, Math.round(stations / 27));
  const countyOfTownship = (t: number) => Math.floor((t * counties) / stations);
  const townshipOfVillage = (v: number) => Math.floor((v * stations) / sizes.villages);
  const villageOfPerson = (p: number) => Math.floor((p * sizes.villages) / sizes.people);
  /** First person index (0-based) of a village. */
  const firstPersonOfVillage = (v: number) => Math.ceil((v * sizes.people) / sizes.villages);
  const firstVillageOfTownship = (t: number) => Math.ceil((t * sizes.villages) / stations);
  const orgsPerCounty = 3;
  // Ids are assigned here (COPY with explicit ids): regions 1 province, then prefectures, counties, townships, villages.
  const ids = {
    province: 1,
    prefecture: (f: number) => 2 + f,
    county: (c: number) => 2 + prefectures + c,
    township: (t: number) => 2 + prefectures + counties + t,
    village: (v: number) => 2 + prefectures + counties + stations + v,
    station: (t: number) => 1 + t,
    person: (p: number) => 1 + p,
    organization: (c: number, r: number) => 1 + c * orgsPerCounty + r,
  };
  return {
    prefectures,
    counties,
    orgsPerCounty,
    countyOfTownship,
    townshipOfVillage,
    villageOfPerson,
    firstPersonOfVillage,
    firstVillageOfTownship,
    /** Person ids (1-based, inclusive) of a station's township. */
    peopleOfStation: (t: number) => {
      const firstVillage = firstVillageOfTownship(t);
      const endVillage = firstVillageOfTownship(t + 1);
      return {
        first: ids.person(firstPersonOfVillage(firstVillage)),
        last: ids.person(firstPersonOfVillage(endVillage) - 1),
      };
    },
    prefectureOfCounty: (c: number) => Math.floor((c * prefectures) / counties),
    ids,
  };
}

function codes(layout: Layout, sizes: Sizes) {
  const prefecture = (f: number) => `${PROVINCE}${String(f + 1).padStart(2, "0")}00000000`;
  const countyLocal: number[] = [];
  const countyCode: string[] = [];
  const perPref = new Map<number, number>();
  for (let c = 0; c < layout.counties; c++) {
    const f = layout.prefectureOfCounty(c);
    const n = (perPref.get(f) ?? 0) + 1;
    perPref.set(f, n);
    countyLocal.push(n);
    countyCode.push(`${prefecture(f).slice(0, 4)}${String(n).padStart(2, "0")}000000`);
  }
  const townshipCode: string[] = [];
  const perCounty = new Map<number, number>();
  for (let t = 0; t < sizes.stations; t++) {
    const c = layout.countyOfTownship(t);
    const n = perCounty.get(c) ?? 0;
    perCounty.set(c, n + 1);
    if (n > 899) throw new Error("Too many townships in one county for 3 code digits");
    townshipCode.push(`${countyCode[c].slice(0, 6)}${String(100 + n)}000`);
  }
  const villageCode = (v: number) => {
    const t = layout.townshipOfVillage(v);
    const n = v - layout.firstVillageOfTownship(t);
    if (n > 799) throw new Error("Too many villages in one township for 3 code digits");
    return `${townshipCode[t].slice(0, 9)}${String(200 + n)}`;
  };
  return { province: `${PROVINCE}0000000000`, prefecture, countyCode, townshipCode, villageCode };
}

/** The layout and region codes of a dataset of these sizes (pure arithmetic): for tools run against a kept database. */
export function layoutAndCodes(sizes: Sizes) {
  const layout = layoutFor(sizes);
  return { layout, codes: codes(layout, sizes) };
}

export type Seeded = {
  layout: Layout;
  codes: ReturnType<typeof codes>;
  counts: Record<string, number>;
  timings: [string, number][];
  /** The second-factor secret of the admin and planner accounts. */
  totpSecret: string;
};

export async function seedProvince(
  sql: postgres.Sql,
  sizes: Sizes,
  { today, log }: { today: string; log: (line: string) => void },
): Promise<Seeded> {
  const layout = layoutFor(sizes);
  const c = codes(layout, sizes);
  const rand = randomFor("bench-load");
  const year = Number(today.slice(0, 4));
  const timings: [string, number][] = [];
  const counts: Record<string, number> = {};
  const step = async (label: string, work: () => Promise<number>) => {
    const start = performance.now();
    const n = await work();
    const ms = performance.now() - start;
    timings.push([label, ms]);
    counts[label] = n;
    log(`  ${label.padEnd(34)} ${n.toLocaleString("en").padStart(10)} rows  ${(ms / 1000).toFixed(1)} s`);
  };
  await sql`set synchronous_commit = off`;
  await sql`set maintenance_work_mem = '512MB'`;

  // Regions: a 12-digit hierarchy, points inside a 10° × 6° box of the Tibetan plateau.
  await step("regions", async () => {
    const countyCenter = (i: number) => ({
      lng: 80 + (i % 10) * 1.0 + 0.5,
      lat: 28 + Math.floor(i / 10) * (6 / Math.ceil(layout.counties / 10)) + 0.3,
    });
    type Point = { lng: number; lat: number };
    /** A row in the order of the COPY's columns; a region without a point is of unknown placement. */
    const region = (
      id: number,
      code: string,
      level: string,
      parentId: number | null,
      name: string,
      p?: Point,
    ) => [id, code, level, parentId, name, p?.lat ?? null, p?.lng ?? null, p ? "approximate" : "unknown"];
    const townshipPoint: Point[] = [];
    function* rows() {
      yield region(layout.ids.province, c.province, "province", null, "基准省");
      for (let f = 0; f < layout.prefectures; f++)
        yield region(
          layout.ids.prefecture(f),
          c.prefecture(f),
          "prefecture",
          layout.ids.province,
          `基准地区${f + 1}`,
        );
      for (let i = 0; i < layout.counties; i++) {
        const parent = layout.ids.prefecture(layout.prefectureOfCounty(i));
        yield region(
          layout.ids.county(i),
          c.countyCode[i],
          "county",
          parent,
          `基准县${i + 1}`,
          countyCenter(i),
        );
      }
      for (let t = 0; t < sizes.stations; t++) {
        const center = countyCenter(layout.countyOfTownship(t));
        const p = { lng: center.lng + (rand() - 0.5) * 0.9, lat: center.lat + (rand() - 0.5) * 0.5 };
        townshipPoint.push(p);
        const parent = layout.ids.county(layout.countyOfTownship(t));
        yield region(layout.ids.township(t), c.townshipCode[t], "township", parent, `基准乡${t + 1}`, p);
      }
      for (let v = 0; v < sizes.villages; v++) {
        const t = layout.townshipOfVillage(v);
        const p = {
          lat: townshipPoint[t].lat + (rand() - 0.5) * 0.1,
          lng: townshipPoint[t].lng + (rand() - 0.5) * 0.1,
        };
        yield region(
          layout.ids.village(v),
          c.villageCode(v),
          "village",
          layout.ids.township(t),
          `基准村${v + 1}`,
          p,
        );
      }
    }
    const n = await copyRows(
      sql,
      "regions",
      ["id", "code", "level", "parent_id", "name", "lat", "lng", "coord_quality"],
      rows(),
    );
    await sql`update regions set population = 300 + (id * 7919) % 1500 where level = 'village'`;
    return n;
  });

  await step("stations", () => {
    function* rows() {
      for (let t = 0; t < sizes.stations; t++) {
        const operating = t % 20 !== 19;
        yield [
          layout.ids.station(t),
          `${c.townshipCode[t]}-SW01`,
          "social_work_station",
          `基准乡${t + 1}社会工作服务站`,
          layout.ids.township(t),
          operating ? "operating" : "under_construction",
          operating ? `${year - 2}-06-01` : null,
          3,
          15000,
        ];
      }
    } // prettier-ignore
    return copyRows(
      sql,
      "facilities",
      [
        "id",
        "code",
        "kind",
        "name",
        "township_id",
        "status",
        "opened_on",
        "staff_target",
        "service_radius_m",
      ],
      rows(),
    ).then(async (n) => {
      await sql`update facilities f set lat = t.lat + 0.004, lng = t.lng + 0.004, coord_quality = 'approximate' from regions t where t.id = f.township_id`;
      return n;
    });
  });

  await step("organizations", () => {
    function* rows() {
      for (let i = 0; i < layout.counties; i++)
        for (let r = 0; r < layout.orgsPerCounty; r++)
          yield [
            layout.ids.organization(i, r),
            `基准县${i + 1}社工服务中心${"甲乙丙"[r]}`,
            `52${c.countyCode[i].slice(0, 6)}${String(r + 1).padStart(9, "0")}X`,
            "social_service_agency",
            layout.ids.county(i),
            r === 0,
          ];
    } // prettier-ignore
    return copyRows(
      sql,
      "organizations",
      ["id", "name", "credit_code", "kind", "region_id", "has_party_branch"],
      rows(),
    );
  });

  // Accounts: admin, auditor, planners for the province, each prefecture and each county, one per station, the rest
  // organization staff. One argon2 hash serves all (same password); admin and planners have a second factor.
  const { hashPassword } = await import("~/modules/auth/password.server");
  const { newTotpSecret, sealTotpSecret } = await import("~/modules/auth/totp.server");
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const totpSecret = newTotpSecret();
  const sealed = sealTotpSecret(totpSecret);
  const orgCount = layout.counties * layout.orgsPerCounty;
  const fixedAccounts = 2 + 1 + layout.prefectures + layout.counties + sizes.stations;
  const orgStaff = Math.max(orgCount, sizes.staff - fixedAccounts);
  const firstOrgStaffId = fixedAccounts + 1;
  await step("users", () => {
    let id = 0;
    type Place = { regionId?: number; organizationId?: number; facilityId?: number };
    /** A row in the order of the COPY's columns; the admin and planners sign in with a second factor. */
    const account = (
      email: string,
      name: string,
      role: string,
      place: Place,
      { stationHead = false, secondFactor = false } = {},
    ) => [
      ++id,
      email,
      name,
      passwordHash,
      role,
      place.regionId ?? null,
      place.organizationId ?? null,
      place.facilityId ?? null,
      stationHead,
      secondFactor ? sealed : null,
    ];
    const planner = (email: string, name: string, regionId: number) =>
      account(email, name, "planner", { regionId }, { secondFactor: true });
    function* rows() {
      yield account(`admin@${BENCH_DOMAIN}`, "基准管理员", "admin", {}, { secondFactor: true });
      yield account(`auditor@${BENCH_DOMAIN}`, "基准审计员", "auditor", { regionId: layout.ids.province });
      yield planner(`planner.${PROVINCE}@${BENCH_DOMAIN}`, "省规划员", layout.ids.province);
      for (let f = 0; f < layout.prefectures; f++)
        yield planner(
          `planner.${c.prefecture(f).slice(0, 4)}@${BENCH_DOMAIN}`,
          `地区规划员${f + 1}`,
          layout.ids.prefecture(f),
        );
      for (let i = 0; i < layout.counties; i++)
        yield planner(
          `planner.${c.countyCode[i].slice(0, 6)}@${BENCH_DOMAIN}`,
          `县规划员${i + 1}`,
          layout.ids.county(i),
        );
      for (let t = 0; t < sizes.stations; t++)
        yield account(
          `station.${t + 1}@${BENCH_DOMAIN}`,
          `站点社工${t + 1}`,
          "station_staff",
          { facilityId: layout.ids.station(t) },
          { stationHead: true },
        );
      for (let k = 0; k < orgStaff; k++) {
        const org = k % orgCount;
        const email = `org.${org + 1}.${Math.floor(k / orgCount) + 1}@${BENCH_DOMAIN}`;
        yield account(email, `机构社工${k + 1}`, "org_staff", { organizationId: org + 1 });
      }
    } // prettier-ignore
    return copyRows(
      sql,
      "users",
      [
        "id",
        "email",
        "name",
        "password_hash",
        "role",
        "region_id",
        "organization_id",
        "facility_id",
        "is_station_head",
        "totp_secret_cipher",
      ],
      rows(),
    ).then(async (n) => {
      await sql`update users set totp_enabled_at = now() where totp_secret_cipher is not null`;
      return n;
    });
  });
  const stationUserId = (t: number) => 3 + 1 + layout.prefectures + layout.counties + t;
  const orgStaffOf = (org: number) => firstOrgStaffId + org; // the first staff account of each organization

  await step("care projects", () => {
    function* rows() {
      for (let i = 0; i < layout.counties; i++)
        yield [
          i + 1,
          `CP-${c.countyCode[i].slice(0, 6)}`,
          `基准县${i + 1}困境儿童关爱项目`,
          "children",
          layout.ids.county(i),
          `${year}-01-01`,
          `${year}-12-31`,
        ];
    } // prettier-ignore
    return copyRows(
      sql,
      "care_projects",
      ["id", "code", "name", "kind", "region_id", "starts_on", "ends_on"],
      rows(),
    );
  });

  // Contracts: this year's (active) and last year's (completed) for every operating station, and each county's
  // children's project. Current contract of station t has id t+1.
  const operating = (t: number) => t % 20 !== 19;
  const contractOrg = (t: number) =>
    layout.ids.organization(layout.countyOfTownship(t), t % layout.orgsPerCounty);
  const currentContracts: {
    id: number;
    org: number;
    station: number | null;
    amount: number;
    county: number;
  }[] = [];
  await step("contracts", () => {
    let id = 0;
    function* rows() {
      for (let t = 0; t < sizes.stations; t++) {
        id = t + 1;
        if (!operating(t)) continue;
        currentContracts.push({
          id,
          org: contractOrg(t),
          station: t,
          amount: 30_000_000,
          county: layout.countyOfTownship(t),
        });
        yield [
          id,
          `BJ-${year}-${t + 1}`,
          `基准乡${t + 1}社工站运营 ${year}`,
          contractOrg(t),
          layout.ids.station(t),
          null,
          `${year}-01-01`,
          `${year}-12-31`,
          30_000_000,
          "public_tender",
          "active",
          JSON.stringify({ activitiesPerMonth: 8, personTimesPerYear: 1200 }),
        ];
      }
      id = sizes.stations;
      for (let t = 0; t < sizes.stations; t++) {
        if (!operating(t)) continue;
        yield [
          ++id,
          `BJ-${year - 1}-${t + 1}`,
          `基准乡${t + 1}社工站运营 ${year - 1}`,
          contractOrg(t),
          layout.ids.station(t),
          null,
          `${year - 1}-01-01`,
          `${year - 1}-12-31`,
          28_000_000,
          "public_tender",
          "completed",
          JSON.stringify({ activitiesPerMonth: 8 }),
        ];
      }
      for (let i = 0; i < layout.counties; i++) {
        currentContracts.push({
          id: ++id,
          org: layout.ids.organization(i, 0),
          station: null,
          amount: 10_000_000,
          county: i,
        });
        yield [
          id,
          `BJ-CP-${year}-${i + 1}`,
          `基准县${i + 1}困境儿童关爱 ${year}`,
          layout.ids.organization(i, 0),
          null,
          i + 1,
          `${year}-01-01`,
          `${year}-12-31`,
          10_000_000,
          "competitive_consultation",
          "active",
          JSON.stringify({ activitiesPerMonth: 4 }),
        ];
      }
    } // prettier-ignore
    return copyRows(
      sql,
      "contracts",
      [
        "id",
        "code",
        "title",
        "organization_id",
        "facility_id",
        "care_project_id",
        "starts_on",
        "ends_on",
        "amount_fen",
        "procurement_method",
        "status",
        "deliverables",
      ],
      rows(),
    );
  });
  await sql`update contracts set activated_at = now() where status in ('active', 'completed')`;

  // Money: a fiscal source per county this year; each current contract gets 80% of its amount allocated.
  await step("funding and allocations", async () => {
    const byCounty = new Map<number, number>();
    for (const k of currentContracts) byCounty.set(k.county, (byCounty.get(k.county) ?? 0) + k.amount);
    await copyRows(
      sql,
      "funding_sources",
      ["id", "name", "kind", "year", "region_id", "total_fen"],
      (function* () {
        for (let i = 0; i < layout.counties; i++)
          yield [
            i + 1,
            `基准县${i + 1}${year}年社工站专项资金`,
            "fiscal",
            year,
            layout.ids.county(i),
            Math.round((byCounty.get(i) ?? 0) * 1.25),
          ];
      })(),
    ); // prettier-ignore
    const n = await copyRows(
      sql,
      "allocations",
      ["funding_source_id", "contract_id", "amount_fen", "allocated_on"],
      (function* () {
        for (const k of currentContracts)
          yield [k.county + 1, k.id, Math.round(k.amount * 0.8), `${year}-01-15`];
      })(),
    ); // prettier-ignore
    await sql`update funding_sources s set allocated_fen = a.total from (select funding_source_id, sum(amount_fen) as total from allocations group by 1) a where a.funding_source_id = s.id`;
    return n + layout.counties;
  });

  // People in care: contiguous ids per village, villages per township, townships per county (see layoutFor).
  const { protectIdNumber } = await import("~/modules/people/id-number-crypto.server");
  const { nameColumns } = await import("~/modules/people/names/keys");
  // why: a few hundred distinct names among millions of files; pinyin once per name, not per file.
  const nameColumnsOf = new Map<string, ReturnType<typeof nameColumns>>();
  // why: the history trigger writes four rows per new file, one at a time; for millions of files the migration's own
  // set-based backfill (below) does the same in a few statements.
  await sql`alter table people disable trigger people_history`;
  await step("people", () =>
    withoutSecondaryIndexes(sql, "people", () => {
      const todayMs = Date.parse(`${today}T00:00:00Z`);
      let county = -1;
      let used = new Set<string>();
      function* rows() {
        for (let p = 0; p < sizes.people; p++) {
          const v = layout.villageOfPerson(p);
          const t = layout.townshipOfVillage(v);
          const ci = layout.countyOfTownship(t);
          if (ci !== county) {
            county = ci;
            used = new Set();
          }
          const categories = pickCategories(rand);
          const age = ageFor(categories, rand);
          const birth = new Date(todayMs - (age * 365.25 + intBetween(rand, 1, 360)) * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const male = rand() < 0.5;
          let sequence = intBetween(rand, 0, 498) * 2 + (male ? 1 : 0);
          let idNumber = buildIdNumber({ region6: c.countyCode[ci].slice(0, 6), birthDate: birth, sequence });
          while (used.has(idNumber)) {
            sequence = (sequence + 2) % 1000;
            idNumber = buildIdNumber({ region6: c.countyCode[ci].slice(0, 6), birthDate: birth, sequence });
          }
          used.add(idNumber);
          const protectedId = protectIdNumber(idNumber);
          const child = hasChildCategory(categories);
          const r = rand();
          const status = r < 0.96 ? "active" : r < 0.99 ? "exited" : "deceased";
          const risk = rand();
          const personId = layout.ids.person(p);
          // The open visit "open visits" inserts below for this person, so next_due_on is loaded, not recomputed.
          const nextDue =
            status === "active" && operating(t)
              ? new Date(todayMs + (((personId * 7919) % 121) - 30) * 86_400_000).toISOString().slice(0, 10)
              : null;
          const fullName = `示例·${pick(rand, syllables)}${pick(rand, syllables)}`;
          let names = nameColumnsOf.get(fullName);
          if (!names) {
            names = nameColumns(fullName);
            nameColumnsOf.set(fullName, names);
          }
          yield [
            personId,
            fullName,
            names.nameKey,
            names.nameSearch,
            male ? "male" : "female",
            birth,
            protectedId.idNumberCipher,
            protectedId.idNumberHash,
            protectedId.idNumberMasked,
            layout.ids.village(v),
            operating(t) ? layout.ids.station(t) : null,
            `基准村${v + 1}${intBetween(rand, 1, 200)}号`,
            `13${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`,
            child ? `示例·${pick(rand, syllables)}` : null,
            child ? `13${String(Math.floor(rand() * 1e9)).padStart(9, "0")}` : null,
            categories,
            risk < 0.03 ? "high" : risk < 0.13 ? "key" : "normal",
            risk < 0.13 ? "独居，需重点关注" : null,
            status,
            status === "active" ? null : `${year - 1}-09-01`,
            nextDue,
          ];
        }
      } // prettier-ignore
      return copyRows(
        sql,
        "people",
        [
          "id",
          "full_name",
          "name_key",
          "name_search",
          "sex",
          "birth_date",
          "id_number_cipher",
          "id_number_hash",
          "id_number_masked",
          "village_id",
          "station_id",
          "address",
          "phone",
          "guardian_name",
          "guardian_phone",
          "categories",
          "risk_tier",
          "risk_reason",
          "status",
          "status_on",
          "next_due_on",
        ],
        rows(),
      ); // prettier-ignore
    }),
  );

  await sql`alter table people enable trigger people_history`;
  await step("people's history (as the migration backfills it)", () =>
    withoutSecondaryIndexes(sql, "person_history", async () => {
      let n = 0;
      for (const statement of historyBackfill()) n += (await sql.unsafe(statement)).count;
      return n;
    }),
  );

  // One open routine visit per active person, due from 30 days ago to 90 days ahead, assigned to the station's account.
  // The name columns were loaded with the files: mark them current, or the app's start would recompute them all.
  const { nameKeysVersion } = await import("~/modules/people/names/refresh.server");
  await sql`insert into app_meta (key, value) values ('name_keys_version', to_jsonb(${nameKeysVersion}::text))
            on conflict (key) do update set value = excluded.value`;

  await step("open visits", () =>
    withoutSecondaryIndexes(sql, "visits", async () => {
      // why: people.next_due_on was loaded with the people; the trigger would recompute it for millions of rows.
      await sql`alter table visits disable trigger visits_next_due_insert`;
      const firstStationUser = stationUserId(0);
      const result = await sql`
        insert into visits (person_id, station_id, assigned_user_id, kind, due_on, status)
        select p.id, p.station_id, ${firstStationUser}::int + p.station_id - 1, 'routine',
          ${today}::date + ((p.id::bigint * 7919) % 121 - 30)::int, 'scheduled'
        from people p where p.status = 'active' and p.station_id is not null`;
      await sql`alter table visits enable trigger visits_next_due_insert`;
      return result.count;
    }),
  );

  await step("activities", async () => {
    const dayOfYear = Math.max(
      1,
      Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000),
    );
    let id = 0;
    const links: number[][] = [];
    function* rows() {
      for (const k of currentContracts) {
        for (let a = 0; a < sizes.activitiesPerContract; a++) {
          const participants = intBetween(rand, 3, 40);
          const day = new Date(
            Date.parse(`${year}-01-01T00:00:00Z`) +
              Math.floor((a * dayOfYear) / sizes.activitiesPerContract) * 86_400_000,
          )
            .toISOString()
            .slice(0, 10);
          id++;
          if (k.station !== null) {
            const range = layout.peopleOfStation(k.station);
            const first = intBetween(rand, range.first, range.last);
            links.push([id, first]);
            if (first < range.last) links.push([id, first + 1]);
          }
          yield [
            id,
            k.id,
            k.org,
            k.station === null ? null : layout.ids.station(k.station),
            k.station === null ? k.county + 1 : null,
            day,
            pick(rand, namedActivityKinds),
            participants,
            participants + intBetween(rand, 0, 20),
            intBetween(rand, 1, 8),
            "基准活动：入户走访与集体活动",
            orgStaffOf(k.org - 1),
          ];
        }
      }
    } // prettier-ignore
    const n = await copyRows(
      sql,
      "activities",
      [
        "id",
        "contract_id",
        "organization_id",
        "facility_id",
        "care_project_id",
        "occurred_on",
        "kind",
        "participants",
        "person_times",
        "hours",
        "summary",
        "created_by",
      ],
      rows(),
    ); // prettier-ignore
    await copyRows(sql, "activity_people", ["activity_id", "person_id"], links);
    return n;
  });

  await step("expenditures", () => {
    function* rows() {
      for (const k of currentContracts)
        for (let e = 0; e < sizes.expendituresPerContract; e++)
          yield [
            k.id,
            `${year}-01-${String(1 + (e % 28)).padStart(2, "0")}`,
            pick(rand, expenditureCategories),
            intBetween(rand, 500, 5000) * 100,
            "基准支出",
            orgStaffOf(k.org - 1),
          ];
    } // prettier-ignore
    return copyRows(
      sql,
      "expenditures",
      ["contract_id", "spent_on", "category", "amount_fen", "description", "created_by"],
      rows(),
    ); // prettier-ignore
  });

  await step("sequences and statistics", async () => {
    const tables = await sql<{ t: string }[]>`
      select table_name as t from information_schema.columns
      where table_schema = current_schema() and column_name = 'id' and column_default like 'nextval%'`;
    for (const { t } of tables)
      await sql.unsafe(
        `select setval(pg_get_serial_sequence('${t}', 'id'), greatest(1, (select coalesce(max(id), 0) from "${t}")))`,
      );
    await sql`vacuum (analyze)`;
    return tables.length;
  });
  return { layout, codes: c, counts, timings, totpSecret };
}

/** Sign-in names of the accounts, in the order the workload uses them. */
export const accounts = {
  admin: `admin@${BENCH_DOMAIN}`,
  planner: (code6or4: string) => `planner.${code6or4}@${BENCH_DOMAIN}`,
  station: (t: number) => `station.${t + 1}@${BENCH_DOMAIN}`,
  org: (org: number, k = 1) => `org.${org}.${k}@${BENCH_DOMAIN}`,
};

/** The statements of the history migration that fill person_history from the files already there. */
function historyBackfill(): string[] {
  const dir = path.join(import.meta.dirname, "../../../db/migrations");
  const file = fs.readdirSync(dir).find((f) => f.endsWith("_facility_life_cycle_and_person_history.sql"));
  if (!file) throw new Error("the person history migration is missing");
  return fs
    .readFileSync(path.join(dir, file), "utf8")
    .split("--> statement-breakpoint")
    .filter((s) => /insert into person_history/i.test(s) && /from people/i.test(s))
    .map((s) => s.trim());
}
