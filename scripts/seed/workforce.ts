// Demo workforce (issue 15): who works at each operating station and centre, their qualifications, and the
// trainings the articles report. Ngari's carers all hold the 养老护理员 certificate (持证上岗率 100%, the 2023 review);
// Bayi ran three policy trainings in early 2023 with 108 participants in all (the article's "3 次，100 余人").
// Deterministic: names, certificates and dates come from seeded randomness keyed by the facility code.
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  contracts,
  facilities,
  facilityStatusHistory,
  regions,
  trainingParticipants,
  trainings,
  users,
  workerCertificates,
  workers,
} from "#db/schema";
import type { SocialWorkLevel, WorkerRole } from "#db/schema/workforce-enums";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { fakeName } from "./people";
import { intBetween, randomFor } from "./random";

const BAYI = "540402000000";
const NGARI = "542500000000";

/** Bayi's three trainings of early 2023 and how many took part in each (108 in all). */
export const bayiTrainings2023 = [
  { heldOn: "2023-02-16", topic: "民政惠民政策解读", hours: 6, participants: 38 },
  { heldOn: "2023-03-09", topic: "社会救助典型案例剖析", hours: 4, participants: 34 },
  { heldOn: "2023-03-28", topic: "低保动态管理现场互动答疑", hours: 4, participants: 36 },
];

type Facility = {
  id: number;
  code: string;
  kind: string;
  townshipCode: string;
  staffTarget: number;
  operatingSince: string;
  employer: number | null;
};

function roleFor(kind: string, i: number): WorkerRole {
  if (i === 0) return "head";
  if (kind === "social_work_station" || kind === "children_care_centre") return "social_worker";
  if (kind === "elderly_activity_centre") return i === 1 ? "social_worker" : "other";
  return i % 5 === 1 ? "social_worker" : "carer";
}

export async function seedWorkforce(
  db: Db,
  { now }: { now: Date },
): Promise<{ workers: number; trainings: number }> {
  const today = todayInShanghai(now);
  const year = Number(today.slice(0, 4));
  const rows = await db
    .select({
      id: facilities.id,
      code: facilities.code,
      kind: facilities.kind,
      townshipCode: regions.code,
      staffTarget: facilities.staffTarget,
      operatingSince: sql<string>`(select min(${facilityStatusHistory.effectiveOn})::text from ${facilityStatusHistory}
        where ${facilityStatusHistory.facilityId} = ${facilities.id} and ${facilityStatusHistory.toStatus} = 'operating')`,
      employer: sql<number | null>`(select ${contracts.organizationId} from ${contracts}
        where ${contracts.facilityId} = ${facilities.id} and ${contracts.status} <> 'draft' order by ${contracts.startsOn} limit 1)`,
    })
    .from(facilities)
    .innerJoin(regions, eq(regions.id, facilities.townshipId))
    .where(and(eq(facilities.status, "operating"), isNotNull(facilities.staffTarget)))
    .orderBy(asc(facilities.code));
  const accounts = await db
    .select({ id: users.id, facilityId: users.facilityId, isHead: users.isStationHead, email: users.email })
    .from(users)
    .where(isNotNull(users.facilityId))
    .orderBy(asc(users.id));

  const byRegion = new Map<
    string,
    { id: number; role: WorkerRole; startsOn: string; endsOn: string | null }[]
  >();
  let count = 0;
  for (const f of rows as Facility[]) {
    const rand = randomFor(`workforce:${f.code}`);
    const ngari = f.townshipCode.startsWith("5425");
    // A few places are short of their target, as stations are: one post open at every third facility.
    const filled = f.staffTarget - (f.id % 3 === 0 && f.staffTarget > 2 ? 1 : 0);
    const since = f.operatingSince ?? `${year - 1}-01-01`;
    const head = accounts.find((a) => a.facilityId === f.id && a.isHead);
    const staff = accounts.find((a) => a.facilityId === f.id && !a.isHead);
    for (let i = 0; i < filled; i++) {
      const role = roleFor(f.kind, i);
      const startsOn = addDaysToDate(since, i * 9);
      const startYear = Number(startsOn.slice(0, 4));
      let level: SocialWorkLevel | null = null;
      if (role === "head") level = rand() < 0.7 ? "intermediate" : "assistant";
      else if (role === "social_worker") {
        const r = rand();
        level = r < 0.55 ? "assistant" : r < 0.75 ? "intermediate" : r < 0.8 ? "senior" : null;
      }
      const certYear = Math.max(2008, Math.min(startYear, 2023) - intBetween(rand, 0, 4));
      const employer = f.kind === "support_centre" ? null : f.employer;
      const [w] = await db
        .insert(workers)
        .values({
          fullName: fakeName(rand),
          facilityId: f.id,
          employerOrganizationId: employer,
          role,
          phone: `139${String(intBetween(rand, 10_000_000, 99_999_999))}`,
          userId: i === 0 ? (head?.id ?? null) : i === 1 ? (staff?.id ?? null) : null,
          socialWorkLevel: level,
          socialWorkCertificateNo: level
            ? `${level === "assistant" ? "ZL" : level === "senior" ? "GJ" : "ZJ"}${certYear}54${String(f.id * 100 + i).padStart(5, "0")}`
            : null,
          socialWorkYear: level ? certYear : null,
          startsOn,
        })
        .returning({ id: workers.id });
      count++;
      // Ngari's carers all hold the elderly-carer certificate; in Bayi three in four do.
      if (role === "carer" && (ngari || rand() < 0.75))
        await db.insert(workerCertificates).values({
          workerId: w.id,
          kind: "elderly_carer",
          number: `YL${certYear}${String(f.id * 100 + i).padStart(6, "0")}`,
          year: certYear,
        });
      const key = ngari ? NGARI : BAYI;
      byRegion.set(key, [...(byRegion.get(key) ?? []), { id: w.id, role, startsOn, endsOn: null }]);
    }
  }
  // One social worker left Linzhi town's station in mid-2023 (the register keeps them, the figures do not).
  const [linzhi] = await db
    .select({ id: workers.id })
    .from(workers)
    .innerJoin(facilities, eq(facilities.id, workers.facilityId))
    .where(and(eq(facilities.code, "540402100000-SW01"), eq(workers.role, "social_worker")))
    .orderBy(asc(workers.id))
    .limit(1);
  if (linzhi)
    await db
      .update(workers)
      .set({ endsOn: "2023-06-30", endReason: "考取公务员" })
      .where(eq(workers.id, linzhi.id));

  const regionIds = new Map(
    (
      await db
        .select({ id: regions.id, code: regions.code })
        .from(regions)
        .where(inArray(regions.code, [BAYI, NGARI]))
    ).map((r) => [r.code, r.id]),
  );
  const employedOn = (w: { startsOn: string; id: number }, day: string) =>
    w.startsOn <= day && w.id !== linzhi?.id;
  let trainingCount = 0;
  const addTraining = async (
    region: string,
    t: { heldOn: string; topic: string; hours: number; organizer: string; participants?: number },
    who: (w: { role: WorkerRole }) => boolean,
  ) => {
    const present = (byRegion.get(region) ?? [])
      .filter((w) => employedOn(w, t.heldOn) && who(w))
      .slice(0, t.participants ?? 1000);
    const [row] = await db
      .insert(trainings)
      .values({
        regionId: regionIds.get(region)!,
        heldOn: t.heldOn,
        organizer: t.organizer,
        topic: t.topic,
        hours: t.hours,
        outsideParticipants: t.participants == null ? 0 : t.participants - present.length,
      })
      .returning({ id: trainings.id });
    if (present.length)
      await db
        .insert(trainingParticipants)
        .values(present.map((w) => ({ trainingId: row.id, workerId: w.id })));
    trainingCount++;
  };
  for (const t of bayiTrainings2023)
    await addTraining(BAYI, { ...t, organizer: "巴宜区民政局" }, (w) => w.role !== "carer");
  await addTraining(
    NGARI,
    { heldOn: "2023-07-18", topic: "养老护理员职业技能培训", hours: 40, organizer: "西藏自治区民政厅" },
    (w) => w.role === "carer",
  );
  await addTraining(
    NGARI,
    {
      heldOn: "2023-09-12",
      topic: "乡镇社工站建设运行业务培训",
      hours: 8,
      organizer: "阿里地区民政局",
      participants: 30,
    },
    (w) => w.role !== "carer",
  );
  // This year's, so the facility pages show training hours in the year to date.
  const recent = (days: number) => {
    const day = addDaysToDate(today, -days);
    return day.slice(0, 4) === today.slice(0, 4) ? day : `${year}-01-02`;
  };
  await addTraining(
    BAYI,
    { heldOn: recent(40), topic: "社工站服务规范与档案管理", hours: 6, organizer: "巴宜区民政局" },
    (w) => w.role !== "carer",
  );
  await addTraining(
    NGARI,
    { heldOn: recent(60), topic: "护理员消防安全与急救培训", hours: 8, organizer: "阿里地区民政局" },
    (w) => w.role === "carer",
  );
  return { workers: count, trainings: trainingCount };
}
