// ListTable is the markup every table of the app had written out by hand; these pin that markup, so a page that
// moved onto it renders as it did.
import { type ComponentProps, createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ListTable } from "./list-table";

const head = h("th", null, "Name");
const children = h("tr", null, h("td", null, "Baiba"));
const html = (props: ComponentProps<typeof ListTable>) => renderToStaticMarkup(h(ListTable, props));

describe("ListTable", () => {
  it("puts the header row and the rows in the scrolling wrapper, with a footer, as cards on a phone and with more classes when asked", () => {
    expect(html({ head, testId: "t", children })).toBe(
      '<div class="table-wrap"><table class="table" data-testid="t"><thead><tr><th>Name</th></tr></thead>' +
        "<tbody><tr><td>Baiba</td></tr></tbody></table></div>",
    );
    const foot = h("tr", null, h("th", null, "Sum"));
    expect(html({ head, foot, children })).toContain("</tbody><tfoot><tr><th>Sum</th></tr></tfoot></table>");
    expect(html({ head, cards: true, children })).toContain('<table class="table table--cards"><thead>');
    expect(html({ head, cards: true, className: "report__compact", children })).toContain(
      '<table class="table table--cards report__compact"><thead>',
    );
  });

  it("says there is nothing to list in a card of its own, or in a plain line inside a card", () => {
    const empty = { head, empty: true, emptyText: "None yet", children };
    expect(html(empty)).toBe('<div class="card empty-state"><p>None yet</p></div>');
    expect(html({ ...empty, inCard: true })).toBe('<p class="empty-state">None yet</p>');
    expect(html({ ...empty, empty: false })).toContain("<td>Baiba</td>");
  });
});
