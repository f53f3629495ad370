// The home page's figures through the real route loaders: each linked figure equals the total the list it opens
// shows (same filters, same scope), for a planner, station staff and the other roles, on the demo data.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { people, regions } from "#db/schema";
import { cookieFor } from "~/modules/activities/testing.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as coverageLoader } from "~/routes/coverage";
import { loader as facilitiesLoader } from "~/routes/facilities._index";
import { loader as organizationsLoader } from "~/routes/organizations._index";
import { loader as peopleLoader } from "~/routes/people._index";
import { loader as visitsLoader } from "~/routes/visits._index";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { loaderArgs } from "../../../test/support/loader-args";
import { dueThisWeek } from "../visits/queries.server";
import { type HomeTile, homeSections } from "./tiles";

useTestDatabase({ template: "demo" });

async function homeOf(email: string) {
  const cookie = await cookieFor(email);
  const home = await homeLoader(loaderArgs("/", cookie));
  const tiles = home.sections.flatMap((s) => s.tiles);
  return { cookie, home, tiles, tile: (key: string) => tiles.find((t) => t.key === key) };
}

/** The count the linked page shows for the tile's figure: a list's total, or the coverage page's own figure. */
async function shownByLink(tile: HomeTile, cookie: string): Promise<number> {
  const to = tile.to!;
  const args = loaderArgs(to, cookie);
  const path = new URL(to, "http://test.local").pathname;
  switch (path) {
    case "/facilities":
      return (await facilitiesLoader(args)).total;
    case "/organizations":
      return (await organizationsLoader(args)).total;
    case "/people":
      return (await peopleLoader(args)).total;
    case "/visits":
      return (await visitsLoader(args)).total;
    case "/coverage": {
      const page = await coverageLoader(args);
      if (tile.key === "townships") return page.townships.total;
      if (tile.key === "villages") return page.reach.withPoint + page.reach.withoutPoint;
      return page.options.filter((o) => o.level === "county").length;
    }
    default:
      throw new Error(`No list known for ${to}`);
  }
}

describe("the home page", () => {
  it.each([
    ["planner.bayi@demo.local", "巴宜区"],
    ["planner.ngari@demo.local", "阿里地区"],
    ["station.baiba@demo.local", "百巴镇社会工作服务站"],
    ["org.gar@demo.local", "噶尔县社区服务中心"],
    ["admin@demo.local", null],
  ])("names the scope of %s in its heading data", async (email, name) => {
    const { home } = await homeOf(email);
    expect(home.scopeName).toBe(name);
  });

  it.each([
    "planner.bayi@demo.local",
    "station.baiba@demo.local",
    "planner.ngari@demo.local",
    "auditor@demo.local",
    "org.gar@demo.local",
  ])("shows %s each linked figure equal to the total of the list it opens", async (email) => {
    const { cookie, tiles } = await homeOf(email);
    const linked = tiles.filter((t) => t.to);
    expect(linked.length).toBeGreaterThan(0);
    for (const tile of linked) {
      expect({ tile: tile.key, to: tile.to, total: await shownByLink(tile, cookie) }).toEqual({
        tile: tile.key,
        to: tile.to,
        total: tile.value,
      });
    }
  });

  it("gives the Bayi planner and the Baiba station staff every headline figure of the issue, each linked", async () => {
    for (const email of ["planner.bayi@demo.local", "station.baiba@demo.local"]) {
      const { tile } = await homeOf(email);
      for (const key of [
        "stationsOperating",
        "stationsUnderConstruction",
        "stationsPlanned",
        "organizationsUnderContract",
        "peopleInCare",
        "visitsDueThisWeek",
        "visitsOverdue",
      ]) {
        expect(tile(key)?.to, `${email} ${key}`).toMatch(/^\//);
      }
    }
    const bayi = await homeOf("planner.bayi@demo.local");
    expect(bayi.tile("stationsOperating")?.value).toBe(9);
    // Not vacuous: the demo has people, contracted organizations and open visits in Bayi.
    expect(bayi.tile("peopleInCare")?.value).toBeGreaterThan(0);
    expect(bayi.tile("organizationsUnderContract")?.value).toBeGreaterThan(0);
    const baiba = await homeOf("station.baiba@demo.local");
    expect(
      (baiba.tile("visitsDueThisWeek")?.value ?? 0) + (baiba.tile("visitsOverdue")?.value ?? 0),
    ).toBeGreaterThan(0);
  });

  it("links a figure only to a list the role may open", () => {
    const figures = {
      stations: { operating: 1, underConstruction: 0, planned: 0, all: 1 },
      facilities: 1,
      organizationsUnderContract: 1,
      peopleInCare: 1,
      visitsDueThisWeek: 1,
      visitsOverdue: 0,
      peopleLeaveOutChildren: false,
      visitsWholeStation: true,
      regions: { counties: 0, townships: 1, villages: 3 },
    };
    const station = homeSections({ role: "station_staff" }, figures).flatMap((s) => s.tiles);
    expect(station.find((t) => t.key === "townships")?.to).toBeNull();
    expect(station.find((t) => t.key === "visitsOverdue")).toMatchObject({
      to: "/visits?due=overdue&who=all",
    });
    const org = homeSections(
      { role: "org_staff" },
      { ...figures, visitsDueThisWeek: null, visitsOverdue: null },
    );
    expect(org.flatMap((s) => s.tiles).some((t) => t.key.startsWith("visits"))).toBe(false);
  });

  it("opens the station's overdue figure on the whole station's list, with the same count, and says it is the station's", async () => {
    const { cookie, tile } = await homeOf("station.baiba@demo.local");
    const overdue = tile("visitsOverdue")!;
    expect(overdue.value).toBeGreaterThan(0);
    expect(overdue.note).toBe("visitsWholeStation");
    const list = await visitsLoader(loaderArgs(overdue.to!, cookie));
    // The list opens on the station's visits (not 我负责的), and its own overdue figure is the home's.
    expect(list.filter.mine).toBe(false);
    expect([list.total, list.counts.overdue]).toEqual([overdue.value, overdue.value]);
    // Not vacuous: the staff member's own list holds fewer, so opening on it would disagree.
    const mine = await visitsLoader(loaderArgs("/visits?due=overdue", cookie));
    expect(mine.filter.mine).toBe(true);
    expect(mine.total).toBeLessThan(overdue.value);
  });

  it("tells the auditor that the people figure leaves out the children's files the planner of the same region counts", async () => {
    const planner = await homeOf("planner.ngari@demo.local");
    const auditor = await homeOf("auditor@demo.local");
    const planned = planner.tile("peopleInCare")!;
    const audited = auditor.tile("peopleInCare")!;
    expect(planned.note).toBeNull();
    expect(audited.note).toBe("peopleInCareNoChildren");
    const [children] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${people} p join ${regions} v on v.id = p.village_id
          where p.status = 'active' and v.code like '5425%'
            and (p.birth_date > current_date - interval '18 years'
                 or p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])`,
    );
    expect(children.n).toBeGreaterThan(0);
    expect(planned.value - audited.value).toBe(children.n);
    // The list the tile opens says the same.
    const list = await peopleLoader(loaderArgs("/people", auditor.cookie));
    expect([list.total, list.leavesOutChildren]).toEqual([audited.value, true]);
    expect((await peopleLoader(loaderArgs("/people", planner.cookie))).leavesOutChildren).toBe(false);
  });

  it("counts as due this week the days from today to Sunday in Beijing time, as the visit list's week tab does", () => {
    // Thursday 3 December 2026, 10:00 in Shanghai.
    expect(dueThisWeek(new Date("2026-12-03T02:00:00Z"))).toEqual({ from: "2026-12-03", to: "2026-12-06" });
    // Sunday 01:00 in Shanghai is still Saturday in UTC: the week is that Sunday alone.
    expect(dueThisWeek(new Date("2026-12-05T17:00:00Z"))).toEqual({ from: "2026-12-06", to: "2026-12-06" });
    // Monday: the whole week ahead.
    expect(dueThisWeek(new Date("2026-12-07T01:00:00Z"))).toEqual({ from: "2026-12-07", to: "2026-12-13" });
  });
});
