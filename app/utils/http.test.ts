// safeRedirectPath (open redirects) and the id parsers (ids beyond PostgreSQL's integer range).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasForbiddenCharacters } from "./form-input";
import { safeRedirectPath } from "./http.server";
import { isDbIdText, routeId } from "./ids";

describe("safeRedirectPath", () => {
  it.each([
    "//evil.com",
    "//evil.com/people",
    "/\\evil.com",
    "/\\/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/ /evil.com",
    "https://evil.com",
    "http:evil.com",
    "javascript:alert(1)",
    "evil.com",
    "",
    "\\\\evil.com",
    "/%5Cevil.com\\",
    "/.//evil.example",
    "/..//evil.example",
    "/./..//evil.example/people",
    "/a/../..//evil.example",
  ])("refuses %j", (to) => {
    expect(safeRedirectPath(to)).toBe("/");
  });

  it("never yields a target the browser resolves to another site, whatever the dot segments, slashes and escapes", () => {
    const piece = fc.constantFrom(
      "/",
      "//",
      ".",
      "..",
      "\\",
      "%2f",
      "%2F",
      "%5c",
      "%5C",
      "%2e",
      "%2E",
      "%09",
      "\t",
      "\n",
      " ",
      "@",
      ":",
      "?",
      "#",
      "evil.example",
      "people",
      "https:",
      "http:",
      "javascript:",
      "%00",
      "\u3000",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const target = safeRedirectPath(pieces.join(""));
        // A browser resolves a Location header against the page's URL with this same (WHATWG) parser.
        expect(new URL(target, "https://app.example/login?x=1").origin).toBe("https://app.example");
        expect(target.startsWith("/")).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps a path on this site, with its query and hash", () => {
    expect(safeRedirectPath("/people?q=%E7%A4%BA&page=2#list")).toBe("/people?q=%E7%A4%BA&page=2#list");
    expect(safeRedirectPath("/visits", "/x")).toBe("/visits");
    expect(safeRedirectPath(null, "/home")).toBe("/home");
  });
});

describe("ids", () => {
  it("accepts positive ids within PostgreSQL's integer range only", () => {
    expect(isDbIdText("1")).toBe(true);
    expect(isDbIdText("2147483647")).toBe(true);
    for (const bad of ["0", "-1", "2147483648", "99999999999", "1e3", " 12", "12 ", "0x10", "1.0", "", null])
      expect(isDbIdText(bad), String(bad)).toBe(false);
  });

  it("answers 404 for a route id that cannot name a row", () => {
    expect(routeId("42")).toBe(42);
    for (const bad of ["99999999999", "2147483648", "abc", undefined]) {
      try {
        routeId(bad);
        expect.unreachable();
      } catch (error) {
        expect((error as Response).status).toBe(404);
      }
    }
  });
});

describe("form text", () => {
  it("refuses NUL and other control characters, not tabs, line breaks, Tibetan or emoji", () => {
    expect(hasForbiddenCharacters("abc\u0000def")).toBe(true);
    expect(hasForbiddenCharacters("\u001b[31m")).toBe(true);
    expect(hasForbiddenCharacters("བོད་ཡིག\t示例\r\n👩‍👩‍👧")).toBe(false);
  });
});
