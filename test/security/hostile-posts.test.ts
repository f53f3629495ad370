// Hostile input on every form action the app builds (from the same route manifest as the matrix): each form's
// fields, read from its page, posted with injection strings, markup, template syntax, bidi and zero-width
// characters, NUL, 10,000-character strings, Tibetan and emoji, out-of-range and wrongly typed numbers, arrays
// and missing fields. No answer may be a 500, and a refused post must leave every table as it was.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { parse } from "node-html-parser";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";
import {
  type Fixtures,
  findFixtures,
  type ManifestRoute,
  objectKindOf,
  type RoleKey,
  roleAccounts,
  routeManifest,
} from "./support";

const NUM_RUNS = Number(process.env.HOSTILE_RUNS ?? 15);

const routes = routeManifest();
const actionRoutes = routes.filter((r) => r.hasAction);

/** Who posts to each route (default: admin), chosen so the form is reachable and the action runs. */
const actors: Record<string, RoleKey> = {
  "routes/people.new": "stationBaiba",
  "routes/people_.$id.edit": "stationBaiba",
  "routes/people.import": "stationBaiba",
  "routes/visits.bulk": "stationBaiba",
  "routes/activities.new": "orgBayi",
  "routes/activities.$id_.edit": "orgBayi",
  "routes/contracts.$id_.expenditures": "orgBayi",
  "routes/access.emergency": "stationBaiba",
  "routes/settings.calendar": "stationBaiba",
};

/** Fields of actions that have no page of their own (resource routes) or whose form is not on their page. */
const resourceForms: Record<string, Record<string, string>[]> = {
  "routes/login": [{ email: "nobody@demo.local", password: "wrong-password", redirectTo: "/" }],
  "routes/logout": [{}],
  "routes/locale": [{ locale: "en", redirectTo: "/" }],
  // The role switch is in the account menu of every page (components/shell/role-switch.tsx), for accounts with roles.
  "routes/account.act-as": [{ as: "planner:1" }],
  "routes/people.export": [{ unmasked: "1", reason: "年度核查" }],
  "routes/api.import.regions": [{ csv: "code,name,parent_code,lat,lng,population" }],
  "routes/login_.verify": [{ code: "123456" }],
  "routes/notifications": [{ intent: "read-all" }],
  // Resumable uploads (tus) take headers and raw bytes, no form: a form post to one is answered 404 or 400.
  "routes/uploads.$": [{ photoUpload: "0123456789abcdef0123456789abcdef" }],
  // The review list shows forms only for pairs it found (none for the administrator before a county is chosen).
  "routes/people.duplicates": [
    { intent: "merge", aId: "999998", bId: "999999", keepId: "999998", reason: "核对", confirm: "1" },
    { intent: "different", aId: "999998", bId: "999999", reason: "核对" },
  ],
};

const signInRoutes = new Set(["routes/login", "routes/login_.verify"]);

/** Tables whose rows a post may add even when refused: sessions, sign-in attempts, audit entries of refusals. */
const volatileTables = new Set(["sessions", "sign_in_attempts", "audit_log", "app_meta"]);

const sqlInjection = [
  "' OR '1'='1",
  "'; DROP TABLE people; --",
  "1; select pg_sleep(5)--",
  '" OR ""="',
  "1' UNION SELECT email, password_hash FROM users--",
  "\\'; --",
];
const markup = [
  "<script>alert(1)</script>",
  "</script><script>alert(document.cookie)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
];
const templates = [
  "{{7*7}}",
  "$" + "{7*7}",
  "#{7*7}",
  "<%= 7*7 %>",
  "{{constructor.constructor('return 1')()}}",
];
const unicode = [
  "\u202Egnp.exe",
  "a\u200Bb\u200Cc\u200Dd\uFEFF",
  "\u0000",
  "abc\u0000def",
  "བོད་ཡིག",
  "བཀྲ་ཤིས་བདེ་ལེགས། 扎西德勒",
  "👩‍👩‍👧‍👦🏔️🙏",
  "\uD800",
  "\r\n\t",
  "　",
];
const numbers = [
  "-1",
  "0",
  "-0",
  "1e309",
  "99999999999",
  "2147483648",
  "NaN",
  "Infinity",
  "0x1F",
  "1.5",
  "٣",
];
const sizes = ["", " ", "x".repeat(10_000), "བོ".repeat(5_000)];

const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...sqlInjection, ...markup, ...templates, ...unicode, ...numbers, ...sizes),
  fc
    .tuple(
      fc.constantFrom(...sqlInjection, ...markup, ...templates, ...unicode),
      fc.string({ maxLength: 20 }),
    )
    .map(([a, b]) => a + b),
  fc.string({ unit: "binary", maxLength: 50 }),
);

type Mutation =
  | { kind: "value"; value: string }
  | { kind: "array"; values: string[] }
  | { kind: "drop" }
  | { kind: "extra"; name: string; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: hostileValue.map((value) => ({ kind: "value" as const, value })) },
  {
    weight: 1,
    arbitrary: fc
      .array(hostileValue, { minLength: 2, maxLength: 3 })
      .map((values) => ({ kind: "array" as const, values })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "drop" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("__proto__", "constructor", "id", "userId", "role", "organizationId"),
        hostileValue,
      )
      .map(([name, value]) => ({ kind: "extra" as const, name, value })),
  },
);

type FormSpec = { label: string; fields: Record<string, string[]>; postTo?: string };

/** Pages with a form that shows only under a query (a row's reversal form): route id → that page's URL. */
const formsBehindQueries: Record<string, (pg: postgres.Sql, url: string) => Promise<string | null>> = {
  // A household is founded from its head's file: the form needs a person (an adult in no household).
  "routes/households.new": async (pg, url) => {
    const [row] = await pg<{ id: number }[]>`
      select p.id from people p where p.status = 'active' and p.birth_date < current_date - interval '18 years'
        and not (p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])
        and not exists (select 1 from household_members m where m.person_id = p.id)
      order by p.id limit 1`;
    return row ? `${url}?person=${row.id}` : null;
  },
  "routes/contracts.$id_.expenditures": async (pg, url) => {
    const contractId = Number(/\/contracts\/(\d+)\//.exec(url)?.[1]);
    const [row] = await pg<{ id: number }[]>`
      select e.id from expenditures e where e.contract_id = ${contractId} and e.reverses_id is null
        and not exists (select 1 from expenditures r where r.reverses_id = e.id)
      order by e.spent_on desc, e.id desc limit 1`;
    return row ? `${url}?reverse=${row.id}` : null;
  },
};

/** The forms on a page that post to the page itself, with their fields and default values. */
function formsOn(html: string, pathname: string): FormSpec[] {
  const root = parse(html);
  const specs: FormSpec[] = [];
  for (const form of root.querySelectorAll("form")) {
    if ((form.getAttribute("method") ?? "get").toLowerCase() !== "post") continue;
    const action = form.getAttribute("action");
    if (action && new URL(action, "http://x").pathname !== pathname) continue;
    const fields: Record<string, string[]> = {};
    const add = (name: string | undefined, value: string) => {
      if (!name) return;
      fields[name] ??= [];
      fields[name].push(value);
    };
    for (const el of form.querySelectorAll("input, select, textarea, button")) {
      const name = el.getAttribute("name");
      const tag = el.tagName.toLowerCase();
      const type = (el.getAttribute("type") ?? "").toLowerCase();
      if (tag === "button") continue;
      if (type === "checkbox" || type === "radio") {
        if (el.hasAttribute("checked") || !fields[name ?? ""]) add(name, el.getAttribute("value") ?? "on");
      } else if (tag === "select") {
        const option =
          el.querySelector("option[selected]") ??
          el.querySelectorAll("option").find((o) => o.getAttribute("value"));
        add(name, option?.getAttribute("value") ?? "");
      } else if (tag === "textarea") add(name, el.text);
      else if (type !== "file") add(name, el.getAttribute("value") ?? "");
    }
    // A submit button's name/value (intent) belongs to the post.
    const submit = form.querySelectorAll("button").find((b) => b.getAttribute("name"));
    if (submit) add(submit.getAttribute("name"), submit.getAttribute("value") ?? "");
    const intent = fields.intent?.[0];
    specs.push({ label: intent ? `intent=${intent}` : `form ${specs.length + 1}`, fields });
  }
  return specs;
}

describe("hostile posts to every form action", () => {
  let app: AppServer;
  let pg: postgres.Sql;
  let fixtures: Fixtures;
  let tables: string[];
  let spareUserId: number;

  beforeAll(async () => {
    app = await startAppServer({ database: "demo" });
    pg = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
    fixtures = await findFixtures(pg);
    // why: hostile posts to the person's page may take that person out of the register, which cancels their
    // visits; the visit page is probed on another person's visit so it still has its forms. An adult's, as the
    // fixture person is: the administrator who posts here may not open a child's file (access/scope.server.ts).
    // Nor anyone of the household fixture's village: a valid post to the household page adds the village's first
    // adult to that household, and a valid post to its visit form then records that member's visit, leaving the
    // visit page without its forms (found by the fuzzer in CI). Nor the visit of the demo's open conflict
    // (scripts/seed/field.ts: the station's first scheduled adult visit): a valid post to /conflicts that keeps the
    // worker's offline record records that visit (CI: 'no form found on /visits/2092', twice).
    const [otherVisit] = await pg<{ id: number }[]>`
      select v.id from visits v join people p on p.id = v.person_id
      where v.status = 'scheduled' and v.person_id <> ${fixtures.person[0]}
        and v.station_id = (select station_id from people where id = ${fixtures.person[0]})
        and p.birth_date < current_date - interval '18 years'
        and not (p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])
        and p.village_id <> (select village_id from households where id = ${fixtures.household[0]})
        and not exists (select 1 from conflicts c where c.kind = 'visit' and c.entity_id = v.id)
      order by v.id limit 1`;
    // The visit the old choice made (2028 in the demo of 7 December) was of a member of the household fixture itself.
    const [{ member }] = await pg<{ member: boolean }[]>`
      select exists(select 1 from household_members m join visits v on v.person_id = m.person_id
        where v.id = ${otherVisit.id} and m.household_id = ${fixtures.household[0]}) as member`;
    expect(member, "the visit fixture's person is in the household fixture").toBe(false);
    const [{ disputed }] = await pg<{ disputed: number }[]>`
      select count(*)::int as disputed from conflicts where kind = 'visit' and status = 'open'
        and entity_id in (select id from visits where station_id = (select station_id from people where id = ${fixtures.person[0]}))`;
    expect(
      disputed,
      "the demo has an open visit conflict at the fixture's station for /conflicts to post to",
    ).toBe(1);
    fixtures.visit = [otherVisit.id, fixtures.visit[1]];
    // why: the admin's posts on a user's page may disable that user; keep the matrix identities intact.
    [{ id: spareUserId }] = await pg<{ id: number }[]>`
      select id from users where email = 'staff.540402102000-sw01@demo.local'`;
    tables = (
      await pg<{ name: string }[]>`
        select table_name as name from information_schema.tables where table_schema = 'public'
        and table_type = 'BASE TABLE' and table_name not like '\\_\\_%' order by 1`
    )
      .map((t) => t.name)
      .filter((t) => !volatileTables.has(t));
  });
  afterAll(async () => {
    await pg?.end();
    await app?.stop();
  });

  async function rowCounts(): Promise<Record<string, number>> {
    const query = tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(", ");
    const [row] = await pg.unsafe(`select ${query}`);
    return row as Record<string, number>;
  }

  function urlFor(route: ManifestRoute): string {
    let url = route.pattern;
    if (url.includes(":id")) {
      const kind = objectKindOf(url)!;
      const id = kind === "user" ? spareUserId : (fixtures[kind][0] ?? fixtures[kind][1]);
      url = url.replace(":id", String(id));
    }
    return url.replace(":photoId", "999999").replace("*", "no-such-page");
  }

  it("finds the fields of every action-bearing route", () => {
    expect(actionRoutes.length).toBeGreaterThan(30);
  });

  for (const route of actionRoutes) {
    it(`${route.id}: never a 500, and a refused post writes nothing`, async () => {
      const role = actors[route.id] ?? "admin";
      const client = new HttpClient(app.baseUrl);
      await client.signIn(roleAccounts[role]!);
      const url = urlFor(route);
      let forms: FormSpec[];
      if (resourceForms[route.id]) {
        forms = resourceForms[route.id].map((f, i) => ({
          label: `fields ${i + 1}`,
          fields: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, [v]])),
        }));
      } else {
        const page = await client.get(url);
        expect(page.status, `GET ${url} as ${role}`).toBe(200);
        forms = formsOn(await page.text(), url.split("?")[0]);
        const behind = formsBehindQueries[route.id];
        if (behind) {
          const extra = await behind(pg, url);
          expect(extra, `no page with the extra form of ${route.id}`).not.toBeNull();
          const extraPage = await client.get(extra!);
          expect(extraPage.status, `GET ${extra} as ${role}`).toBe(200);
          const extraForms = formsOn(await extraPage.text(), url.split("?")[0]).filter(
            (f) => !forms.some((known) => known.label === f.label),
          );
          expect(extraForms.length, `no extra form on ${extra}`).toBeGreaterThan(0);
          forms.push(...extraForms.map((f) => ({ ...f, postTo: extra! })));
        }
      }
      expect(forms.length, `no form found on ${url} for ${route.id}`).toBeGreaterThan(0);

      for (const form of forms) {
        const names = Object.keys(form.fields);
        const arbitrary = fc.array(fc.tuple(fc.nat({ max: Math.max(0, names.length - 1) }), mutation), {
          minLength: 1,
          maxLength: 4,
        });
        await fc.assert(
          fc.asyncProperty(arbitrary, async (mutations) => {
            const body: Record<string, string[]> = structuredClone(form.fields);
            if (body._key) body._key = [randomUUID()];
            for (const [index, m] of mutations) {
              const name = names[index];
              if (m.kind === "extra") body[m.name] = [m.value];
              if (!name) continue;
              if (m.kind === "value") body[name] = [m.value];
              if (m.kind === "array") body[name] = m.values;
              if (m.kind === "drop") delete body[name];
            }
            const before = await rowCounts();
            // why: failed sign-ins lock the address out; count these against another one (trusted proxy header).
            const init = signInRoutes.has(route.id) ? { headers: { "X-Forwarded-For": "203.0.113.7" } } : {};
            const res = await client.post(form.postTo ?? url, body, init);
            const text = await res.text();
            const after = await rowCounts();
            const where = `${route.id} ${form.label} as ${role}: POST ${form.postTo ?? url} ${JSON.stringify(body).slice(0, 400)}`;
            expect(res.status, `${where}\n→ ${text.slice(0, 300)}`).toBeLessThan(500);
            if (res.status >= 400)
              expect(text.trim().length, `${where}\n→ ${res.status} with no message`).toBeGreaterThan(0);
            const changed = tables.filter((t) => before[t] !== after[t]);
            // Refused: an error status, or the page again with the form's errors (Conform's reply).
            // A write based on an older version is answered 409 and kept as a conflict (ADR 014): stored, not refused.
            const conflict = res.status === 409;
            const refused = res.status >= 400 || /class="(field__errors|form-errors)"/.test(text);
            const keptForReview = new Set(["conflicts", "form_submissions", "audit_log"]);
            if (refused)
              expect(
                conflict ? changed.filter((t) => !keptForReview.has(t)) : changed,
                `${where}\n→ refused (${res.status}) but rows changed in ${changed.join(", ")}`,
              ).toEqual([]);
          }),
          { numRuns: NUM_RUNS, endOnFailure: true },
        );
      }
      // The session survived (a hostile post must not end it); sign-out is its own route.
      if (route.id !== "routes/logout") {
        const home = await client.get("/");
        expect(home.status, `${route.id} left the session unusable`).toBeLessThan(500);
      }
    });
  }

  describe("hostile URLs and the regressions found", () => {
    const admin = () => {
      const client = new HttpClient(app.baseUrl);
      return client.signIn(roleAccounts.admin!).then(() => client);
    };

    // validation.invalidCharacters in either locale (the hostile /locale posts may have switched the admin's).
    const invalidCharactersMessage = /包含无法保存的字符|Contains characters that cannot be stored/;

    it("refuses a NUL in a text field with a validation message, writing nothing", async () => {
      const client = await admin();
      const before = await rowCounts();
      const res = await client.post("/visits/rules", {
        intent: "save",
        subject: "tier:high",
        intervalDays: "7",
        note: "abc\u0000def",
      });
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).toMatch(invalidCharactersMessage);
      const project = await client.post("/projects/new", {
        code: "NUL-1",
        name: "关爱\u0000项目",
        kind: "children",
        regionId: "3",
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        _key: randomUUID(),
      });
      expect(project.status).toBeLessThan(500);
      expect(await project.text()).toMatch(invalidCharactersMessage);
      expect(await rowCounts()).toEqual(before);
    });

    it("refuses a NUL in a facility's name and a break-the-glass reason (found by the fuzzer in CI)", async () => {
      const client = await admin();
      const before = await rowCounts();
      const facility = await client.post("/facilities/3/edit", {
        _key: randomUUID(),
        kind: "social_work_station",
        name: "abc\u0000def",
        townshipCode: "540402101000",
        lat: "29.685513",
        lng: "94.584041",
        coordQuality: "approximate",
        staffTarget: "3",
        serviceRadiusKm: "20",
      });
      expect(facility.status).toBeLessThan(500);
      expect(await facility.text()).toMatch(invalidCharactersMessage);
      const planner = new HttpClient(app.baseUrl);
      await planner.signIn(roleAccounts.plannerBayi);
      const glass = await planner.post("/access/emergency", {
        idNumber: "540402195001011234",
        reason: "火灾后紧急联系家属\u0000核实情况",
      });
      expect(glass.status).toBeLessThan(500);
      expect(await glass.text()).toMatch(invalidCharactersMessage);
      expect(await rowCounts()).toEqual(before);
    });

    it("refuses an id beyond PostgreSQL's integer range in a form field, writing nothing (found by the fuzzer in CI)", async () => {
      const before = await rowCounts();
      const org = new HttpClient(app.baseUrl);
      await org.signIn(roleAccounts.orgBayi);
      const activity = await org.post("/activities/new", {
        _key: randomUUID(),
        contractId: "99999999999",
        occurredOn: "2026-01-05",
        search: "1",
      });
      expect(activity.status).toBeLessThan(500);
      const client = await admin();
      for (const id of ["99999999999", "1e3", "-1", ""]) {
        const retry = await client.post("/admin/reminders", { intent: "retry", id });
        expect(retry.status, `retry ${id}`).toBe(400);
        const read = await client.post("/notifications", { id });
        expect(read.status, `read ${id}`).toBe(400);
      }
      expect((await client.post("/admin/reminders", { intent: "whatever" })).status).toBe(400);
      expect(await rowCounts()).toEqual(before);
    });

    it("answers 400 to a NUL in the path or query string, before any route runs", async () => {
      const client = await admin();
      for (const url of [
        "/people?q=%00",
        "/people?q=abc%00def",
        "/people%00",
        "/login?redirectTo=%00",
        "/api/coverage?region=%00",
      ]) {
        const res = await client.get(url);
        expect(res.status, url).toBe(400);
      }
      const anon = new HttpClient(app.baseUrl);
      expect((await anon.get("/visits?page=%00")).status).toBe(400);
    });

    it("answers 404 for an id beyond PostgreSQL's integer range on every :id route, GET and POST", async () => {
      const client = await admin();
      const failures: string[] = [];
      for (const route of routes.filter((r) => r.pattern.includes(":id"))) {
        for (const id of ["99999999999", "2147483648", "1e3", "-1"]) {
          const url = route.pattern.replace(":id", id).replace(":photoId", "1");
          const methods = [route.hasLoader && "GET", route.hasAction && "POST"].filter(Boolean) as string[];
          for (const method of methods) {
            const res = method === "GET" ? await client.get(url) : await client.post(url, { intent: "x" });
            await res.arrayBuffer();
            if (res.status !== 404) failures.push(`${method} ${url}: ${res.status}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it("never redirects off-site after sign-in, whatever redirectTo says", async () => {
      const hostile = [
        "//evil.com",
        "/\\evil.com",
        "https://evil.com",
        "/\t/evil.com",
        "/%09/evil.com",
        "///evil.com",
        "\\\\evil.com",
        "javascript:alert(1)",
        "/%2F%2Fevil.com",
        // Dot segments collapse after the checks: "/.//evil.example" was answered with Location: //evil.example.
        "/.//evil.example",
        "/..//evil.example",
        "/././/evil.example/people",
      ];
      for (const redirectTo of hostile) {
        const client = new HttpClient(app.baseUrl);
        const res = await client.post("/login", {
          email: roleAccounts.plannerBayi,
          password: "demo12345",
          redirectTo,
        });
        expect(res.status, redirectTo).toBe(302);
        const location = res.headers.get("location") ?? "";
        expect(location, redirectTo).toMatch(/^\/(?![/\\])/);
        expect(new URL(location, app.baseUrl).origin, redirectTo).toBe(new URL(app.baseUrl).origin);
        // Signed in already, the sign-in page sends the user on: also only within the site.
        const again = await client.get(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
        const next = again.headers.get("location") ?? "";
        expect(new URL(next, app.baseUrl).origin, `GET /login?redirectTo=${redirectTo}`).toBe(
          new URL(app.baseUrl).origin,
        );
        expect(next).not.toMatch(/^\/[/\\]/);
        // Switching the language sends the user back the same way.
        const locale = await client.post("/locale", { locale: "en", redirectTo });
        const back = locale.headers.get("location") ?? "";
        expect(locale.status, `POST /locale ${redirectTo}`).toBe(302);
        expect(new URL(back, app.baseUrl).origin, `POST /locale ${redirectTo}`).toBe(
          new URL(app.baseUrl).origin,
        );
        expect(back).not.toMatch(/^\/[/\\]/);
      }
    });

    it("never answers a hostile query string on a loader with a 500", async () => {
      const clients = {
        admin: await admin(),
        station: new HttpClient(app.baseUrl),
        anon: new HttpClient(app.baseUrl),
      };
      await clients.station.signIn(roleAccounts.stationBaiba!);
      const names = [
        "page",
        "q",
        "year",
        "region",
        "county",
        "month",
        "week",
        "date",
        "from",
        "to",
        "status",
        "kind",
        "station",
        "village",
        "category",
        "tier",
        "sort",
        "view",
        "contract",
        "contractId",
        "sourceId",
        "organizationId",
        "table",
        "format",
        "figure",
        "redirectTo",
        "overdue",
        "scope",
        "mine",
        "dryRun",
        "datum",
        "bbox",
        "zoom",
      ];
      const queryValue = fc.oneof(
        hostileValue.filter((v) => !v.includes("\u0000")),
        fc.constantFrom(
          "-1",
          "1e309",
          "-1e309",
          "99999999999999999999",
          "0",
          "2147483648",
          "[]",
          "{}",
          "null",
        ),
      );
      const query = fc
        .array(fc.tuple(fc.constantFrom(...names), queryValue, fc.boolean()), { minLength: 1, maxLength: 5 })
        .map((pairs) => {
          const params = new URLSearchParams();
          for (const [name, value, twice] of pairs) {
            params.append(name, value);
            if (twice) params.append(name, value); // an array where a scalar is expected
          }
          return params.toString();
        });
      const failures: string[] = [];
      const loaderRoutes = routes.filter((r) => r.hasLoader);
      for (const route of loaderRoutes) {
        const path = urlFor(route);
        await fc
          .assert(
            fc.asyncProperty(
              query,
              fc.constantFrom("admin", "station", "anon") as fc.Arbitrary<keyof typeof clients>,
              async (q, who) => {
                const res = await clients[who].get(`${path}?${q}`);
                await res.arrayBuffer();
                if (res.status >= 500) failures.push(`${who} GET ${path}?${q.slice(0, 200)}: ${res.status}`);
                return res.status < 500;
              },
            ),
            { numRuns: Math.max(4, Math.round(NUM_RUNS / 2)), endOnFailure: true },
          )
          .catch(() => {});
      }
      expect(failures, `${failures.join("\n")}\n--- app log ---\n${app.output().slice(-3000)}`).toEqual([]);
    });
  });
});
