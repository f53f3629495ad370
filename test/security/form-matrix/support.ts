// The form matrix's vocabulary: what a row says (who posts what where, what the user then sees, what is stored and
// audited), the context rows find their objects in, and reading forms and their defaults off a page.
import { randomUUID } from "node:crypto";
import { type HTMLElement, parse } from "node-html-parser";
import { generate } from "otplib";
import type postgres from "postgres";
import { expect } from "vitest";
import { HttpClient } from "../../support/http";
import { type RoleKey, roleAccounts } from "../support";

/** A signed-in user (or, for sign-in itself, the account a fresh client signs in as). */
export type Actor = { client: HttpClient; email: string; userId: number };

/** A form field's values as posted: one string, or several (checkboxes of one name). */
export type Fields = Record<string, string | string[]>;

/** What a row posts: form fields (urlencoded, or multipart when it carries a file), or a raw body. */
export type Body = Fields | Multipart | RawBody;
export type Multipart = { multipart: Fields; file?: { name: string; filename: string; text: string } };
export type RawBody = { raw: string; contentType: string; headers?: Record<string, string> };

export const isRaw = (body: Body): body is RawBody => typeof (body as RawBody).contentType === "string";
export const isMultipart = (body: Body): body is Multipart =>
  typeof (body as Multipart).multipart === "object" && !Array.isArray((body as Multipart).multipart);

export type Audit =
  /** The entries the post wrote by this actor include one with this action about this kind of thing. */
  | { action: string; entity: string }
  /** By design nothing is audited; the reason says why. The row checks that indeed nothing was. */
  | { none: string };

// biome-ignore lint/suspicious/noExplicitAny: each row's own object, whatever its `given` finds
export type Given = Record<string, any>;

export type Row<G extends Given = Given> = {
  /** Who posts: a matrix identity, or an actor the row makes (a fresh account, so nothing else shares it). */
  as: RoleKey | ((ctx: Ctx) => Promise<Actor>);
  /** Finds or makes the row's own object (one no other row touches). */
  given?: (ctx: Ctx, actor: Actor) => Promise<G>;
  /** The page with the form, loaded first: it must have a form with every field the row posts. */
  page?: (g: G) => string;
  /** Where the form posts (default: the page). */
  to?: (g: G) => string;
  /** The post; async when it needs a fresh value (a second-factor code). */
  body: (g: G, ctx: Ctx) => Body | Promise<Body>;
  /**
   * A redirect with a Location (then that page is loaded), 200 without any field or form error, or 201 with a
   * Location (a protocol's creation, e.g. a resumable upload; `reads` checks the answer).
   */
  answer: "redirect" | "ok" | "created";
  /** Text the user sees: on the page the redirect leads to, else in the answer. */
  shows?: (g: G) => string | RegExp | (string | RegExp)[];
  /** For answers that are not pages (CSV, JSON): checks the answer instead. */
  reads?: (text: string, res: Response, g: G) => void | Promise<void>;
  /** Other pages the user would look at, and what each must show. */
  look?: (g: G) => [url: string, text: string | RegExp][];
  /** The change in the database. */
  stored?: (ctx: Ctx, g: G) => Promise<void>;
  audit: Audit;
};

/** A row per intent of a route ("(form)" for a route whose action has one form). */
export type RouteRows = Record<string, Row>;

export const ONE_FORM = "(form)";

export type Ctx = {
  pg: postgres.Sql;
  baseUrl: string;
  today: string;
  /** An ISO date `n` days from today (Asia/Shanghai). */
  day: (n: number) => string;
  /** The signed-in matrix identity (one client per role, shared by the rows). */
  actor: (role: RoleKey) => Promise<Actor>;
  /** A new station-staff account at Baiba with the demo password, signed in; `totp` also sets up two-factor. */
  freshAccount: (options?: { totp?: boolean; signedIn?: boolean }) => Promise<FreshAccount>;
  /** Ids a row has taken, per kind, so no two rows get the same object. */
  taken: (kind: string) => number[];
  take: (kind: string, id: number | undefined | null) => number;
  /** A unique number for codes and names. */
  serial: () => number;
};

export type FreshAccount = Actor & {
  password: string;
  /** Set when `totp`: the secret and the recovery codes shown at enrolment. */
  secret?: string;
  recoveryCodes?: string[];
};

/** A six-digit code `ahead` steps from now: a code already used (enrolment) is refused, the next step is not. */
export function totpCode(secret: string, ahead = 1): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * ahead });
}

export function makeCtx(pg: postgres.Sql, baseUrl: string, today: string): Ctx {
  const actors = new Map<RoleKey, Promise<Actor>>();
  const takenIds = new Map<string, Set<number>>();
  let serial = Date.now() % 100_000;
  const ctx: Ctx = {
    pg,
    baseUrl,
    today,
    day: (n) => {
      const d = new Date(`${today}T12:00:00+08:00`);
      d.setUTCDate(d.getUTCDate() + n);
      return d.toISOString().slice(0, 10);
    },
    actor: (role) => {
      if (!actors.has(role))
        actors.set(
          role,
          (async () => {
            const email = roleAccounts[role];
            if (!email) throw new Error(`${role} cannot post a form`);
            const client = new HttpClient(baseUrl);
            await client.signIn(email);
            const [{ id }] = await pg<{ id: number }[]>`select id from users where email = ${email}`;
            return { client, email, userId: id };
          })(),
        );
      return actors.get(role)!;
    },
    freshAccount: async ({ totp = false, signedIn = true } = {}) => {
      const n = ctx.serial();
      const email = `matrix.${n}@bureau.example.cn`;
      // why: the demo password's hash, copied, so the account signs in as any demo account does.
      const [{ id }] = await pg<{ id: number }[]>`
        insert into users (email, name, password_hash, role, facility_id)
        select ${email}, ${`表单矩阵 ${n}`}, password_hash, 'station_staff', facility_id
        from users where email = ${roleAccounts.stationBaiba} returning id`;
      const client = new HttpClient(baseUrl);
      const account: FreshAccount = { client, email, userId: id, password: "demo12345" };
      if (!signedIn && !totp) return account;
      await client.signIn(email);
      if (totp) {
        const page = await (await client.get("/account/two-factor")).text();
        account.secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)?.[1];
        expect(account.secret, "the enrolment page shows the secret").toBeDefined();
        const enabled = await client.post("/account/two-factor", {
          currentPassword: account.password,
          code: await totpCode(account.secret!, 0),
        });
        account.recoveryCodes = [
          ...(await enabled.text()).matchAll(/<code>([0-9a-f]{5}-[0-9a-f]{5})<\/code>/g),
        ].map((m) => m[1]);
        expect(account.recoveryCodes, "two-factor sign-in is on").toHaveLength(10);
      }
      return account;
    },
    taken: (kind) => [0, ...(takenIds.get(kind) ?? [])],
    take: (kind, id) => {
      if (id == null) throw new Error(`No ${kind} left in the demo for this row`);
      const set = takenIds.get(kind) ?? new Set<number>();
      takenIds.set(kind, set);
      if (set.has(id)) throw new Error(`${kind} ${id} is another row's`);
      set.add(id);
      return id;
    },
    serial: () => ++serial,
  };
  return ctx;
}

export type PageForm = {
  action: string;
  /** Every name the form posts: its fields and its submit buttons. */
  names: Set<string>;
  /** The intents it can post: a hidden `intent`, or the values of `intent` buttons. */
  intents: string[];
  hasKey: boolean;
  element: HTMLElement;
};

/** The POST forms of a page that post to `path` (its pathname). */
export function formsOn(html: string, path: string): PageForm[] {
  const pathname = new URL(path, "http://x").pathname;
  const out: PageForm[] = [];
  for (const form of parse(html).querySelectorAll("form")) {
    if ((form.getAttribute("method") ?? "get").toLowerCase() !== "post") continue;
    const action = form.getAttribute("action") ?? path;
    if (new URL(action, "http://x").pathname !== pathname) continue;
    const names = new Set<string>();
    const intents: string[] = [];
    for (const el of form.querySelectorAll("input, select, textarea, button")) {
      const name = el.getAttribute("name");
      if (!name) continue;
      names.add(name);
      if (name === "intent") intents.push(el.getAttribute("value") ?? "");
    }
    out.push({ action, names, intents, hasKey: names.has("_key"), element: form });
  }
  return out;
}

/** The form a row posts: it has every field of the body, and offers the body's intent. */
export function formFor(
  forms: PageForm[],
  fields: string[],
  intent: string | undefined,
): PageForm | undefined {
  return forms.find(
    (f) =>
      fields.every((name) => name === "_key" || f.names.has(name)) &&
      (intent === undefined ? !f.names.has("intent") : f.intents.includes(intent)),
  );
}

/** Select names that change an object's state when posted. */
export const stateChangeName = /^(status|toStatus|outcome|decision)$|Status$/;

/** State-like fields that may show a value, and why that value changes nothing. */
export const settledDefaults: { action: RegExp; name: string; why: string }[] = [
  {
    action: /^\/organizations\/new$/,
    name: "status",
    why: "a new organization's registration status (active by default): it creates a record, it changes none",
  },
  {
    action: /^\/organizations\/\d+\/edit$/,
    name: "status",
    why: "shows the organization's status as stored, so saving unchanged changes nothing (its row checks this)",
  },
  {
    action: /^\/facilities\/new$/,
    name: "status",
    why: "a new facility's starting status (planned): it creates a record, it changes none",
  },
];

export type DefaultsSeen = { field: string; page: string; value: string; settled?: string };

/**
 * The state-like selects and radio groups of a page's POST forms and what each has chosen before the user touches
 * it: a select's option marked selected (else its first, as a browser shows it), a radio group's checked value.
 */
export function stateDefaults(html: string, page: string): DefaultsSeen[] {
  const out: DefaultsSeen[] = [];
  for (const form of parse(html).querySelectorAll("form")) {
    if ((form.getAttribute("method") ?? "get").toLowerCase() !== "post") continue;
    const action = new URL(form.getAttribute("action") ?? page, "http://x").pathname;
    const settled = (name: string) =>
      settledDefaults.find((s) => s.name === name && s.action.test(action))?.why;
    for (const select of form.querySelectorAll("select")) {
      const name = select.getAttribute("name") ?? "";
      if (!stateChangeName.test(name)) continue;
      const chosen = select.querySelector("option[selected]") ?? select.querySelector("option");
      out.push({
        field: `${action} ${name}`,
        page,
        value: chosen?.getAttribute("value") ?? "",
        settled: settled(name),
      });
    }
    const radios = new Map<string, string>();
    for (const radio of form.querySelectorAll('input[type="radio"]')) {
      const name = radio.getAttribute("name") ?? "";
      if (!stateChangeName.test(name)) continue;
      if (!radios.has(name)) radios.set(name, "");
      if (radio.hasAttribute("checked")) radios.set(name, radio.getAttribute("value") ?? "on");
    }
    for (const [name, value] of radios)
      out.push({ field: `${action} ${name}`, page, value, settled: settled(name) });
  }
  return out;
}

/** The errors a page shows next to fields or over a form (components/ui/field.tsx). */
export const errorMarkup = /class="(field__errors|form-errors)"/;

/** The messages of those errors, for a failure that says what the app refused. */
export function errorsIn(html: string): string[] {
  return parse(html)
    .querySelectorAll(".field__errors, .form-errors")
    .map((e) => e.text.trim())
    .filter(Boolean);
}

export const newKey = () => randomUUID();

const notFilledIn = new Set(["hidden", "submit", "button", "reset", "image"]);

/**
 * What is wrong with how a form marks the fields its schema requires (issue 14): each such field a person fills in
 * carries `required` or `aria-required` and the mark (`.field__required`) in its label (or its group's legend), and
 * the key to the mark ("* 为必填项") stands once in a form with marks. Hidden fields (ids, the intent) are not asked.
 */
export function requiredMarkProblems(form: HTMLElement, names: string[], where: string): string[] {
  // A row's form in a table may be labelled by its column's heading and keyed by a note above the table.
  let page = form;
  while (page.parentNode) page = page.parentNode;
  const byIds = (ids: string | undefined) =>
    (ids ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.querySelector(`[id="${id}"]`))
      .filter((el): el is HTMLElement => el !== null);
  const problems: string[] = [];
  let asked = 0;
  const filledIn = (name: string) =>
    form
      .querySelectorAll(`[name="${name}"]`)
      .filter(
        (el) =>
          ["input", "select", "textarea"].includes(el.tagName.toLowerCase()) &&
          !notFilledIn.has((el.getAttribute("type") ?? "text").toLowerCase()),
      );
  for (const name of names) {
    // A search picker posts the chosen id hidden and the typed text as `<name>Text` (components/ui/search-picker.tsx).
    const own = filledIn(name);
    const fields = own.length ? own : filledIn(`${name}Text`);
    if (fields.length === 0) continue;
    asked += 1;
    const type = (fields[0].getAttribute("type") ?? "").toLowerCase();
    const group = fields.length > 1 && (type === "radio" || type === "checkbox");
    const says = (el: HTMLElement) =>
      el.hasAttribute("required") || el.getAttribute("aria-required") === "true";
    // A group of checkboxes has no attribute that says "choose at least one": its legend's mark says it.
    if (!(group ? type === "checkbox" || fields.some(says) : says(fields[0])))
      problems.push(
        `${where}: "${name}" is required by the schema but not by the input (required / aria-required)`,
      );
    const id = fields[0].getAttribute("id");
    const labels = group
      ? [fields[0].closest("fieldset")?.querySelector("legend")]
      : [
          id ? form.querySelector(`label[for="${id}"]`) : null,
          fields[0].closest("label"),
          ...byIds(fields[0].getAttribute("aria-labelledby")),
        ];
    if (!labels.some((label) => label?.querySelector(".field__required")))
      problems.push(`${where}: "${name}" is required by the schema but its label shows no mark`);
  }
  const notes =
    form.querySelectorAll(".required-note").length +
    byIds(form.getAttribute("aria-describedby")).filter((el) => el.classList.contains("required-note"))
      .length;
  if (asked > 0 && notes !== 1)
    problems.push(
      `${where}: the key to the mark (* 为必填项) shows ${notes} times in a form with required fields`,
    );
  if (asked === 0 && notes > 0)
    problems.push(`${where}: the key to the mark shows in a form that marks nothing`);
  return problems;
}
