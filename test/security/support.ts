// Shared by the security tests: the route list as Remix itself builds it, one signed-in client per role, and the
// in-scope / out-of-scope objects of the demo network, found by querying the test database.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type postgres from "postgres";
import { HttpClient } from "../support/http";

const root = path.resolve(import.meta.dirname, "../..");

export type ManifestRoute = {
  id: string;
  /** The full URL pattern, parents included, e.g. "/people/:id/edit". */
  pattern: string;
  hasLoader: boolean;
  hasAction: boolean;
  /** A page (has a default export), not a resource route. */
  hasComponent: boolean;
  /** The intents of a multi-intent action (the route's `export const intents`); none for a one-form action. */
  intents?: string[];
};

/**
 * Every route module of the built app (build/server/index.js `routes`, which the Remix Vite plugin generates
 * from app/routes), read in a child process so the app's modules do not load into the test process.
 */
export function routeManifest(): ManifestRoute[] {
  const script = `
    const b = await import(${JSON.stringify(path.join(root, "build/server/index.js"))});
    const out = Object.entries(b.routes).map(([id, r]) => ({ id, parentId: r.parentId ?? null, path: r.path ?? "",
      hasLoader: typeof r.module.loader === "function", hasAction: typeof r.module.action === "function",
      hasComponent: Boolean(r.module.default),
      intents: Array.isArray(r.module.intents) ? r.module.intents : undefined }));
    process.stdout.write(JSON.stringify(out));
    process.exit(0);`;
  const json = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  const raw = JSON.parse(json) as {
    id: string;
    parentId: string | null;
    path: string;
    hasLoader: boolean;
    hasAction: boolean;
    hasComponent: boolean;
    intents?: string[];
  }[];
  const byId = new Map(raw.map((r) => [r.id, r]));
  const fullPath = (id: string | null): string => {
    if (!id) return "";
    const r = byId.get(id)!;
    const parent = fullPath(r.parentId);
    return r.path ? `${parent}/${r.path}` : parent;
  };
  return raw
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      pattern: fullPath(r.id) || "/",
      hasLoader: r.hasLoader,
      hasAction: r.hasAction,
      hasComponent: r.hasComponent,
      intents: r.intents,
    }));
}

/** The signed-in identities of the matrix. "Bayi side" and "Ngari side" users each own one of the two objects. */
export const roleAccounts = {
  anon: null,
  admin: "admin@demo.local",
  plannerBayi: "planner.bayi@demo.local",
  plannerNgari: "planner.ngari@demo.local",
  orgBayi: "org.bayi-qihang@demo.local",
  orgGar: "org.gar@demo.local",
  stationBaiba: "station.baiba@demo.local",
  stationGar: "staff.542523100000-sw01@demo.local",
  auditor: "auditor@demo.local",
} as const;
export type RoleKey = keyof typeof roleAccounts;
export const roleKeys = Object.keys(roleAccounts) as RoleKey[];

export async function signInAll(baseUrl: string): Promise<Record<RoleKey, HttpClient>> {
  const entries = await Promise.all(
    roleKeys.map(async (key) => {
      const client = new HttpClient(baseUrl);
      const email = roleAccounts[key];
      if (email) await client.signIn(email);
      return [key, client] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<RoleKey, HttpClient>;
}

export type ObjectKind =
  | "person"
  | "visit"
  | "activity"
  | "contract"
  | "facility"
  | "organization"
  | "project"
  | "funding"
  | "user"
  | "notification"
  | "conflict"
  | "worker"
  | "training"
  | "household";

/** Which object an ":id" in a URL pattern names. */
export function objectKindOf(pattern: string): ObjectKind | undefined {
  const table: [RegExp, ObjectKind][] = [
    [/^\/people\//, "person"],
    [/^\/visits\//, "visit"],
    [/^\/activities\//, "activity"],
    [/^\/(reports\/)?contracts\//, "contract"],
    [/^\/(api\/)?facilities\//, "facility"],
    [/^\/organizations\//, "organization"],
    [/^\/projects\//, "project"],
    [/^\/funding\//, "funding"],
    [/^\/admin\/users\//, "user"],
    [/^\/notifications\//, "notification"],
    [/^\/conflicts\//, "conflict"],
    [/^\/workforce\/trainings\//, "training"],
    [/^\/workforce\//, "worker"],
    [/^\/households\//, "household"],
  ];
  return table.find(([re]) => re.test(pattern))?.[1];
}

/** [Bayi-side object, Ngari-side object]; null when the demo has no such object on that side. */
export type Fixtures = Record<ObjectKind, [number | null, number | null]>;

/**
 * Bayi side: Baiba station (百巴镇, facility of station.baiba), run by 巴宜启航 (org.bayi-qihang) under an active
 * contract. Ngari side: Shiquanhe station (狮泉河镇, Gar County), run by 噶尔县社区服务中心 (org.gar).
 */
export async function findFixtures(sql: postgres.Sql): Promise<Fixtures> {
  const one = async (q: Promise<{ id: number }[]>) => (await q)[0]?.id ?? null;
  const [baiba] = await sql<{ id: number }[]>`
    select f.id from facilities f join users u on u.facility_id = f.id where u.email = ${roleAccounts.stationBaiba}`;
  const [gar] = await sql<{ id: number }[]>`
    select f.id from facilities f join users u on u.facility_id = f.id where u.email = ${roleAccounts.stationGar}`;
  const orgOf = (email: string) =>
    one(sql`select organization_id as id from users where email = ${email}`) as Promise<number>;
  const [orgBayi, orgGar] = await Promise.all([orgOf(roleAccounts.orgBayi), orgOf(roleAccounts.orgGar)]);
  // An adult's file: children's files have stricter rules, covered by their own tests.
  const person = (station: number) =>
    one(sql`select p.id from people p where p.station_id = ${station} and p.status = 'active'
      and p.birth_date < current_date - interval '18 years'
      and not (p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])
      and p.phone is not null and p.address is not null and p.id_number_cipher is not null order by p.id limit 1`);
  const visit = (person: number | null) =>
    one(sql`select id from visits where person_id = ${person} and status = 'scheduled' order by id limit 1`);
  const contract = (org: number, station: number) =>
    one(sql`select id from contracts where organization_id = ${org} and facility_id = ${station}
      and status = 'active' order by id limit 1`);
  const [contractBayi, contractGar] = await Promise.all([
    contract(orgBayi, baiba.id),
    contract(orgGar, gar.id),
  ]);
  const activity = (c: number | null) =>
    one(sql`select id from activities where contract_id = ${c} and deleted_at is null order by id limit 1`);
  const project = (prefix: string) =>
    one(sql`select p.id from care_projects p join regions r on r.id = p.region_id
      where r.code like ${`${prefix}%`} order by p.id limit 1`);
  // The demo has no Bayi care project: add one, so projects have an object on each side too.
  await sql`insert into care_projects (code, name, kind, region_id, starts_on, ends_on)
    select 'MATRIX-BAYI', '巴宜区矩阵测试关爱项目', 'elderly', r.id, current_date - 30, current_date + 300
    from regions r where r.code = '540402000000' on conflict (code) do nothing`;
  const funding = (prefix: string) =>
    one(sql`select s.id from funding_sources s join regions r on r.id = s.region_id
      where r.code like ${`${prefix}%`} order by s.id limit 1`);
  const userId = (email: string) => one(sql`select id from users where email = ${email}`);
  const notification = async (email: string) => {
    const [row] = await sql<{ id: number }[]>`
      insert into notifications (user_id, title, body, link)
      select id, 'matrix', 'matrix fixture', '/visits' from users where email = ${email} returning id`;
    return row.id;
  };
  const people = [await person(baiba.id), await person(gar.id)] as const;
  const household = (townshipPrefix: string) =>
    one(sql`select h.id from households h join regions v on v.id = h.village_id
      where v.code like ${`${townshipPrefix}%`} order by h.id limit 1`);
  return {
    person: [people[0], people[1]],
    visit: [await visit(people[0]), await visit(people[1])],
    activity: [await activity(contractBayi), await activity(contractGar)],
    contract: [contractBayi, contractGar],
    facility: [baiba.id, gar.id],
    organization: [orgBayi, orgGar],
    project: [await project("5404"), await project("5425")],
    funding: [await funding("5404"), await funding("5425")],
    user: [await userId(roleAccounts.stationBaiba), await userId(roleAccounts.stationGar)],
    notification: [
      await notification(roleAccounts.stationBaiba),
      await notification(roleAccounts.stationGar),
    ],
    // The demo's open conflict (scripts/seed/field.ts), at Baiba.
    conflict: [await one(sql`select id from conflicts where status = 'open' order by id limit 1`), null],
    // The first worker of each side's station (scripts/seed/workforce.ts).
    worker: [
      await one(sql`select id from workers where facility_id = ${baiba.id} order by id limit 1`),
      await one(sql`select id from workers where facility_id = ${gar.id} order by id limit 1`),
    ],
    // The first training of each side's county or prefecture (scripts/seed/workforce.ts).
    training: [
      await one(sql`select t.id from trainings t join regions r on r.id = t.region_id
        where r.code = '540402000000' order by t.id limit 1`),
      await one(sql`select t.id from trainings t join regions r on r.id = t.region_id
        where r.code = '542500000000' order by t.id limit 1`),
    ],
    // Demo households (scripts/seed/households.ts): one of Baiba's villages, one of Shiquanhe's.
    household: [await household("540402101"), await household("542523100")],
  };
}

/** Runs tasks with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}
