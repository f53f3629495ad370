// The README's "Try this" section, walked as its demo accounts: every link answers 200 and shows what its line says
// it shows, and every page the README's "Using it" names has a link there — so the demo has something to show for
// every feature, and the README cannot promise a page that the demo leaves empty.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

/** The text from a `## ` heading (matched by its start) to the next one. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const end = readme.indexOf("\n## ", start + 4);
  return readme.slice(start, end < 0 ? undefined : end);
}

type Stop = { label: string; href: string; shows: string };
type Account = { email: string; stops: Stop[] };

/** `### \`email\` …` headings, each followed by `- label: [text](/path) — shows \`text\`` lines. */
function parseTour(text: string): Account[] {
  const accounts: Account[] = [];
  for (const line of text.split("\n")) {
    const heading = /^### `([^`]+@[^`]+)`/.exec(line);
    if (heading) {
      accounts.push({ email: heading[1], stops: [] });
      continue;
    }
    if (!line.startsWith("- ") || accounts.length === 0) continue;
    const link = /\[([^\]]+)\]\((\/[^)\s]*)\)/.exec(line);
    const expected = /shows `([^`]+)`/.exec(line);
    if (!link || !expected) throw new Error(`A "Try this" line without a link or "shows \`…\`": ${line}`);
    accounts
      .at(-1)!
      .stops.push({ label: line.slice(2, line.indexOf(":")), href: link[2], shows: expected[1] });
  }
  return accounts;
}

const tour = parseTour(section("Try this"));

/** What a reader sees of a page: the text outside scripts and styles, tags dropped, entities decoded, spaces collapsed. */
function visibleText(body: string): string {
  return body
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** `text` must appear as the reader sees the page (or in a JSON answer); `/pattern/` must match it. */
function shows(body: string, expected: string): boolean {
  const seen = visibleText(body);
  if (expected.length > 2 && expected.startsWith("/") && expected.endsWith("/")) {
    const pattern = new RegExp(expected.slice(1, -1), "u");
    return pattern.test(seen);
  }
  return seen.includes(expected);
}
const pathOf = (href: string) => href.split("?")[0];

describe("the README's Try this section", () => {
  it("names every main demo account, each with links", () => {
    const table = section("Demo accounts")
      .split("\n")
      .map((l) => /^\| `([^`]+@demo\.local)`/.exec(l)?.[1])
      .filter(Boolean);
    expect(table.length).toBeGreaterThan(0);
    for (const email of table) {
      const account = tour.find((a) => a.email === email);
      expect(account, email).toBeDefined();
      expect(account!.stops.length, email).toBeGreaterThan(0);
    }
  });

  it("links every page the README's Using it section names", () => {
    const named = [...section("Using it").matchAll(/`(\/[a-z][^`\s]*)`/g)]
      .map((m) => pathOf(m[1]))
      .filter((p) => !p.includes(":"));
    expect(named.length).toBeGreaterThan(10);
    const linked = new Set(tour.flatMap((a) => a.stops.map((s) => pathOf(s.href))));
    expect([...new Set(named)].filter((p) => !linked.has(p))).toEqual([]);
  });
});

describe("walking the README's Try this links as the named demo accounts", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ database: "demo" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  for (const account of tour) {
    it(`shows something on every link for ${account.email}`, async () => {
      const client = new HttpClient(app.baseUrl);
      await client.signIn(account.email);
      const failures: string[] = [];
      for (const stop of account.stops) {
        const res = await client.get(stop.href);
        const body = await res.text();
        if (res.status !== 200) failures.push(`${stop.href}: ${res.status}`);
        else if (!shows(body, stop.shows)) failures.push(`${stop.href}: does not show "${stop.shows}"`);
      }
      expect(failures).toEqual([]);
    });
  }
});
