// Demo field work at the Baiba station (issue 13), so a newcomer sees each piece: structured home-visit records with
// needs found, open and closed referrals, a person who moved and waits for the receiving station, a few plausibility
// flags for the planners, and one open conflict to review.
import { and, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  conflicts,
  facilities,
  people,
  referrals,
  regions,
  transfers,
  users,
  visitFlags,
  visits,
} from "#db/schema";
import type { VisitRecord } from "~/modules/visits/record";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";

const BAIBA = "540402101000-SW01";

const records: Omit<VisitRecord, "v">[] = [
  {
    seen: "person",
    present: ["person", "village_cadre"],
    housing: "at_risk",
    heating: "insufficient",
    water: "adequate",
    food: "low",
    health: "高血压，按时服药",
    careNeeds: "独居，行动不便，需要定期帮忙采购",
    needs: ["heating", "food", "daily_care"],
    needsText: null,
    services: "送去米面油各一份，帮忙联系村医测血压",
    referrals: [{ kind: "temporary_assistance", note: "冬季取暖困难，申请临时救助" }],
  },
  {
    seen: "person",
    present: ["person", "child"],
    housing: "safe",
    heating: "adequate",
    water: "adequate",
    food: "adequate",
    health: "腿部旧伤，需要辅具",
    careNeeds: null,
    needs: ["assistive_device", "medical_care"],
    needsText: null,
    services: "讲解残疾人两项补贴政策",
    referrals: [
      { kind: "disability_subsidy", note: "协助准备残疾人补贴申请材料" },
      { kind: "medical_assistance", note: null },
    ],
  },
  {
    seen: "family_only",
    present: ["spouse"],
    housing: "unsafe",
    heating: "none",
    water: "insufficient",
    food: "low",
    health: null,
    careNeeds: "老伴照顾，力不从心",
    needs: ["housing_repair", "water", "other"],
    needsText: "屋顶漏雨，需要危房改造评估",
    services: null,
    referrals: [{ kind: "dibao", note: "家庭收入下降，建议重新核定低保" }],
  },
  {
    seen: "person",
    present: ["person"],
    housing: "safe",
    heating: "adequate",
    water: "adequate",
    food: "adequate",
    health: "身体良好",
    careNeeds: null,
    needs: [],
    needsText: null,
    services: "陪同聊天，了解近况",
    referrals: [],
  },
];

export async function seedFieldWork(db: Db, { now }: { now: Date }): Promise<Record<string, number>> {
  const today = todayInShanghai(now);
  const [station] = await db.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, BAIBA));
  const [staff] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "station.baiba@demo.local"));
  const [head] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "station.baiba.head@demo.local"));
  if (!station || !staff) return {};
  const adult = sql`${people.birthDate} < ${addDaysToDate(today, -18 * 366)}`;
  const done = await db
    .select({
      id: visits.id,
      personId: visits.personId,
      completedAt: visits.completedAt,
      villageId: people.villageId,
    })
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .where(
      and(
        eq(visits.stationId, station.id),
        eq(visits.status, "completed"),
        isNotNull(visits.completedAt),
        eq(people.status, "active"),
        adult,
      ),
    )
    .orderBy(desc(visits.completedAt), visits.id)
    .limit(12);

  // Structured records on the most recent visits, with their referrals (the first closed, the others open).
  let referralCount = 0;
  for (const [i, v] of done.slice(0, 8).entries()) {
    const r = records[i % records.length];
    const [village] = await db
      .select({ lat: regions.lat, lng: regions.lng })
      .from(regions)
      .where(eq(regions.id, v.villageId));
    await db
      .update(visits)
      .set({
        outcome: r.needs.length ? "needs_follow_up" : "visited",
        record: { v: 1, ...r },
        recordedAt: v.completedAt,
        deviceTime: v.completedAt,
        completedBy: staff.id,
        ...(village?.lat != null && village.lng != null && i % 2 === 0
          ? { lat: village.lat + 0.004, lng: village.lng - 0.003, accuracyM: 25 }
          : {}),
      })
      .where(eq(visits.id, v.id));
    for (const ref of r.referrals) {
      const closed = referralCount === 0;
      await db.insert(referrals).values({
        visitId: v.id,
        personId: v.personId,
        stationId: station.id,
        kind: ref.kind,
        note: ref.note,
        createdBy: staff.id,
        ...(closed
          ? {
              status: "closed",
              result: "granted",
              resultOn: today,
              resultNote: "乡镇已批准",
              closedBy: staff.id,
            }
          : {}),
      } as typeof referrals.$inferInsert);
      referralCount++;
    }
  }

  // Plausibility flags for the planners' queue.
  const flagged = done.slice(0, 3);
  if (flagged.length === 3)
    await db.insert(visitFlags).values([
      {
        visitId: flagged[0].id,
        stationId: station.id,
        kind: "far_from_village",
        detail: { km: 24.6, toleranceKm: 15 },
      },
      { visitId: flagged[1].id, stationId: station.id, kind: "clock_skew", detail: { minutes: 95 } },
      {
        visitId: flagged[2].id,
        stationId: station.id,
        kind: "burst",
        detail: { count: 6, minutes: 10 },
        status: "answered",
        response: "在村委会集中走访了几户邻居，时间相近",
        respondedBy: staff.id,
        respondedAt: now,
      },
    ]);

  // A person found to have moved to another Bayi station: the visit says so, the transfer waits there.
  const moved = done[8];
  const [receiving] = await db
    .select({ id: facilities.id })
    .from(facilities)
    .where(
      and(
        eq(facilities.kind, "social_work_station"),
        eq(facilities.status, "operating"),
        ne(facilities.id, station.id),
        sql`${facilities.code} like '540402%'`,
      ),
    )
    .orderBy(facilities.code)
    .limit(1);
  let transferCount = 0;
  if (moved && receiving) {
    await db
      .update(visits)
      .set({ outcome: "moved", notes: "已随子女搬到镇上居住", completedBy: staff.id })
      .where(eq(visits.id, moved.id));
    await db
      .update(visits)
      .set({ status: "cancelled" })
      .where(and(eq(visits.personId, moved.personId), eq(visits.status, "scheduled")));
    await db.insert(transfers).values({
      personId: moved.personId,
      visitId: moved.id,
      fromStationId: station.id,
      toStationId: receiving.id,
      destination: "随子女迁往镇上",
      requestedBy: staff.id,
    });
    transferCount = 1;
  }

  // One open conflict: the station head rescheduled a visit the worker recorded offline meanwhile.
  const [open] = await db
    .select({ id: visits.id, personId: visits.personId, dueOn: visits.dueOn, version: visits.version })
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .where(and(eq(visits.stationId, station.id), eq(visits.status, "scheduled"), adult))
    .orderBy(visits.dueOn, visits.id)
    .limit(1);
  let conflictCount = 0;
  if (open && head) {
    const dueOn = addDaysToDate(today, 3);
    await db.update(visits).set({ dueOn }).where(eq(visits.id, open.id));
    await db.insert(conflicts).values({
      kind: "visit",
      entityId: open.id,
      userId: staff.id,
      personId: open.personId,
      stationId: station.id,
      baseVersion: open.version,
      theirVersion: open.version + 1,
      theirs: {
        status: "scheduled",
        outcome: null,
        notes: null,
        dueOn,
        assignedName: null,
        version: open.version + 1,
      },
      yours: {
        outcome: "visited",
        visitedOn: today,
        notes: "离线记录：身体状况稳定，家中取暖正常",
        seen: "person",
        needs: [],
        baseVersion: open.version,
      },
    });
    conflictCount = 1;
  }
  const referralIds = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(inArray(referrals.stationId, [station.id]));
  return {
    visitRecords: Math.min(done.length, 8),
    referrals: referralIds.length,
    transfers: transferCount,
    visitFlags: flagged.length === 3 ? 3 : 0,
    conflicts: conflictCount,
  };
}
