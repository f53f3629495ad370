// A steady write load for the drills, the way bureaus write: organization staff post expenditures and activities,
// station staff record visit outcomes (each schedules the next visit), all through the app's forms over HTTP with a
// form key; and reminders written to the outbox through the app's database layer, as the scan writes them. Every
// attempt is kept with its answer, so the drill can check afterwards that everything acknowledged is in the database.
import { randomUUID } from "node:crypto";
import { sql as rawSql } from "drizzle-orm";
import type postgres from "postgres";
import { type DatabaseHandle, queryRows } from "#db/client";
import { todayInShanghai } from "~/utils/dates";
import { HttpClient } from "../../../test/support/http";

export type WriteKind = "expenditure" | "activity" | "visit" | "reminder";

export type Attempt = {
  kind: WriteKind;
  /** The form key (posts) or the reminder's dedupe key. */
  key: string;
  startedAt: number;
  endedAt: number;
  acknowledged: boolean;
  /** The row the answer named: expenditure, activity or visit id; reminder ids for a reminder batch. */
  ids: number[];
  answer: string;
};

export type LoadFixtures = {
  contractId: number;
  /** Scheduled visits and the station account that may record each. */
  visits: { id: number; email: string }[];
  reminderSubject: { contractId: number; userIds: number[] };
};

/** Rows of the demo data the load writes against, read before the drill starts. */
export async function loadFixtures(sql: postgres.Sql): Promise<LoadFixtures> {
  const today = todayInShanghai();
  const [contract] = await sql<{ id: number }[]>`
    select c.id from contracts c join organizations o on o.id = c.organization_id
     where o.name = '噶尔县社区服务中心' and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
     order by c.id limit 1`;
  if (!contract) throw new Error("the demo data has no open contract of 噶尔县社区服务中心");
  const visits = await sql<{ id: number; email: string }[]>`
    select v.id, min(u.email) as email from visits v
      join users u on u.facility_id = v.station_id and u.email like 'staff.%' and u.disabled_at is null
     where v.status = 'scheduled'
     group by v.id order by v.id`;
  const users = await sql<
    { id: number }[]
  >`select id from users where disabled_at is null order by id limit 20`;
  return {
    contractId: contract.id,
    visits,
    reminderSubject: { contractId: contract.id, userIds: users.map((u) => u.id) },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class WriteLoad {
  readonly attempts: Attempt[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private visitQueue: { id: number; email: string }[];
  private clients = new Map<string, HttpClient>();

  constructor(
    private readonly baseUrl: string,
    private readonly fixtures: LoadFixtures,
    /** The app's own database layer (multi-host URL), for reminders; null to leave reminders out. */
    private readonly database: DatabaseHandle | null,
    private readonly label: string,
  ) {
    this.visitQueue = [...fixtures.visits];
  }

  private async client(email: string): Promise<HttpClient> {
    let client = this.clients.get(email);
    if (!client) {
      client = new HttpClient(this.baseUrl);
      await client.signIn(email);
      this.clients.set(email, client);
    }
    return client;
  }

  /** Signs the load's users in before the drill disturbs anything. */
  async prepare() {
    await this.client("org.gar@demo.local");
    for (const email of new Set(this.visitQueue.slice(0, 200).map((v) => v.email))) await this.client(email);
  }

  private async attempt(
    kind: WriteKind,
    key: string,
    work: () => Promise<{ ok: boolean; ids: number[]; answer: string }>,
  ) {
    const startedAt = Date.now();
    let outcome: { ok: boolean; ids: number[]; answer: string };
    try {
      outcome = await work();
    } catch (error) {
      // drizzle wraps the driver's error ("Failed query: …"); the cause says what happened.
      const cause = ((error as Error).cause ?? error) as { code?: string; message?: string };
      const answer = `${cause.code ? `${cause.code} ` : ""}${String(cause.message ?? cause).split("\n")[0]}`;
      outcome = { ok: false, ids: [], answer: answer.slice(0, 200) };
    }
    this.attempts.push({
      kind,
      key,
      startedAt,
      endedAt: Date.now(),
      acknowledged: outcome.ok,
      ids: outcome.ids,
      answer: outcome.answer,
    });
  }

  private postForm(email: string, path: string, form: Record<string, string>, expect: RegExp) {
    return async () => {
      const client = await this.client(email);
      const res = await client.post(path, form, { signal: AbortSignal.timeout(20_000) });
      const location = res.headers.get("location") ?? "";
      const match = expect.exec(location);
      await res.arrayBuffer().catch(() => {});
      return {
        ok: (res.status === 302 || res.status === 303) && match !== null,
        ids: match?.[1] ? [Number(match[1])] : [],
        answer: `${res.status} ${location}`,
      };
    };
  }

  private expenditure() {
    const key = randomUUID();
    const { contractId } = this.fixtures;
    return this.attempt(
      "expenditure",
      key,
      this.postForm(
        "org.gar@demo.local",
        `/contracts/${contractId}/expenditures`,
        {
          spentOn: todayInShanghai(),
          category: "activities",
          amount: "12.34",
          description: `演练 ${this.label}`,
          _key: key,
        },
        /\/expenditures\?recorded=(\d+)$/,
      ),
    );
  }

  private activity() {
    const key = randomUUID();
    return this.attempt(
      "activity",
      key,
      this.postForm(
        "org.gar@demo.local",
        "/activities/new",
        {
          contractId: String(this.fixtures.contractId),
          occurredOn: todayInShanghai(),
          kind: "home_visit",
          participants: "3",
          personTimes: "3",
          hours: "1.5",
          summary: `演练 ${this.label}`,
          _key: key,
        },
        /^\/activities\/(\d+)\?logged=1/,
      ),
    );
  }

  private async visit() {
    const visit = this.visitQueue.shift();
    if (!visit) return this.expenditure();
    const key = randomUUID();
    return this.attempt(
      "visit",
      key,
      this.postForm(
        visit.email,
        `/visits/${visit.id}`,
        {
          intent: "record",
          _key: key,
          outcome: "visited",
          visitedOn: todayInShanghai(),
          notes: `演练 ${this.label}`,
        },
        new RegExp(`^/visits/(${visit.id})\\?recorded=1`),
      ),
    );
  }

  /** A batch of in-app reminders written to the outbox in one statement, acknowledged when it returns. */
  private reminders(count = 20) {
    const key = `drill:${this.label}:${randomUUID()}`;
    const { contractId, userIds } = this.fixtures.reminderSubject;
    const rows = Array.from({ length: count }, (_, i) => ({
      kind: "deliverable_behind",
      subject_type: "contract",
      subject_id: contractId,
      recipient_user_id: userIds[i % userIds.length],
      channel: "in_app",
      send_at: new Date().toISOString(),
      dedupe_key: `${key}:${i}`,
      payload: {
        occurrence: `${key}:${i}`,
        contractCode: this.label,
        contractTitle: "演练",
        organizationName: "演练",
      },
    }));
    return this.attempt("reminder", key, async () => {
      const inserted = await queryRows<{ id: number }>(
        this.database!.db,
        rawSql`
        insert into reminders (kind, subject_type, subject_id, recipient_user_id, channel, send_at, dedupe_key, payload)
        select x.kind, x.subject_type, x.subject_id, x.recipient_user_id, x.channel, x.send_at, x.dedupe_key, x.payload
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x(kind text, subject_type text, subject_id int, recipient_user_id int, channel text,
                 send_at timestamptz, dedupe_key text, payload jsonb)
        returning id`,
      );
      return {
        ok: inserted.length === count,
        ids: inserted.map((r) => r.id),
        answer: `${inserted.length} rows`,
      };
    });
  }

  /** `writers` form posters in a round of expenditure, activity and visit, plus one reminder writer. */
  start({ writers = 3, pauseMs = 100 }: { writers?: number; pauseMs?: number } = {}) {
    this.running = true;
    const kinds = [() => this.expenditure(), () => this.activity(), () => this.visit()];
    for (let w = 0; w < writers; w++)
      this.loops.push(
        (async () => {
          for (let n = w; this.running; n++) {
            await kinds[n % kinds.length]();
            await sleep(pauseMs);
          }
        })(),
      );
    if (this.database)
      this.loops.push(
        (async () => {
          while (this.running) {
            await this.reminders();
            await sleep(pauseMs * 2);
          }
        })(),
      );
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }

  acknowledged(kind?: WriteKind) {
    return this.attempts.filter((a) => a.acknowledged && (!kind || a.kind === kind));
  }
}

export type WriteCheck = {
  acknowledged: number;
  byKind: Record<WriteKind, number>;
  missing: Attempt[];
  refused: number;
  /** Refused or cut off, yet committed: the client could not know (in doubt); never a problem, reported for the record. */
  committedAnyway: number;
};

/** Looks up every attempt on `sql` (the new primary): each acknowledged write must be there, with its row. */
export async function checkWrites(sql: postgres.Sql, attempts: Attempt[]): Promise<WriteCheck> {
  const posts = attempts.filter((a) => a.kind !== "reminder");
  const keys = posts.map((a) => a.key);
  const stored = new Map(
    (
      await sql<{ key: string; done: boolean }[]>`
        select key::text, result is not null as done from form_submissions where key = any(${keys}::uuid[])`
    ).map((r) => [r.key, r.done]),
  );
  const expenditures = new Set(
    (
      await sql<
        { id: number }[]
      >`select id from expenditures where id = any(${posts.filter((a) => a.kind === "expenditure").flatMap((a) => a.ids)}::int[])`
    ).map((r) => r.id),
  );
  const activities = new Set(
    (
      await sql<
        { id: number }[]
      >`select id from activities where id = any(${posts.filter((a) => a.kind === "activity").flatMap((a) => a.ids)}::int[])`
    ).map((r) => r.id),
  );
  const visitsDone = new Set(
    (
      await sql<
        { id: number }[]
      >`select id from visits where status = 'completed' and id = any(${posts.filter((a) => a.kind === "visit").flatMap((a) => a.ids)}::int[])`
    ).map((r) => r.id),
  );
  const reminderAttempts = attempts.filter((a) => a.kind === "reminder");
  const reminderKeys = new Set(
    (
      await sql<{ prefix: string }[]>`
        select distinct split_part(dedupe_key, ':', 1) || ':' || split_part(dedupe_key, ':', 2) || ':' || split_part(dedupe_key, ':', 3) as prefix
          from reminders where dedupe_key like 'drill:%'`
    ).map((r) => r.prefix),
  );
  const reminderIds = new Set(
    (
      await sql<
        { id: number }[]
      >`select id from reminders where id = any(${reminderAttempts.flatMap((a) => a.ids)}::int[])`
    ).map((r) => r.id),
  );
  const present = (a: Attempt) => {
    if (a.kind === "reminder")
      return a.acknowledged ? a.ids.every((id) => reminderIds.has(id)) : reminderKeys.has(a.key);
    if (!stored.get(a.key)) return false;
    if (!a.acknowledged) return true;
    const rows = a.kind === "expenditure" ? expenditures : a.kind === "activity" ? activities : visitsDone;
    return a.ids.every((id) => rows.has(id));
  };
  const acknowledged = attempts.filter((a) => a.acknowledged);
  const byKind = { expenditure: 0, activity: 0, visit: 0, reminder: 0 } as Record<WriteKind, number>;
  for (const a of acknowledged) byKind[a.kind] += a.kind === "reminder" ? a.ids.length : 1;
  return {
    acknowledged: acknowledged.length,
    byKind,
    missing: acknowledged.filter((a) => !present(a)),
    refused: attempts.length - acknowledged.length,
    committedAnyway: attempts.filter((a) => !a.acknowledged && present(a)).length,
  };
}

/**
 * How long writes stopped: from the failure to the acknowledgement of the first write that was sent after it (a write
 * sent before may still be answered after it: it committed before the crash). Also the last acknowledgement before
 * the failure, and the longest gap between two acknowledgements in the whole run.
 */
export function writeOutage(attempts: Attempt[], failedAt: number) {
  const acked = attempts.filter((a) => a.acknowledged);
  const lastBefore = Math.max(...acked.filter((a) => a.endedAt <= failedAt).map((a) => a.endedAt), 0);
  const firstAfter = Math.min(...acked.filter((a) => a.startedAt >= failedAt).map((a) => a.endedAt));
  const ends = acked.map((a) => a.endedAt).sort((a, b) => a - b);
  let longestGap = 0;
  for (let i = 1; i < ends.length; i++) longestGap = Math.max(longestGap, ends[i] - ends[i - 1]);
  return {
    lastBefore,
    firstAfter,
    sinceFailure: firstAfter - failedAt,
    withoutWrites: firstAfter - (lastBefore || failedAt),
    longestGap,
  };
}
