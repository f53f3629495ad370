// The people register's statements as of 7 December (issue 20: the overdue badge and filter listed every visit due
// today) against today's, in the same run and interleaved, on a dataset kept by `npm run bench:load -- --seed-only`:
//   DATABASE_URL=<printed by --seed-only> node --import tsx scripts/bench/register-overdue.ts
// For when the machine is too busy for two full load runs to compare; each case alternates old and new, so both see
// the same load. Each side is what the register's loader waits for: today listPeople (files due today that are late,
// then page and count, then the page's badge), then the page and the count of 7 December. Env: BENCH_ROUNDS (40).
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { people } from "#db/schema";
import {
  listPeople,
  PEOPLE_COUNT_CAP,
  registerConditions,
  registerPage,
} from "~/modules/people/queries.server";
import { peopleFiltersFrom } from "~/modules/people/schemas";
import { sessionUserFor } from "~/modules/people/testing.server";
import { todayInShanghai } from "~/utils/dates";
import { databaseHandle } from "~/utils/db.server";
import { searchNames } from "./load/scenarios";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

if (!process.env.DATABASE_URL?.includes("snc_load_")) {
  console.error("Point DATABASE_URL at a dataset kept by `npm run bench:load -- --seed-only`.");
  process.exit(1);
}
const client = databaseHandle().sql!;
const dialect = new PgDialect({ casing: "snake_case" });
const now = new Date();
const today = todayInShanghai(now);

/** The 7 December subquery: every open visit due today, searched for event visits past their deadline. */
const everyVisitDueToday = `(select "visits"."person_id" from "visits" where "visits"."due_on" = '${today}'
  and ("visits"."status" = 'scheduled' and case when "visits"."kind" = 'event' and "visits"."scheduled_at" is not null
  then "visits"."scheduled_at" < '${now.toISOString()}'::timestamptz else "visits"."due_on" < '${today}'::date end))`;

/**
 * Today's statements turned back into 7 December's: the badge a column of the page, and the overdue filter's late
 * files due today searched among every visit due today instead of among the scope's files due today.
 */
function asOn7December(text: string, { badge }: { badge: boolean }): string {
  const from = ' from "people" ';
  if (!text.includes(from)) throw new Error("The register's statements changed: update this script");
  let old = badge ? text.replace(from, `, "people"."id" = any(array${everyVisitDueToday})${from}`) : text;
  const lateToday = /"people"\."id" = any\(array\(select "id" from "people" where .*? end\)\)\)\)\)/s;
  if (text.includes('any(array(select "id" from "people"')) {
    if (!lateToday.test(old)) throw new Error("The overdue filter changed: update this script");
    // Its parameters stay bound (the numbering is fixed), so the old shape keeps them in an always-true test.
    old = old.replace(lateToday, (m) => {
      const kept = [...m.matchAll(/\$\d+/g)].map((p) => `${p[0]}::text is not null`).join(" and ");
      return `("people"."id" = any(array${everyVisitDueToday}) and ${kept})`;
    });
  }
  return old;
}

const accounts = async (pattern: string) =>
  (
    await client<{ email: string }[]>`select email from users where email ~ ${pattern} order by email limit 8`
  ).map((r) => r.email);
const stations = [1, 21, 101, 401, 777, 1201, 1555, 1999].map((n) => `station.${n}@bench.local`);
const counties = await accounts("^planner\\.66[0-9]{4}@");
const prefectures = await accounts("^planner\\.66[0-9]{2}@");

const cases = [
  { label: "people list (station)", users: stations, search: "" },
  { label: "people search (county)", users: counties, search: "q" },
  { label: "overdue filter (station)", users: stations, search: "overdue=1" },
  { label: "overdue filter (county)", users: counties, search: "overdue=1" },
  { label: "overdue filter (prefecture)", users: prefectures, search: "overdue=1" },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

console.log(`| statement | old p50 ms | old p95 ms | new p50 ms | new p95 ms |`);
console.log(`| --- | ---: | ---: | ---: | ---: |`);
for (const c of cases) {
  const old: number[] = [];
  const fresh: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const user = await sessionUserFor(c.users[round % c.users.length]);
    const query = c.search === "q" ? `q=${searchNames[round % searchNames.length]}` : c.search;
    const filters = peopleFiltersFrom(new URLSearchParams(query));
    // The old statements, built outside the timing from today's (the same scope, search and page).
    const where = registerConditions(user, filters, now);
    const page = registerPage({ where }).toSQL();
    const count = dialect.sqlToQuery(
      sql`select count(*)::int as n from (select 1 from ${people} where ${where} limit ${PEOPLE_COUNT_CAP + 1}) capped`,
    );
    const runOld = () =>
      Promise.all([
        client.unsafe(asOn7December(page.sql, { badge: true }), page.params as never[]),
        client.unsafe(asOn7December(count.sql, { badge: false }), count.params as never[]),
      ]);
    const runNew = () => listPeople({ user, filters, now });
    // Alternate which goes first, so neither always runs on the other's warmed cache.
    if (round % 2) {
      old.push(await timed(runOld));
      fresh.push(await timed(runNew));
    } else {
      fresh.push(await timed(runNew));
      old.push(await timed(runOld));
    }
  }
  const f = (v: number[], p: number) => percentile(v, p).toFixed(1);
  console.log(`| ${c.label} | ${f(old, 50)} | ${f(old, 95)} | ${f(fresh, 50)} | ${f(fresh, 95)} |`);
}
await client.end({ timeout: 5 });
process.exit(0);
