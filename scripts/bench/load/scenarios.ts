// Who the simulated users are and what they do: station staff keep their people's files and visits, county planners
// browse the register, contracts, map data and search people across their county, organization staff record spending.
// Afterwards, every acknowledged write is looked up in the database.
import fs from "node:fs";
import path from "node:path";
import { generate } from "otplib";
import type postgres from "postgres";
import type { Sizes } from "./config";
import { accounts, BENCH_PASSWORD, type Seeded } from "./seed";
import { type SimUser, type Step, signIn, type Write } from "./workload";

const root = path.resolve(import.meta.dirname, "../../..");
const has = (route: string) => fs.existsSync(path.join(root, "app/routes", route));

const searchNames = [
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

/** Times a people import through the app's import route, when this build has one. */
export async function timeImport(_: {
  sql: postgres.Sql;
  baseUrl: string;
  seeded: Seeded;
  rows: number;
  today: string;
}): Promise<{ seconds: number | null; line: string; failure?: string }> {
  if (!has("people.import.tsx"))
    return { seconds: null, line: "No people import route in this build: not measured." };
  return { seconds: null, line: "People import route present but not driven yet." };
}
