// The weak-link budget of issue 13, read from the build the e2e run makes (test/setup/global.ts): each field page
// downloads at most 120 KiB of JavaScript until it hydrates, in Brotli and in gzip (what a browser that accepts only
// gzip gets) — the entry, the root and the page's route with their static imports, and the strings of the namespaces
// its routes declare — and none of it is zod or @date-fns/tz, which the field pages load lazily or not at all. Counted
// from files, not timed, so it does not depend on the load.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHUNK_MODULES_FILE } from "../../scripts/build/chunk-modules";
import { FIELD_PAGE_BUDGET, FIELD_PAGES, measureFieldPages } from "../../scripts/build/page-js";

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

describe("field pages' first JavaScript", () => {
  const pages = measureFieldPages();

  it("measures each of the four field pages, from the entry to the page's strings", () => {
    expect(pages.map((p) => p.url)).toEqual(FIELD_PAGES.map((p) => p.url));
    for (const page of pages) {
      const files = page.files.map((f) => f.file);
      expect(files.some((f) => /^assets\/entry\.client-/.test(f))).toBe(true);
      expect(files.some((f) => /^assets\/root-/.test(f))).toBe(true);
      expect(files.some((f) => /^assets\/common-/.test(f))).toBe(true);
    }
  });

  it.each(
    FIELD_PAGES.flatMap((p) => (["brotli", "gzip"] as const).map((encoding) => [p.url, encoding] as const)),
  )("keeps %s within 120 KiB in %s", (url, encoding) => {
    const page = pages.find((p) => p.url === url)!;
    const largest = [...page.files]
      .sort((a, b) => b[encoding] - a[encoding])
      .slice(0, 8)
      .map((f) => `${f.file} ${kib(f[encoding])}`);
    expect({ kib: kib(page[encoding]), over: page[encoding] > FIELD_PAGE_BUDGET ? largest : [] }).toEqual({
      kib: kib(page[encoding]),
      over: [],
    });
    // why: the compressed copies are the build's own (scripts/build/precompress.ts); a page counted from raw files,
    // with no copies written, would pass here while a browser got several times more.
    const suffix = encoding === "brotli" ? ".br" : ".gz";
    expect(
      page.files.filter(
        (f) => f[encoding] >= 1024 && !fs.existsSync(path.join("build/client", `${f.file}${suffix}`)),
      ),
    ).toEqual([]);
  });

  it("sees zod in the build's lazily loaded chunks, so the check below can fail", () => {
    const chunks: Record<string, string[]> = JSON.parse(
      fs.readFileSync(path.resolve("build/.vite", CHUNK_MODULES_FILE), "utf8"),
    );
    // (@date-fns/tz is in no client chunk at all: only the server's reminders use it.)
    expect(
      Object.values(chunks)
        .flat()
        .some((m) => m.includes("node_modules/zod/")),
    ).toBe(true);
  });

  it("keeps zod and @date-fns/tz out of every field page's first download", () => {
    expect(pages.filter((p) => p.keptOffFound.length).map((p) => `${p.url}: ${p.keptOffFound}`)).toEqual([]);
  });
});
