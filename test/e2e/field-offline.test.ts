// The field app of issue 13 on a phone, on the real built app with its service worker: station staff take a village
// offline, record outcomes without a link, close the tab, reopen it still offline (shell and data there) and go
// online: each outcome is stored once, a visit recorded meanwhile by a colleague is not overwritten. Organization
// staff log an activity with a photo offline (shrunk on the phone). Sign-out and a disabled account wipe the device.
import type { BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { collectPageErrors, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

type StoredItem = {
  id: number;
  url: string;
  state: string;
  fileBytes: number;
  createdAt: string;
  conflictId?: number | null;
};

/** The outbox as IndexedDB holds it (read in the page, not through the app's code). */
function readOutbox(page: Page): Promise<StoredItem[]> {
  return page.evaluate(async () => {
    // why: opening a database that does not exist would create an empty one under the app's name.
    if (!(await indexedDB.databases()).some((d) => d.name === "snc-field")) return [];
    return new Promise<StoredItem[]>((resolve, reject) => {
      const open = indexedDB.open("snc-field");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("outbox")) {
          db.close();
          return resolve([]);
        }
        const all = db.transaction("outbox").objectStore("outbox").getAll();
        all.onsuccess = () => {
          db.close();
          resolve(all.result as StoredItem[]);
        };
      };
    });
  });
}

async function deviceStore(page: Page): Promise<{ databases: string[]; caches: string[] }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name ?? ""),
    caches: await caches.keys(),
  }));
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function signOut(page: Page) {
  await page.locator(".topbar__account summary").click();
  await Promise.all([
    page.waitForURL(/\/login/),
    page.locator('.topbar__account-menu button[type="submit"]').click(),
  ]);
}

describe("field app: offline visits and activities", () => {
  const journey = startJourney();

  async function fieldPage(context: BrowserContext, email: string): Promise<Page> {
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, email);
    return page;
  }

  it("records three outcomes offline in a village taken offline, survives a closed tab and stores each once", async () => {
    // A village of the Baiba station with two open visits, and a third: a follow-up due tomorrow (demo villages hold
    // one or two people).
    const [village] = await journey.sql<{ id: number; name: string; station_id: number }[]>`
      select r.id, r.name, v.station_id from visits v
      join people p on p.id = v.person_id join regions r on r.id = p.village_id
      join users u on u.facility_id = v.station_id and u.email = 'station.baiba@demo.local'
      where v.status = 'scheduled' group by r.id, r.name, v.station_id having count(*) >= 2
      order by r.id limit 1`;
    expect(village).toBeDefined();
    const [fixture] = await journey.sql<{ id: number }[]>`
      insert into visits (person_id, station_id, kind, due_on, status, follow_up_of_id)
      select v.person_id, v.station_id, 'follow_up', ${addDaysToDate(todayInShanghai(), 1)}, 'scheduled', v.id
      from visits v join people p on p.id = v.person_id
      where p.village_id = ${village.id} and v.status = 'scheduled' order by v.id limit 1
      returning id`;
    const three = await journey.sql<{ id: number }[]>`
      select v.id from visits v join people p on p.id = v.person_id
      where v.status = 'scheduled' and p.village_id = ${village.id} and v.station_id = ${village.station_id}
      order by v.id limit 3`;
    expect(three).toHaveLength(3);
    const [followUp, taken, moved] = three.map((v) => v.id);

    const context = await newContext(journey.browser, phone);
    const page = await fieldPage(context, "station.baiba@demo.local");
    const errors = collectPageErrors(page);
    await page.goto(`${journey.app.baseUrl}/visits`);
    await Promise.all([page.waitForURL(/\/field/), page.click('[data-testid="open-field"]')]);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // My visits first, then the whole village for the trip.
    await page.click('[data-testid="take-offline"]');
    await page.waitForSelector('[data-testid="pack-taken"]');
    await page.selectOption('[data-testid="pack-village"]', village.name);
    await page.click('[data-testid="take-offline"]');
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="pack-summary"]')?.textContent?.includes(name),
      village.name,
    );
    for (const id of three.map((v) => v.id))
      await page.waitForSelector(`[data-testid="field-visits"] a[href="/field?visit=${id}"]`);
    const audited = await journey.sql`select 1 from audit_log where action = 'field.pack_download'`;
    expect(audited.length).toBe(2);

    await context.setOffline(true);
    const record = async (visitId: number, outcome: string, notes: string, extra?: () => Promise<void>) => {
      await page.click(`[data-testid="field-visits"] a.visit-card__name[href="/field?visit=${visitId}"]`);
      await page.waitForSelector('[data-testid="field-person"]');
      await page.check(`input[name="outcome"][value="${outcome}"]`);
      await page.fill('textarea[name="notes"]', notes);
      await extra?.();
      await Promise.all([
        page.waitForSelector('[data-testid="queued-flash"]'),
        page.click('.record-card button[type="submit"]'),
      ]).catch(async (error) => {
        // why: what the form said instead of queueing is the first thing to look at when this fails.
        await screenshot(page, `field-record-refused-${outcome}`);
        throw error;
      });
    };
    await record(followUp, "needs_follow_up", "离线记录：屋顶漏雨，需要复查。", async () => {
      await page.fill('input[name="followUpReason"]', "复查房屋安全");
      await page.fill('input[name="followUpOn"]', addDaysToDate(todayInShanghai(), 3));
      await screenshot(page, "field-record-offline-phone");
    });
    await record(taken, "visited", "离线记录：一切正常。");
    await record(moved, "moved", "离线记录：已搬到县城女儿家。", async () => {
      await page.fill('input[name="destination"]', "噶尔县狮泉河镇（女儿家）");
    });
    expect((await readOutbox(page)).length).toBe(3);
    await expect(page.textContent('[data-testid="field-status"]')).resolves.toContain("3 条待上传");
    await screenshot(page, "field-outbox-offline-phone");

    // The tab is closed and the app opened again, still without a link: shell, pack and outbox are there.
    await page.close();
    const reopened = await context.newPage();
    const reopenErrors = collectPageErrors(reopened);
    await reopened.goto(`${journey.app.baseUrl}/field`);
    await reopened.waitForSelector('[data-testid="outbox"]');
    expect(await reopened.locator('[data-testid="outbox-item"]').count()).toBe(3);
    expect(await reopened.locator('[data-testid="field-visits"] li').count()).toBeGreaterThanOrEqual(3);
    // A page that needs the server says so instead of failing.
    await reopened.goto(`${journey.app.baseUrl}/budget`);
    await expect(reopened.textContent("h1")).resolves.toContain("离线时不可用");
    await reopened.goto(`${journey.app.baseUrl}/field`);
    await reopened.waitForSelector('[data-testid="outbox"]');
    await screenshot(reopened, "field-reopened-offline-phone");

    // A resend must store once: the follow-up's record is in the outbox twice, with the same form key.
    await reopened.evaluate(
      (url) =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open("snc-field");
          open.onsuccess = () => {
            const tx = open.result.transaction("outbox", "readwrite");
            const store = tx.objectStore("outbox");
            const all = store.getAll();
            all.onsuccess = () => {
              const { id: _id, ...copy } = all.result.find((i: StoredItem) => i.url === url);
              store.add({ ...copy, createdAt: new Date().toISOString() });
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        }),
      `/visits/${followUp}`,
    );

    // Meanwhile a colleague, online, records one of the three visits.
    const other = await newContext(journey.browser, phone);
    const colleague = await fieldPage(other, "station.baiba.head@demo.local");
    await colleague.goto(`${journey.app.baseUrl}/visits/${taken}`);
    await colleague.check('input[name="outcome"][value="not_home"]');
    await colleague.fill('textarea[name="notes"]', "站长记录：家中无人。");
    await Promise.all([
      colleague.waitForURL(/recorded=1/),
      colleague.click('.record-card button[type="submit"]'),
    ]);
    await other.close();

    await context.setOffline(false);
    const left = await waitFor(
      () => readOutbox(reopened),
      (items) => items.every((i) => i.state !== "waiting" && i.state !== "sending"),
    );
    // The colleague's visit is not overwritten and not dropped: the server answered 409 with the conflict it stored
    // (both versions), and the item stays on the device marked as in conflict review, linked to it.
    expect(left.map((i) => i.url)).toEqual([`/visits/${taken}`]);
    expect(left[0].state).toBe("conflict");
    const conflicts = await journey.sql<
      {
        id: number;
        status: string;
        theirs: { notes: string; outcome: string };
        yours: { notes: string; outcome: string };
      }[]
    >`select id, status, theirs, yours from conflicts where kind = 'visit' and entity_id = ${taken}`;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      status: "open",
      theirs: { outcome: "not_home", notes: "站长记录：家中无人。" },
      yours: { outcome: "visited", notes: "离线记录：一切正常。" },
    });
    expect(left[0].conflictId).toBe(conflicts[0].id);
    const rows = await journey.sql<{ id: number; outcome: string; notes: string; status: string }[]>`
      select id, outcome, notes, status from visits where id in ${journey.sql([followUp, taken, moved])} order by id`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(followUp)).toMatchObject({
      outcome: "needs_follow_up",
      notes: "离线记录：屋顶漏雨，需要复查。",
    });
    expect(byId.get(taken)).toMatchObject({ outcome: "not_home", notes: "站长记录：家中无人。" });
    expect(byId.get(moved)?.outcome).toBe("moved");
    const followUps = await journey.sql`
      select id from visits where follow_up_of_id = ${followUp} and id <> ${fixture.id}`;
    expect(followUps.length).toBe(1);
    const recorded = await journey.sql`
      select entity_id from audit_log where action = 'visit.record' and entity_id in ${journey.sql([String(followUp), String(moved)])}`;
    expect(recorded.length).toBe(2);
    await reopened.reload();
    await reopened.waitForSelector('[data-testid="outbox"]');
    await expect(reopened.textContent('[data-testid="outbox"]')).resolves.toContain("冲突");
    await screenshot(reopened, "field-after-sync-phone");
    // The outbox links to the conflict view, which shows both versions side by side.
    await Promise.all([
      reopened.waitForURL(new RegExp(`/conflicts/${conflicts[0].id}$`)),
      reopened.click('[data-testid="conflict-link"]'),
    ]);
    const versions = await reopened.textContent('[data-testid="conflict-versions"]');
    expect(versions).toContain("站长记录：家中无人。");
    expect(versions).toContain("离线记录：一切正常。");
    await screenshot(reopened, "field-offline-conflict-view-phone");
    await reopened.goto(`${journey.app.baseUrl}/field`);
    await reopened.waitForSelector('[data-testid="outbox"]');
    expect([...errors, ...reopenErrors]).toEqual([]);

    // Signing out takes the pack, the outbox and the cached pages with it.
    await reopened.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open("snc-field");
          open.onsuccess = () => {
            const tx = open.result.transaction("outbox", "readwrite");
            tx.objectStore("outbox").clear();
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        }),
    );
    expect((await deviceStore(reopened)).databases).toContain("snc-field");
    await signOut(reopened);
    const after = await deviceStore(reopened);
    expect(after.databases).not.toContain("snc-field");
    expect(after.caches).not.toContain("field-pages");
    await context.close();
  });

  it("logs an organization's activity with a photo offline, shrunk on the phone, and stores it once online", async () => {
    const [contract] = await journey.sql<{ id: number }[]>`
      select id from contracts where code like 'ALI-%-SW-03' and status = 'active'`;
    const [person] = await journey.sql<{ full_name: string }[]>`
      select p.full_name from people p join regions v on v.id = p.village_id
      where v.code like '542523100%' and p.status = 'active'
        -- an adult: organization staff find a child's file only by its exact full name (issue 12, children's data)
        and p.birth_date < current_date - interval '18 years'
        and not p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[]
      order by p.id limit 1`;
    const summary = `离线记录的重阳节探访 ${Date.now() % 100000}`;
    const context = await newContext(journey.browser, phone);
    const page = await fieldPage(context, "org.gar@demo.local");
    const errors = collectPageErrors(page);
    await page.goto(`${journey.app.baseUrl}/activities/new`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.selectOption('select[name="contractId"]', String(contract.id));
    await page.selectOption('select[name="kind"]', "home_visit");
    await page.fill('input[name="participants"]', "6");
    await page.fill('input[name="personTimes"]', "6");
    await page.fill('input[name="hours"]', "2");
    await page.fill('textarea[name="summary"]', summary);
    await page.fill('[data-testid="people-picker"] input[type="search"]', person.full_name.split("·").pop()!);
    await page
      .locator('[data-testid="people-results"] button', { hasText: person.full_name })
      .first()
      .click();

    await context.setOffline(true);
    // A camera-sized photo: 4000 × 3000 with detail, well over a megabyte.
    const { data, info } = await sharp({
      create: {
        width: 400,
        height: 300,
        channels: 3,
        background: "#808080",
        noise: { type: "gaussian", mean: 128, sigma: 60 },
      },
    })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const photo = await sharp(data, { raw: info })
      .resize(4000, 3000, { kernel: "nearest" })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(1_000_000);
    await page.setInputFiles('input[name="photo"]', {
      name: "活动.jpg",
      mimeType: "image/jpeg",
      buffer: photo,
    });
    const shrunk = await waitFor(
      () =>
        page.evaluate(() => {
          const input = document.querySelector<HTMLInputElement>('input[name="photo"]')!;
          return input.dataset.shrinking ? 0 : (input.files?.[0]?.size ?? 0);
        }),
      (size) => size > 0 && size < 1_000_000,
    );
    expect(shrunk).toBeLessThan(photo.length / 2);
    await Promise.all([page.waitForURL(/\/field\?queued=/), page.click('[data-testid="log-submit"]')]);
    await page.waitForSelector('[data-testid="queued-flash"]');
    const queued = await readOutbox(page);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ url: "/activities/new", state: "waiting" });
    const longest = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open("snc-field");
          open.onsuccess = () => {
            const all = open.result.transaction("outbox").objectStore("outbox").getAll();
            all.onsuccess = async () => {
              const file = all.result[0].entries.find(([, v]: [string, unknown]) => typeof v !== "string")[1];
              open.result.close();
              const bitmap = await createImageBitmap(file.blob);
              resolve(Math.max(bitmap.width, bitmap.height));
            };
          };
        }),
    );
    expect(longest).toBeLessThanOrEqual(1600);
    await screenshot(page, "field-activity-queued-phone");

    await context.setOffline(false);
    await waitFor(
      () => readOutbox(page),
      (items) => items.length === 0,
    );
    expect(await readOutbox(page)).toEqual([]);
    const stored = await journey.sql<{ id: number }[]>`select id from activities where summary = ${summary}`;
    expect(stored).toHaveLength(1);
    const photos = await journey.sql<{ width: number; height: number }[]>`
      select width, height from activity_photos where activity_id = ${stored[0].id}`;
    expect(photos).toHaveLength(1);
    expect(Math.max(photos[0].width, photos[0].height)).toBeLessThanOrEqual(1600);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("wipes the device store when the server says the account was disabled", async () => {
    const context = await newContext(journey.browser, phone);
    const page = await fieldPage(context, "station.baiba.head@demo.local");
    await page.goto(`${journey.app.baseUrl}/field`);
    await page.click('[data-testid="take-offline"]');
    await page.waitForSelector('[data-testid="pack-taken"]');
    expect((await deviceStore(page)).databases).toContain("snc-field");
    await journey.sql`update users set disabled_at = now() where email = 'station.baiba.head@demo.local'`;
    // Opening the app again: the server answers the disabled account's session with the wipe marker.
    await page.goto(`${journey.app.baseUrl}/field`);
    const store = await waitFor(
      () => deviceStore(page),
      (s) => !s.databases.includes("snc-field"),
    );
    expect(store.databases).not.toContain("snc-field");
    expect(store.caches).not.toContain("field-pages");
    await context.close();
  });
});
