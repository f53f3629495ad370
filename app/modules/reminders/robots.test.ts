// Reminders to the right group: each region or station may have its own robot, and a reminder goes to the most
// specific one above its station, falling back upward — proven with two local robots on real sockets, the outbox and
// the delivery worker as they run. Also: DingTalk's signature against a vector computed apart (Python's hmac), the
// robot's address sealed at rest, and a planner confined to their own region.
import { createHmac } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupRobots, reminders, users, visits } from "#db/schema";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { useTestDatabase } from "../../../test/setup/database";
import { type LocalRobot, localRobot } from "../../../test/support/robot";
import { processDelivery } from "../../../workers/delivery.worker";
import { InAppBatcher } from "./deliver.server";
import { dingTalkSign, robotPostUrl } from "./robot-channel.server";
import { removeRobot, saveRobot } from "./robots.server";
import { planVisitReminders } from "./scan.server";
import { testReminderSettings } from "./testing.server";

useTestDatabase({ template: "demo" });

let county: LocalRobot;
let station: LocalRobot;
beforeAll(async () => {
  // The stubs listen on loopback; production allows only the two robot services (ROBOT_HOSTS).
  process.env.ROBOT_HOSTS = "127.0.0.1,qyapi.weixin.qq.com,oapi.dingtalk.com";
  resetEnvCache();
  [county, station] = await Promise.all([localRobot(), localRobot()]);
});
afterAll(async () => {
  await Promise.all([county?.close(), station?.close()]);
  delete process.env.ROBOT_HOSTS;
  resetEnvCache();
});

const settings = (webhookUrl?: string) => testReminderSettings({ quietHours: null, webhookUrl });
const deps = (webhookUrl?: string) => ({ db, settings: settings(webhookUrl), batcher: new InAppBatcher(db) });
const job = (reminderId: number) => ({
  data: { reminderId, channel: "webhook" as const },
  attemptsMade: 0,
  opts: { attempts: 2 },
});

/** An open visit at the station, made overdue, with its reminders planned; returns its group (webhook) rows. */
const remindersWithIds = (ids: number[]) => db.select().from(reminders).where(inArray(reminders.id, ids));

async function overdueVisitAt(stationId: number, webhookUrl?: string) {
  const [visit] = await queryRows<{ id: number }>(
    db,
    sql`select v.id from visits v join people p on p.id = v.person_id and p.status = 'active'
         where v.station_id = ${stationId} and v.status = 'scheduled'
           and not exists (select 1 from reminders r where r.subject_type = 'visit' and r.subject_id = v.id)
         order by v.id limit 1`,
  );
  await db
    .update(visits)
    .set({ dueOn: addDaysToDate(todayInShanghai(), -2) })
    .where(eq(visits.id, visit.id));
  const ids = await planVisitReminders({ db, now: new Date(), settings: settings(webhookUrl) }, [visit.id]);
  const rows = await db
    .select()
    .from(reminders)
    .where(and(inArray(reminders.id, ids), eq(reminders.channel, "webhook")));
  return { visitId: visit.id, rows };
}

async function places() {
  const [baiba] = await queryRows<{
    station_id: number;
    township_id: number;
    county_id: number;
    county_code: string;
  }>(
    db,
    sql`select f.id as station_id, t.id as township_id, c.id as county_id, c.code as county_code
          from users u join facilities f on f.id = u.facility_id join regions t on t.id = f.township_id
          join regions c on c.code = rpad(substr(t.code, 1, 6), 12, '0')
         where u.email = 'station.baiba@demo.local'`,
  );
  // A station of another township of the same county, with an open visit: neither it nor its township has a robot.
  const [neighbour] = await queryRows<{ id: number }>(
    db,
    sql`select f.id from facilities f join regions t on t.id = f.township_id
         where t.code like ${`${baiba.county_code.slice(0, 6)}%`} and f.township_id <> ${baiba.township_id}
           and exists (select 1 from visits v join people p on p.id = v.person_id and p.status = 'active'
                        where v.station_id = f.id and v.status = 'scheduled')
         order by f.id limit 1`,
  );
  // A station in another prefecture (Ngari): no robot anywhere above it.
  const [gar] = await db
    .select({ id: users.facilityId })
    .from(users)
    .where(eq(users.email, "staff.542523100000-sw01@demo.local"));
  return {
    baiba: baiba.station_id,
    townshipId: baiba.township_id,
    countyId: baiba.county_id,
    neighbour: neighbour.id,
    gar: gar.id!,
  };
}

describe("DingTalk's signed requests", () => {
  it("sign timestamp + newline + secret with HMAC-SHA256, base64, URL-encoded (vector computed with Python's hmac)", () => {
    const secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde";
    expect(dingTalkSign(secret, 1577262236757)).toBe("mRHK7JGDLbX3aBiST4jftTKcpRL2FGfPI2qvdMCPr0E%3D");
    const url = robotPostUrl(
      { kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret },
      new Date(1577262236757),
    );
    expect(url).toBe(
      "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1577262236757&sign=mRHK7JGDLbX3aBiST4jftTKcpRL2FGfPI2qvdMCPr0E%3D",
    );
    // WeCom robots and unsigned DingTalk robots post to their address as it is.
    expect(robotPostUrl({ kind: "wecom", url: "https://qyapi.weixin.qq.com/x?key=k", secret: null })).toBe(
      "https://qyapi.weixin.qq.com/x?key=k",
    );
  });
});

describe("reminders to the right group", () => {
  it("go to the station's robot, else the county's, else the global one; removing a robot hands its unsent reminders up", async () => {
    const admin = await sessionUserFor("admin@demo.local");
    const actor = actorOf(admin);
    const p = await places();
    const secret = "SECstationsecret";
    const countyUrl = county.webhookUrl("county-key-0001");
    const stationUrl = `http://127.0.0.1:${station.port}/robot/send?access_token=station-token-0002`;
    const savedCounty = await saveRobot({
      user: admin,
      actor,
      key: crypto.randomUUID(),
      input: {
        intent: "save",
        target: { kind: "region", id: p.countyId },
        kind: "wecom",
        url: countyUrl,
        secret: null,
      },
    });
    const savedStation = await saveRobot({
      user: admin,
      actor,
      key: crypto.randomUUID(),
      input: {
        intent: "save",
        target: { kind: "facility", id: p.baiba },
        kind: "dingtalk",
        url: stationUrl,
        secret,
      },
    });
    // The station's township has a robot too (on the county's stub, under its own key): it is next in line.
    const savedTownship = await saveRobot({
      user: admin,
      actor,
      key: crypto.randomUUID(),
      input: {
        intent: "save",
        target: { kind: "region", id: p.townshipId },
        kind: "wecom",
        url: county.webhookUrl("township-key-0003"),
        secret: null,
      },
    });
    expect(savedCounty?.ok && savedStation?.ok && savedTownship?.ok).toBe(true);
    const stationRobotId = savedStation?.ok ? savedStation.value.id : 0;
    const countyRobotId = savedCounty?.ok ? savedCounty.value.id : 0;
    const townshipRobotId = savedTownship?.ok ? savedTownship.value.id : 0;

    // Sealed at rest: neither the key nor the secret is in the table, nor in the outbox.
    const stored = await db.select().from(groupRobots).where(eq(groupRobots.id, stationRobotId));
    expect(JSON.stringify(stored)).not.toContain("station-token-0002");
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored[0].urlHint).toBe(`127.0.0.1:${station.port} …0002`);

    const globalUrl = "http://127.0.0.1:9/global-robot";
    const atStation = await overdueVisitAt(p.baiba, globalUrl);
    const atNeighbour = await overdueVisitAt(p.neighbour, globalUrl);
    const elsewhere = await overdueVisitAt(p.gar, globalUrl);
    // One group row per reminder, whichever robot: the most specific one above the station.
    for (const { rows } of [atStation, atNeighbour, elsewhere]) expect(rows.length).toBeGreaterThan(0);
    expect(atStation.rows.every((r) => r.robotId === stationRobotId && r.recipientAddress === null)).toBe(
      true,
    );
    expect(atNeighbour.rows.every((r) => r.robotId === countyRobotId && r.recipientAddress === null)).toBe(
      true,
    );
    expect(elsewhere.rows.every((r) => r.robotId === null && r.recipientAddress === globalUrl)).toBe(true);

    // Delivered through the worker: each robot hears of its own station's reminders, once, even if the job runs twice.
    const [first] = atStation.rows;
    const before = Date.now();
    expect(await processDelivery(job(first.id), deps(globalUrl))).toBe("sent");
    expect(await processDelivery(job(first.id), deps(globalUrl))).toBe("skipped");
    expect(station.received).toHaveLength(1);
    expect(county.received).toHaveLength(0);
    const signed = station.received[0];
    expect(signed.query.get("access_token")).toBe("station-token-0002");
    const timestamp = Number(signed.query.get("timestamp"));
    expect(timestamp).toBeGreaterThanOrEqual(before - 1000);
    // The stub checks the signature as DingTalk does: HMAC-SHA256 of "timestamp\nsecret" with the secret.
    expect(signed.query.get("sign")).toBe(
      createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64"),
    );
    expect(JSON.parse(signed.body).msgtype).toBe("text");

    expect(await processDelivery(job(atNeighbour.rows[0].id), deps(globalUrl))).toBe("sent");
    expect(county.received).toHaveLength(1);
    expect(county.received[0].query.get("key")).toBe("county-key-0001");
    expect(county.received[0].query.has("sign")).toBe(false);
    expect(station.received).toHaveLength(1);

    // The station's robot is removed: its unsent reminders fall back one level, to the township's, and so do new ones.
    const removed = await removeRobot({ user: admin, actor, key: crypto.randomUUID(), id: stationRobotId });
    expect(removed?.ok && removed.value.rerouted).toBe(atStation.rows.length - 1);
    const rest = atStation.rows.slice(1);
    if (rest.length) {
      const moved = await remindersWithIds(rest.map((r) => r.id));
      expect(moved.every((r) => r.robotId === townshipRobotId && r.status !== "cancelled")).toBe(true);
      expect(await processDelivery(job(rest[0].id), deps(globalUrl))).toBe("sent");
      expect(county.received.at(-1)?.query.get("key")).toBe("township-key-0003");
    }
    const later = await overdueVisitAt(p.baiba, globalUrl);
    expect(later.rows.every((r) => r.robotId === townshipRobotId)).toBe(true);
    // And without the township's, the county's.
    await removeRobot({ user: admin, actor, key: crypto.randomUUID(), id: townshipRobotId });
    const moved = await remindersWithIds(later.rows.map((r) => r.id));
    expect(moved.every((r) => r.robotId === countyRobotId)).toBe(true);
    expect(await processDelivery(job(later.rows[0].id), deps(globalUrl))).toBe("sent");
    expect(county.received.at(-1)?.query.get("key")).toBe("county-key-0001");
    expect(station.received).toHaveLength(1);
  });

  it("let a planner set robots only inside their own region", async () => {
    const p = await places();
    const ngari = await sessionUserFor("planner.ngari@demo.local");
    const bayi = await sessionUserFor("planner.bayi@demo.local");
    const input = (id: number) => ({
      intent: "save" as const,
      target: { kind: "facility" as const, id },
      kind: "wecom" as const,
      url: county.webhookUrl("planner"),
      secret: null,
    });
    expect(
      await saveRobot({
        user: ngari,
        actor: actorOf(ngari),
        key: crypto.randomUUID(),
        input: input(p.baiba),
      }),
    ).toBeNull();
    const own = await saveRobot({
      user: bayi,
      actor: actorOf(bayi),
      key: crypto.randomUUID(),
      input: input(p.neighbour),
    });
    expect(own?.ok).toBe(true);
    // A host outside ROBOT_HOSTS is refused next to the field: the server posts nowhere a planner likes.
    const elsewhere = await saveRobot({
      user: bayi,
      actor: actorOf(bayi),
      key: crypto.randomUUID(),
      input: { ...input(p.neighbour), url: "http://169.254.169.254/latest/meta-data" },
    });
    expect(elsewhere).toMatchObject({ ok: false, fieldErrors: { url: ["reminders:robots.hostNotAllowed"] } });
  });
});
