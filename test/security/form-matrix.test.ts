// The form matrix, beside the route matrix (who may) and the hostile fuzzer (what is refused): what works. Every
// action and every intent of the built app (not a hand list) gets one valid post, as a user who may, on an object no
// other row touches; the answer must be a redirect or a page without errors, the change must show where the user
// looks and be stored, and the post must be audited (or say why not). An intent without a row fails by name.
// On every page it loads it also checks that no form pre-selects a state change, and that every form marks the fields
// its action's schema requires (issue 14).
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredFields } from "~/modules/kernel/required";
import { todayInShanghai } from "~/utils/dates";
import { type AppServer, startAppServer } from "../support/app-server";
import type { HttpClient } from "../support/http";
import { accountRows } from "./form-matrix/rows-accounts";
import { activityRows } from "./form-matrix/rows-activities";
import { adminRows } from "./form-matrix/rows-admin";
import { contractRows } from "./form-matrix/rows-contracts";
import { duplicateRows } from "./form-matrix/rows-duplicates";
import { fieldRows, referralRow } from "./form-matrix/rows-field";
import { householdRows } from "./form-matrix/rows-households";
import { peopleRows } from "./form-matrix/rows-people";
import { placeRows } from "./form-matrix/rows-places";
import { registerRows } from "./form-matrix/rows-registers";
import { signoffRows } from "./form-matrix/rows-signoff";
import { upwardRows } from "./form-matrix/rows-upward";
import { visitRows } from "./form-matrix/rows-visits";
import { workforceRows } from "./form-matrix/rows-workforce";
import { schemaFor } from "./form-matrix/schemas";
import {
  type Body,
  type Ctx,
  type DefaultsSeen,
  errorMarkup,
  errorsIn,
  type Fields,
  formFor,
  formsOn,
  isMultipart,
  isRaw,
  makeCtx,
  newKey,
  ONE_FORM,
  type PageForm,
  type RouteRows,
  type Row,
  requiredMarkProblems,
  stateDefaults,
} from "./form-matrix/support";
import { routeManifest } from "./support";

const matrix: Record<string, RouteRows> = {
  ...peopleRows,
  ...duplicateRows,
  ...visitRows,
  ...activityRows,
  ...contractRows,
  ...registerRows,
  ...placeRows,
  ...accountRows,
  ...adminRows,
  ...fieldRows,
  ...workforceRows,
  ...householdRows,
  ...upwardRows,
  ...signoffRows,
  "routes/visits.$id": { ...visitRows["routes/visits.$id"], ...referralRow },
};

const routes = routeManifest().filter((r) => r.hasAction);
const cells = routes.flatMap((r) => (r.intents ?? [ONE_FORM]).map((intent) => ({ route: r, intent })));

const fieldsOf = (body: Body): Fields | null =>
  isRaw(body) ? null : isMultipart(body) ? body.multipart : (body as Fields);

async function post(client: HttpClient, url: string, body: Body) {
  if (isRaw(body))
    return client.request(url, {
      method: "POST",
      body: body.raw,
      headers: { "Content-Type": body.contentType, ...body.headers },
    });
  if (isMultipart(body)) {
    const form = new FormData();
    for (const [name, value] of Object.entries(body.multipart))
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    if (body.file)
      form.append(body.file.name, new Blob([body.file.text], { type: "text/csv" }), body.file.filename);
    return client.request(url, { method: "POST", body: form });
  }
  return client.post(url, body as Fields);
}

const asList = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

describe("form matrix: one valid post per action and intent", () => {
  let app: AppServer;
  let pg: postgres.Sql;
  let ctx: Ctx;
  const seen: DefaultsSeen[] = [];
  const markProblems: string[] = [];
  const marksChecked: string[] = [];
  const see = (html: string, page: string) => seen.push(...stateDefaults(html, page));

  beforeAll(async () => {
    // The group-robot rows post to a local robot (rows-upward.ts); production allows only the two robot services.
    app = await startAppServer({
      database: "demo",
      env: { ROBOT_HOSTS: "127.0.0.1,qyapi.weixin.qq.com,oapi.dingtalk.com" },
    });
    pg = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
    ctx = makeCtx(pg, app.baseUrl, todayInShanghai());
  });
  afterAll(async () => {
    await pg?.end();
    await app?.stop();
  });

  it("has a row for every action and intent in the manifest, and none for one that is gone", () => {
    expect(cells.length).toBeGreaterThan(60);
    const missing = cells
      .filter(({ route, intent }) => !matrix[route.id]?.[intent])
      .map(({ route, intent }) => `${route.id} ${intent} (${route.pattern})`);
    const stale = Object.entries(matrix).flatMap(([id, rows]) =>
      Object.keys(rows)
        .filter((intent) => !cells.some((c) => c.route.id === id && c.intent === intent))
        .map((intent) => `${id} ${intent}`),
    );
    expect(missing, `Actions and intents with no row in the form matrix: ${missing.join(", ")}`).toEqual([]);
    expect(
      stale,
      `Form matrix rows for actions or intents that no longer exist: ${stale.join(", ")}`,
    ).toEqual([]);
  });

  for (const { route, intent } of cells) {
    const row = matrix[route.id]?.[intent] as Row | undefined;
    it.skipIf(!row)(`${route.id} ${intent}: works, shows, stores and audits`, async () => {
      await runRow(route.id, intent, row!);
    });
  }

  it("pre-selects no state change on any page it loaded (status, outcome, decision: a choice the user makes)", () => {
    const chosen = seen.filter((s) => s.value !== "" && !s.settled);
    expect(
      chosen.map((s) => `${s.field} on ${s.page}: "${s.value}"`),
      "state-changing fields with a value chosen before the user chose one",
    ).toEqual([]);
    // Not vacuous: the forms issue 14 named were on the pages loaded.
    const fields = new Set(seen.map((s) => s.field.replace(/\/\d+/g, "/:id")));
    for (const field of ["/people/:id status", "/facilities/:id toStatus", "/visits/:id outcome"])
      expect(fields, `the matrix never loaded a page with ${field}`).toContain(field);
  });

  it("marks every field a form's schema requires, with the key to the mark once per form", () => {
    expect(markProblems, "forms whose required fields are not marked as such").toEqual([]);
    // Not vacuous: most forms were loaded and checked.
    expect(marksChecked.length).toBeGreaterThan(50);
    for (const form of [
      "routes/activities.new (form)",
      "routes/people.new (form)",
      "routes/visits.$id record",
    ])
      expect(marksChecked).toContain(form);
  });

  /** The form's marks against the schema its action parses it with (form-matrix/schemas.ts). */
  function checkMarks(routeId: string, intent: string, form: PageForm, page: string) {
    const where = `${routeId} ${intent} on ${page}`;
    const schema = schemaFor(routeId, intent, ctx.today);
    if (schema === undefined) {
      markProblems.push(`${where}: no entry in form-matrix/schemas.ts`);
      return;
    }
    if (schema === null) return;
    try {
      const names = requiredFields(schema, intent === ONE_FORM ? undefined : intent);
      markProblems.push(...requiredMarkProblems(form.element, names, where));
      marksChecked.push(`${routeId} ${intent}`);
    } catch (error) {
      markProblems.push(`${where}: ${(error as Error).message}`);
    }
  }

  async function runRow(routeId: string, intent: string, row: Row) {
    const actor = typeof row.as === "string" ? await ctx.actor(row.as) : await row.as(ctx);
    const g = row.given ? await row.given(ctx, actor) : {};
    const body = await row.body(g, ctx);
    const to = row.to?.(g) ?? row.page?.(g);
    if (!to) throw new Error(`${routeId} ${intent}: the row names no page and no target`);
    const where = `${routeId} ${intent} as ${actor.email}: POST ${to}`;
    const fields = fieldsOf(body);
    if (row.page) {
      const url = row.page(g);
      const page = await actor.client.get(url);
      const html = await page.text();
      expect(page.status, `GET ${url} as ${actor.email}`).toBe(200);
      see(html, url);
      const names = Object.keys(fields ?? {});
      const posted = typeof fields?.intent === "string" ? fields.intent : undefined;
      const forms = formsOn(html, to);
      const form = formFor(forms, names, posted);
      expect(
        form,
        `${where}: ${url} has no form posting ${names.join(", ")}${posted ? ` with intent ${posted}` : ""}; its forms post ${forms.map((f) => `[${[...f.names].join(", ")}]`).join(" ")}`,
      ).toBeDefined();
      if (form) checkMarks(routeId, intent, form, url);
      if (form?.hasKey && fields && !fields._key) fields._key = newKey();
    }
    const [{ last }] = await pg<{ last: string }[]>`select coalesce(max(id), 0)::text as last from audit_log`;
    const res = await post(actor.client, to, body);
    const text = await res.text();
    // Read before the pages the user then opens, which audit their own reads (a search of people's files); a page
    // rendered with the answer audits its own read too (opening a person's file), which is not the post's entry.
    const audited = await pg<{ action: string; entity: string }[]>`
      select action, entity_type as entity from audit_log
      where id > ${last}::bigint and actor_user_id = ${actor.userId} and action <> 'person.view' order by id`;
    const refused = `${where} → ${res.status}: ${errorsIn(text).join(" | ") || text.slice(0, 300)}`;
    let shown = text;
    if (row.answer === "redirect") {
      expect([301, 302, 303], refused).toContain(res.status);
      const location = res.headers.get("location");
      expect(location, `${where}: a redirect without a Location`).toBeTruthy();
      const landing = await actor.client.get(location!);
      shown = await landing.text();
      expect(landing.status, `${where}: the page it leads to, ${location}`).toBe(200);
      see(shown, location!);
    } else if (row.answer === "created") {
      expect(res.status, refused).toBe(201);
      expect(res.headers.get("location"), `${where}: a creation without a Location`).toBeTruthy();
      await row.reads?.(text, res, g);
    } else {
      expect(res.status, refused).toBe(200);
      if (row.reads) await row.reads(text, res, g);
      else {
        expect(errorsIn(text), refused).toEqual([]);
        expect(text, refused).not.toMatch(errorMarkup);
        see(text, to);
      }
    }
    for (const want of row.shows ? asList(row.shows(g)) : [])
      expect(shown, `${where}: the user should see ${want}`).toMatch(
        typeof want === "string" ? new RegExp(want.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : want,
      );
    for (const [url, want] of row.look?.(g) ?? []) {
      const res = await actor.client.get(url);
      const html = await res.text();
      expect(res.status, `${where}: GET ${url}`).toBe(200);
      see(html, url);
      if (typeof want === "string") expect(html, `${where}: ${url} should show it`).toContain(want);
      else expect(html, `${where}: ${url} should show it`).toMatch(want);
    }
    if (row.stored) await row.stored(ctx, g);
    if ("none" in row.audit)
      expect(audited, `${where}: audits nothing by design (${row.audit.none}), yet wrote`).toEqual([]);
    else
      expect(
        audited.at(-1),
        `${where}: the newest audit entry by this user should be ${row.audit.action} on a ${row.audit.entity}; the post wrote ${JSON.stringify(audited)}`,
      ).toEqual({ action: row.audit.action, entity: row.audit.entity });
  }
});
