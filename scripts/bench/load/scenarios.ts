// Who the simulated users are and what they do: station staff keep their people's files and visits, county planners
// browse the register, contracts, map data and search people across their county, organization staff record spending.
// Afterwards, every acknowledged write is looked up in the database.
import fs from "node:fs";
import path from "node:path";
import { generate } from "otplib";
import type postgres from "postgres";
import { buildIdNumber } from "~/modules/people/id-number";
import type { Sizes } from "./config";
import { accounts, BENCH_PASSWORD, type Seeded } from "./seed";
import { type InProcessKind, type SimUser, type Step, signIn, type Write } from "./workload";

const root = path.resolve(import.meta.dirname, "../../..");
const has = (route: string) => fs.existsSync(path.join(root, "app/routes", route));

/** Names people search the register for (whole names, as a worker types them). */
export const searchNames = [
  "扎西卓玛",
  "次仁央金",
  "格桑德吉",
  "平措旺堆",
  "多吉曲珍",
  "尼玛达瓦",
  "索朗白玛",
  "强巴顿珠",
];

async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

export async function buildUsers({
  sql,
  baseUrl,
  seeded,
  sizes,
  count,
  today,
}: {
  sql: postgres.Sql;
  baseUrl: string;
  seeded: Seeded;
  sizes: Sizes;
  count: number;
  today: string;
}): Promise<SimUser[]> {
  const { layout, codes } = seeded;
  const people = has("people.$id.tsx");
  const visits = has("visits.$id.tsx");
  const operating = Array.from({ length: sizes.stations }, (_, t) => t).filter((t) => t % 20 !== 19);
  const nStation = Math.round(count * 0.5);
  const nPlanner = Math.round(count * 0.25);
  const nOrg = count - nStation - nPlanner;
  const specs: { email: string; role: string; next: (n: number) => Step }[] = [];

  for (let i = 0; i < nStation; i++) {
    const t = operating[Math.floor((i * operating.length) / nStation)];
    const stationId = layout.ids.station(t);
    const range = layout.peopleOfStation(t);
    const open = visits
      ? (
          await sql<
            { id: number }[]
          >`select id from visits where station_id = ${stationId} and status = 'scheduled' order by due_on, id limit 500`
        ).map((r) => r.id)
      : [];
    let visitIndex = 0;
    const personPage = (n: number): Step => ({
      kind: "GET person page",
      method: "GET",
      path: `/people/${range.first + ((n * 7919 + i * 104729) % (range.last - range.first + 1))}`,
    });
    const script: ((n: number) => Step)[] = people
      ? [
          () => ({ kind: "GET people list (station)", method: "GET", path: "/people" }),
          personPage,
          ...(visits ? [() => ({ kind: "GET visit list", method: "GET", path: "/visits" }) as Step] : []),
          personPage,
          ...(visits && open.length
            ? [
                (): Step => ({
                  kind: "POST visit outcome",
                  method: "POST",
                  path: `/visits/${open[visitIndex++ % open.length]}`,
                  form: {
                    intent: "record",
                    outcome: "visited",
                    visitedOn: today,
                    notes: "基准走访：情况稳定",
                  },
                  write: "visit outcome",
                }),
              ]
            : []),
          () => ({ kind: "GET facility page", method: "GET", path: `/facilities/${stationId}` }),
        ]
      : [
          () => ({ kind: "GET facility page", method: "GET", path: `/facilities/${stationId}` }),
          () => ({ kind: "GET activity list", method: "GET", path: "/activities" }),
          () => ({ kind: "GET contract list", method: "GET", path: "/contracts" }),
        ];
    specs.push({
      email: accounts.station(t),
      role: "station staff",
      next: (n) => script[n % script.length](n),
    });
  }

  for (let i = 0; i < nPlanner; i++) {
    const county = i % layout.counties;
    const county6 = codes.countyCode[county].slice(0, 6);
    const rows = await sql<{ facility: number; contract: number | null }[]>`
      select f.id as facility, c.id as contract from facilities f
      join regions t on t.id = f.township_id
      left join contracts c on c.facility_id = f.id and c.status = 'active'
      where t.code like ${`${county6}%`} order by f.id`;
    const contracts = rows.filter((r) => r.contract !== null).map((r) => r.contract as number);
    const script: ((n: number) => Step)[] = [
      (n) => ({ kind: "GET facility list", method: "GET", path: `/facilities?page=${1 + (n % 3)}` }),
      (n) => ({
        kind: "GET facility page",
        method: "GET",
        path: `/facilities/${rows[n % rows.length].facility}`,
      }),
      () => ({ kind: "GET contract list", method: "GET", path: "/contracts" }),
      (n) => ({
        kind: "GET contract page",
        method: "GET",
        path: `/contracts/${contracts[n % contracts.length]}`,
      }),
      ...(people
        ? [
            (n: number): Step => ({
              kind: "GET people search (county)",
              method: "GET",
              path: `/people?q=${encodeURIComponent(searchNames[(n + i) % searchNames.length])}`,
            }),
          ]
        : []),
      () => ({ kind: "GET map points", method: "GET", path: "/api/facilities/points" }),
      () => ({ kind: "GET activity list", method: "GET", path: "/activities" }),
    ];
    specs.push({
      email: accounts.planner(county6),
      role: "county planner",
      next: (n) => script[n % script.length](n),
    });
  }

  const orgCount = layout.counties * layout.orgsPerCounty;
  for (let i = 0; i < nOrg; i++) {
    const org = 1 + Math.floor((i * orgCount) / nOrg);
    const contracts = (
      await sql<
        { id: number }[]
      >`select id from contracts where organization_id = ${org} and status = 'active' order by id`
    ).map((r) => r.id);
    if (contracts.length === 0) continue;
    const script: ((n: number) => Step)[] = [
      () => ({ kind: "GET contract list", method: "GET", path: "/contracts" }),
      (n) => ({
        kind: "GET expenditure page",
        method: "GET",
        path: `/contracts/${contracts[n % contracts.length]}/expenditures`,
      }),
      (n) => ({
        kind: "POST expenditure",
        method: "POST",
        path: `/contracts/${contracts[n % contracts.length]}/expenditures`,
        form: {
          spentOn: today,
          category: "activities",
          amount: `${100 + (n % 900)}.50`,
          description: "基准支出：活动物资",
        },
        write: "expenditure",
      }),
      () => ({ kind: "GET activity list", method: "GET", path: "/activities" }),
      (n) => ({
        kind: "GET contract page",
        method: "GET",
        path: `/contracts/${contracts[n % contracts.length]}`,
      }),
    ];
    specs.push({
      email: accounts.org(org),
      role: "organization staff",
      next: (n) => script[n % script.length](n),
    });
  }

  // One sign-in per account (a planner's TOTP code may be used once); connections sharing an account share its cookie.
  const emails = [...new Set(specs.map((s) => s.email))];
  const cookies = new Map<string, string>();
  await pool(emails, 4, async (email) => {
    cookies.set(
      email,
      await signIn(baseUrl, email, BENCH_PASSWORD, () => generate({ secret: seeded.totpSecret })),
    );
  });
  return specs.map((s) => ({ ...s, cookie: cookies.get(s.email)! }));
}

export const COUNTY_SEARCH_NAMES = "people search (county), names query [in process]";
export const COUNTY_SEARCH_OLD = "people search (county), old query before the names [in process]";

/**
 * Issue 16's comparison: a county planner's people search as the page reads it today (every spelling, pinyin, the
 * name key: people.name_search) and as it read it before the names (`full_name ILIKE`, the "plain" name query), the
 * same planners and names, each run through the register's own listPeople (its page and its capped count; no
 * rendering, no audit row), read-only. Both kinds run in this process (the app serves only today's query).
 */
export async function countySearchKinds(sql: postgres.Sql, users: SimUser[]): Promise<InProcessKind[]> {
  const { loadSessionUser } = await import("~/modules/access/guard.server");
  const { listPeople } = await import("~/modules/people/queries.server");
  const { peopleFiltersFrom } = await import("~/modules/people/schemas");
  const emails = [...new Set(users.filter((u) => u.role === "county planner").map((u) => u.email))];
  const rows = await sql<{ id: number }[]>`select id from users where email = any(${emails}) order by id`;
  const planners = (await Promise.all(rows.map((r) => loadSessionUser(r.id, "bench")))).filter(
    (u) => u !== null,
  );
  if (planners.length === 0) return [];
  const search = (n: number) => {
    const q = searchNames[n % searchNames.length];
    return {
      user: planners[Math.floor(n / searchNames.length) % planners.length],
      filters: peopleFiltersFrom(new URLSearchParams({ q })),
      q,
    };
  };
  return [
    {
      kind: COUNTY_SEARCH_NAMES,
      run: (n) => {
        const { user, filters } = search(n);
        return listPeople({ user, filters, pageSize: 30 });
      },
    },
    {
      kind: COUNTY_SEARCH_OLD,
      run: (n) => {
        const { user, filters, q } = search(n);
        return listPeople({ user, filters, pageSize: 30, nameQuery: { kind: "plain", text: q } });
      },
    },
  ];
}

export async function verifyWrites(sql: postgres.Sql, writes: Write[]) {
  const acknowledged = writes.filter(
    (w) => (w.status === 302 || w.status === 303) && !w.location.startsWith("/login"),
  );
  const unacknowledged = writes.filter((w) => !acknowledged.includes(w));
  const unacknowledgedStatuses: Record<string, number> = {};
  for (const w of unacknowledged)
    unacknowledgedStatuses[w.status] = (unacknowledgedStatuses[w.status] ?? 0) + 1;
  const examples: string[] = [];
  let missing = 0;
  const keys = acknowledged.map((w) => w.key);
  const stored = new Set(
    (
      await sql<
        { key: string }[]
      >`select key::text from form_submissions where key = any(${keys}::uuid[]) and result is not null`
    ).map((r) => r.key),
  );
  const expenditureIds = acknowledged
    .filter((w) => w.kind === "expenditure")
    .map((w) => Number(new URL(w.location, "http://x").searchParams.get("recorded")));
  const foundExpenditures = new Set(
    (await sql<{ id: number }[]>`select id from expenditures where id = any(${expenditureIds}::int[])`).map(
      (r) => r.id,
    ),
  );
  const visitIds = acknowledged
    .filter((w) => w.kind === "visit outcome")
    .map((w) => Number(w.path.split("/")[2]));
  const completed = new Set(
    (
      await sql<
        { id: number }[]
      >`select id from visits where id = any(${visitIds}::int[]) and status = 'completed'`
    ).map((r) => r.id),
  );
  for (const w of acknowledged) {
    let ok = stored.has(w.key);
    if (w.kind === "expenditure")
      ok &&= foundExpenditures.has(Number(new URL(w.location, "http://x").searchParams.get("recorded")));
    if (w.kind === "visit outcome") ok &&= completed.has(Number(w.path.split("/")[2]));
    if (!ok) {
      missing++;
      if (examples.length < 5) examples.push(`${w.kind} ${w.path} key ${w.key}`);
    }
  }
  return {
    acknowledged: acknowledged.length,
    missing,
    unacknowledged: unacknowledged.length,
    unacknowledgedStatuses,
    examples,
  };
}

/** A people CSV in the import template's columns: synthetic ID numbers (region 669999, not a county) in one county. */
function importCsv(villageCodes: string[], rows: number, offset: number): string {
  const lines = [
    "姓名,性别,出生日期,身份证号,村（代码或名称）,类别,风险等级,风险原因,地址,电话,监护人,监护人电话,备注",
  ];
  for (let i = 0; i < rows; i++) {
    const n = offset + i;
    const birthDate = new Date(Date.UTC(1940, 0, 1) + (n % 20_000) * 86_400_000).toISOString().slice(0, 10);
    const sequence = Math.floor(n / 20_000);
    const id = buildIdNumber({ region6: "669999", birthDate, sequence });
    const name = `示例·导入${searchNames[n % searchNames.length]}`;
    lines.push(
      `${name},,${birthDate},${id},${villageCodes[n % villageCodes.length]},dibao,normal,,导入基准村${n % 100}号,,,,`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The people import through the app's route (multipart form posts, as a planner's browser sends them).
 */
export async function timeImport({
  sql,
  baseUrl,
  seeded,
  rows,
}: {
  sql: postgres.Sql;
  baseUrl: string;
  seeded: Seeded;
  rows: number;
}): Promise<{ seconds: number | null; lines: string[]; failure?: string }> {
  if (!has("people.import.tsx"))
    return { seconds: null, lines: ["No people import route in this build: not measured."] };
  const { IMPORT_MAX_ROWS, IMPORT_MAX_BYTES } = await import("~/modules/imports/people.server");
  const county = seeded.layout.counties - 1;
  const county6 = seeded.codes.countyCode[county].slice(0, 6);
  const villageCodes = (
    await sql<
      { code: string }[]
    >`select code from regions where level = 'village' and code like ${`${county6}%`} order by code`
  ).map((r) => r.code);
  const count = async () => (await sql<{ n: number }[]>`select count(*)::int as n from people`)[0].n;
  const lines: string[] = [];
  let failure: string | undefined;

  // Through the route, as a planner's browser would send it: the route takes at most IMPORT_MAX_ROWS rows per file
  // (each file all-or-nothing), so `rows` rows go in as one file (100,000 by default), or as consecutive files if more.
  const cookie = await signIn(baseUrl, accounts.planner(county6), BENCH_PASSWORD, () =>
    generate({ secret: seeded.totpSecret }),
  );
  const files = Math.ceil(rows / IMPORT_MAX_ROWS);
  const before = await count();
  const perFile: number[] = [];
  let bytes = 0;
  const start = performance.now();
  for (let f = 0; f < files; f++) {
    const csv = importCsv(
      villageCodes,
      Math.min(IMPORT_MAX_ROWS, rows - f * IMPORT_MAX_ROWS),
      f * IMPORT_MAX_ROWS,
    );
    bytes = Math.max(bytes, Buffer.byteLength(csv));
    const form = new FormData();
    form.set("file", new File([csv], `people-${f + 1}.csv`, { type: "text/csv" }));
    const fileStart = performance.now();
    const fileBefore = await count();
    let res = await fetch(`${baseUrl}/people/import`, { method: "POST", body: form, headers: { cookie } });
    const answer = await res.text();
    // why: rows that look like files already in the area are listed and nothing is written until the planner ticks
    // 'import them anyway' and sends the file again — as a planner would, the benchmark does, and times both.
    if ((await count()) === fileBefore && answer.includes(`name="acceptDuplicates"`)) {
      const warned = (performance.now() - fileStart) / 1000;
      form.set("acceptDuplicates", "1");
      res = await fetch(`${baseUrl}/people/import`, { method: "POST", body: form, headers: { cookie } });
      await res.arrayBuffer();
      lines.push(
        `file ${f + 1}: the first post listed likely duplicates and wrote nothing (${warned.toFixed(1)} s); sent again with 'import them anyway'`,
      );
    }
    perFile.push((performance.now() - fileStart) / 1000);
    if (res.status !== 200) failure = `import file ${f + 1} answered ${res.status}`;
  }
  const seconds = (performance.now() - start) / 1000;
  const written = (await count()) - before;
  perFile.sort((a, b) => a - b);
  lines.push(
    `${rows.toLocaleString("en")} rows through POST /people/import as ${files} file(s) of ≤ ${IMPORT_MAX_ROWS.toLocaleString("en")} rows (the route's limit per file; ≤ ${(bytes / 1048576).toFixed(2)} MB of ${IMPORT_MAX_BYTES / 1048576} MB allowed): ${seconds.toFixed(1)} s in all, ${written.toLocaleString("en")} people and their first visits written (${(written / seconds).toFixed(0)} rows/s; per file median ${perFile[Math.floor(perFile.length / 2)].toFixed(1)} s)`,
  );
  if (written !== rows) failure = `the import wrote ${written} of ${rows} rows`;

  // A file over the limit is refused whole.
  const bigForm = new FormData();
  bigForm.set(
    "file",
    new File([importCsv(villageCodes, IMPORT_MAX_ROWS + 1, 10_000_000)], "big.csv", { type: "text/csv" }),
  );
  const beforeBig = await count();
  const big = await fetch(`${baseUrl}/people/import`, { method: "POST", body: bigForm, headers: { cookie } });
  const refusalText = await big.text();
  const refusal = [String(IMPORT_MAX_ROWS), IMPORT_MAX_ROWS.toLocaleString("en")].some((n) =>
    refusalText.includes(n),
  )
    ? "with the row limit named"
    : "";
  const bigWritten = (await count()) - beforeBig;
  lines.push(
    `a file of ${(IMPORT_MAX_ROWS + 1).toLocaleString("en")} rows is refused (HTTP ${big.status}${refusal ? `, ${refusal}` : ""}) and writes ${bigWritten} rows`,
  );
  if (bigWritten) failure = `an over-limit import wrote ${bigWritten} rows`;
  return { seconds, lines, failure };
}
