// Loads the demo network of Bayi District and Ngari Prefecture into an empty database, in one transaction.
// Seeding a database that already holds data (demo or real) changes nothing.
import { count, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import type { ActivityKind, ExpenditureCategory, PersonCategory } from "#db/schema";
import {
  activities,
  activityPeople,
  allocations,
  appMeta,
  careProjects,
  contracts,
  expenditures,
  facilities,
  facilityStatusHistory,
  fundingSources,
  isCoveringStatus,
  organizations,
  regions,
  roleAssignments,
  users,
  visits,
} from "#db/schema";
import { hasChildCategory } from "#db/schema/enums";
import { DEMO_PASSWORD, demoAccounts } from "~/modules/auth/demo-accounts";
import { hashPassword } from "~/modules/auth/password.server";
import { DEMO_DATA_KEY } from "~/modules/meta/queries.server";
import { buildCreditCode } from "~/modules/organizations/credit-code";
import { protectIdNumber } from "~/modules/people/id-number-crypto.server";
import {
  codeAndAncestors,
  codePrefix,
  countyCodeOf,
  countyDigits,
  seatTownshipCode,
} from "~/modules/regions/codes";
import { visitIntervalDays } from "~/modules/visits/rules";
import { loadVisitRules } from "~/modules/visits/rules.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import {
  contractSpecs,
  facilitySpecs,
  fundingSpecs,
  ngari2023Targets,
  organizationSpecs,
  projectSpecs,
} from "./catalog";
import { seedFieldWork } from "./field";
import { pointNear } from "./geo";
import { seedHouseholds } from "./households";
import {
  ageFor,
  birthDateFor,
  demoIdNumber,
  fakeName,
  insertDemoPerson,
  pickCategories,
  riskTierFor,
} from "./people";
import { withDemoPopulations } from "./population";
import { intBetween, pick, randomFor } from "./random";
import { buildDemoRegions, upsertRegions } from "./regions";
import { seedSignoff } from "./signoff";
import { seedWorkforce } from "./workforce";

export type SeedResult = { seeded: boolean; reason?: string; counts?: Record<string, number> };

export async function seedDemoData(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<SeedResult> {
  const [marker] = await db.select().from(appMeta).where(eq(appMeta.key, DEMO_DATA_KEY));
  if (marker) return { seeded: false, reason: "the demo data is already loaded" };
  const [{ n: userCount }] = await db.select({ n: count() }).from(users);
  if (userCount > 0)
    return {
      seeded: false,
      reason: "the database already holds users; demo data goes only into an empty database",
    };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const counts = await loadDemo(tx as unknown as Db, { now, passwordHash });
    await tx.insert(appMeta).values({ key: DEMO_DATA_KEY, value: true });
    return { seeded: true, counts };
  });
}

type Ctx = { now: Date; passwordHash: string };

async function loadDemo(db: Db, { now, passwordHash }: Ctx): Promise<Record<string, number>> {
  const today = todayInShanghai(now);
  const year = Number(today.slice(0, 4));
  const resolveDate = (spec: string | undefined, fallback: string) => {
    if (!spec) return fallback;
    const relative = /^today([+-]\d+)$/.exec(spec);
    if (relative) return addDaysToDate(today, Number(relative[1]));
    return spec.replace(/^prev-/, `${year - 1}-`).replace(/^cur-/, `${year}-`);
  };

  // Regions.
  const regionRows = withDemoPopulations(buildDemoRegions());
  const regionIds = await upsertRegions(db, regionRows);
  const regionByCode = new Map(regionRows.map((r) => [r.code, r]));

  // Facilities with their status history; positions near their township (or village), approximate.
  const facilityIds = new Map<string, number>();
  const facilityTownship = new Map<string, string>();
  for (const spec of facilitySpecs) {
    const township = regionByCode.get(spec.townshipCode)!;
    const county = regionByCode.get(countyCodeOf(spec.townshipCode))!;
    const anchor = spec.villageCode ? regionByCode.get(spec.villageCode)!.point! : township.point!;
    const point = pointNear(
      anchor,
      0.05,
      spec.kind === "social_work_station" ? 0.4 : 1.2,
      county.boundary!,
      spec.code,
    );
    const [currentStatus, since] = spec.history[spec.history.length - 1];
    const openedOn = spec.history.find(([s]) => isCoveringStatus(s))?.[1] ?? null;
    const [row] = await db
      .insert(facilities)
      .values({
        code: spec.code,
        kind: spec.kind,
        name: spec.name,
        townshipId: regionIds.get(spec.townshipCode)!,
        villageId: spec.villageCode ? regionIds.get(spec.villageCode)! : null,
        lng: point[0],
        lat: point[1],
        coordQuality: "approximate",
        status: currentStatus,
        openedOn,
        capacity: spec.capacity ?? null,
        staffTarget: spec.staffTarget,
        serviceRadiusM: spec.serviceRadiusKm * 1000,
        phone: null,
        notes: since ? null : null,
      })
      .returning({ id: facilities.id });
    facilityIds.set(spec.code, row.id);
    facilityTownship.set(spec.code, spec.townshipCode);
    await db.insert(facilityStatusHistory).values(
      spec.history.map(([status, day], i) => ({
        facilityId: row.id,
        fromStatus: i === 0 ? null : spec.history[i - 1][0],
        toStatus: status,
        effectiveOn: day,
      })),
    );
  }

  // Organizations with well-formed (synthetic) credit codes.
  const organizationIds = new Map<string, number>();
  for (const spec of organizationSpecs) {
    const [row] = await db
      .insert(organizations)
      .values({
        name: spec.name,
        creditCode: buildCreditCode({
          type: "2",
          regionCode6: countyDigits(spec.regionCode),
          serial: spec.serial,
        }),
        kind: spec.kind,
        regionId: regionIds.get(spec.regionCode)!,
        registeredOn: spec.registeredOn,
        hasPartyBranch: spec.hasPartyBranch,
        contactName: spec.contactName,
        contactPhone: spec.contactPhone,
        contactEmail: `${spec.key}@demo.local`,
      })
      .returning({ id: organizations.id });
    organizationIds.set(spec.key, row.id);
  }

  const projectIds = new Map<string, number>();
  for (const spec of projectSpecs) {
    const [row] = await db
      .insert(careProjects)
      .values({
        code: spec.code,
        name: spec.name,
        kind: spec.kind,
        regionId: regionIds.get(spec.regionCode)!,
        startsOn: spec.startsOn,
        endsOn: `${year}-12-31`,
        description: "关爱留守和困境儿童：心理疏导、课业辅导、家庭教育指导、入户探访。",
      })
      .returning({ id: careProjects.id });
    projectIds.set(spec.code, row.id);
  }

  // Users first (contracts record who activated them).
  const userIds = new Map<string, number>();
  const stationStaff = new Map<number, number[]>();
  const addUser = async (u: {
    email: string;
    name: string;
    role: "admin" | "planner" | "org_staff" | "station_staff" | "auditor";
    regionId?: number | null;
    organizationId?: number | null;
    facilityId?: number | null;
    isStationHead?: boolean;
    phone?: string | null;
    /** Whether the station's demo visits are shared out to this account too (not for the combined account). */
    assignVisits?: boolean;
  }) => {
    const { assignVisits = true, ...values } = u;
    const [row] = await db
      .insert(users)
      .values({ ...values, passwordHash })
      .returning({ id: users.id });
    userIds.set(u.email, row.id);
    if (u.role === "station_staff" && u.facilityId && assignVisits)
      stationStaff.set(u.facilityId, [...(stationStaff.get(u.facilityId) ?? []), row.id]);
    return row.id;
  };
  for (const account of demoAccounts) {
    await addUser({
      email: account.email,
      name: account.name,
      role: account.role,
      regionId: account.scope?.regionCode ? regionIds.get(account.scope.regionCode)! : null,
      organizationId: account.scope?.organizationKey
        ? organizationIds.get(account.scope.organizationKey)!
        : null,
      facilityId: account.scope?.facilityCode ? facilityIds.get(account.scope.facilityCode)! : null,
      isStationHead: account.isStationHead ?? false,
      assignVisits: !account.alsoAs,
    });
    for (const more of account.alsoAs ?? []) {
      await db.insert(roleAssignments).values({
        userId: userIds.get(account.email)!,
        role: more.role,
        organizationId: more.scope.organizationKey ? organizationIds.get(more.scope.organizationKey)! : null,
        facilityId: more.scope.facilityCode ? facilityIds.get(more.scope.facilityCode)! : null,
      });
    }
  }
  await addUser({
    email: "planner.gar@demo.local",
    name: "噶尔县民政局 规划员",
    role: "planner",
    regionId: regionIds.get("542523000000")!,
  });
  for (const spec of organizationSpecs.filter((o) => o.key !== "gar-community-service")) {
    await addUser({
      email: `org.${spec.key}@demo.local`,
      name: `${spec.name} 工作人员`,
      role: "org_staff",
      organizationId: organizationIds.get(spec.key)!,
    });
  }
  // Stations in trial operation serve people already: they get staff and people as operating ones do.
  const operatingStations = facilitySpecs.filter(
    (f) => f.kind === "social_work_station" && isCoveringStatus(f.history[f.history.length - 1][0]),
  );
  for (const spec of operatingStations) {
    const facilityId = facilityIds.get(spec.code)!;
    const township = regionByCode.get(spec.townshipCode)!.name;
    const headEmail =
      spec.code === "540402101000-SW01"
        ? "station.baiba.head@demo.local"
        : `head.${spec.code.toLowerCase()}@demo.local`;
    await addUser({
      email: headEmail,
      name: `${township}社工站 站长`,
      role: "station_staff",
      facilityId,
      isStationHead: true,
    });
    if (spec.code !== "540402101000-SW01") {
      await addUser({
        email: `staff.${spec.code.toLowerCase()}@demo.local`,
        name: `${township}社工站 社工`,
        role: "station_staff",
        facilityId,
      });
    }
  }
  const plannerOf = (code: string) =>
    userIds.get(code.startsWith("540402") ? "planner.bayi@demo.local" : "planner.ngari@demo.local")!;

  // Funding sources.
  const fundingIds = new Map<string, number>();
  for (const spec of fundingSpecs) {
    const [row] = await db
      .insert(fundingSources)
      .values({
        name: spec.year === "current" ? `${year}年${spec.name}` : spec.name,
        kind: spec.kind,
        donorProvince: spec.donorProvince ?? null,
        year: spec.year === "current" ? year : spec.year,
        regionId: regionIds.get(spec.regionCode)!,
        totalFen: spec.totalYuan * 100,
      })
      .returning({ id: fundingSources.id });
    fundingIds.set(spec.key, row.id);
  }

  // Contracts, allocations and expenditures.
  const allocatedBySource = new Map<string, number>();
  const contractRows: {
    id: number;
    spec: (typeof contractSpecs)[number];
    startsOn: string;
    endsOn: string;
    organizationId: number;
    facilityId: number | null;
    careProjectId: number | null;
    until: string;
  }[] = [];
  const expenditureRows: (typeof expenditures.$inferInsert)[] = [];
  for (const spec of contractSpecs) {
    const contractYear = spec.year === "current" ? year : spec.year;
    const startsOn = resolveDate(spec.startsOn, `${contractYear}-01-01`);
    const endsOn = resolveDate(spec.endsOn, `${contractYear}-12-31`);
    const current = endsOn >= today && startsOn <= today;
    const subjectCode = spec.facilityCode ?? spec.projectCode!;
    const planner = plannerOf(spec.facilityCode ?? "542500");
    const activatedAt = new Date(`${startsOn}T02:00:00Z`);
    const [row] = await db
      .insert(contracts)
      .values({
        code: spec.code.replace("-CUR-", `-${year}-`),
        title: spec.year === "current" ? `${spec.title}（${year}年度）` : spec.title,
        organizationId: organizationIds.get(spec.organizationKey)!,
        facilityId: spec.facilityCode ? facilityIds.get(spec.facilityCode)! : null,
        careProjectId: spec.projectCode ? projectIds.get(spec.projectCode)! : null,
        startsOn,
        endsOn,
        amountFen: spec.amountYuan * 100,
        procurementMethod: spec.amountYuan >= 250_000 ? "competitive_consultation" : "single_source",
        deliverables: spec.deliverables,
        status: current ? "active" : endsOn < today ? "completed" : "draft",
        activatedAt,
        activatedBy: planner,
        closedAt: endsOn < today ? new Date(`${endsOn}T10:00:00Z`) : null,
        closedBy: endsOn < today ? planner : null,
        createdBy: planner,
        // Drafted a few weeks before the period starts, as bureaus do.
        createdAt: new Date(`${addDaysToDate(startsOn, -20)}T02:00:00Z`),
      })
      .returning({ id: contracts.id });
    const until = current ? today : endsOn;
    contractRows.push({
      id: row.id,
      spec,
      startsOn,
      endsOn,
      until,
      organizationId: organizationIds.get(spec.organizationKey)!,
      facilityId: spec.facilityCode ? facilityIds.get(spec.facilityCode)! : null,
      careProjectId: spec.projectCode ? projectIds.get(spec.projectCode)! : null,
    });

    // Allocations: the whole amount for past years; in tranches (60% at the start, the rest mid-period) now.
    const amountFen = spec.amountYuan * 100;
    const share = spec.allocatedShare ?? 1;
    const midPeriod = addDaysToDate(
      startsOn,
      Math.floor((Date.parse(endsOn) - Date.parse(startsOn)) / 86400000 / 2),
    );
    const tranches: [number, string][] = !current
      ? [[amountFen, addDaysToDate(startsOn, 14)]]
      : share < 1 || today < midPeriod
        ? [[Math.round(amountFen * Math.min(share, 0.6)), addDaysToDate(startsOn, 14)]]
        : [
            [Math.round(amountFen * 0.6), addDaysToDate(startsOn, 14)],
            [amountFen - Math.round(amountFen * 0.6), midPeriod],
          ];
    for (const [amount, on] of tranches) {
      if (on > today) continue;
      await db.insert(allocations).values({
        fundingSourceId: fundingIds.get(spec.fundingKey)!,
        contractId: row.id,
        amountFen: amount,
        allocatedOn: on,
        createdBy: planner,
      });
      allocatedBySource.set(spec.fundingKey, (allocatedBySource.get(spec.fundingKey) ?? 0) + amount);
    }

    // Monthly expenditures up to today, scaled by the contract's spend factor.
    const rand = randomFor(`spend:${subjectCode}:${contractYear}`);
    const months = monthsBetween(startsOn, endsOn);
    const monthlyFen = Math.round((amountFen * spec.spendFactor) / months.length);
    const mix: [ExpenditureCategory, number, string][] = [
      ["personnel", 0.55, "社工人员工资及社保"],
      ["activities", 0.25, "服务活动物资与场地"],
      ["operations", 0.15, "站点水电、交通与通讯"],
      ["equipment", 0.05, "办公与服务设备购置"],
    ];
    for (const month of months) {
      const spentOn = `${month}-${String(intBetween(rand, 20, 28)).padStart(2, "0")}`;
      if (spentOn > until) break;
      for (const [category, part, description] of mix) {
        const amount = Math.round(monthlyFen * part * (0.9 + rand() * 0.2));
        if (amount <= 0) continue;
        expenditureRows.push({
          contractId: row.id,
          spentOn: spentOn > endsOn ? endsOn : spentOn,
          category,
          amountFen: amount,
          description,
          createdBy: planner,
        });
      }
    }
  }
  for (const [key, allocated] of allocatedBySource) {
    await db
      .update(fundingSources)
      .set({ allocatedFen: allocated })
      .where(eq(fundingSources.id, fundingIds.get(key)!));
  }
  for (let i = 0; i < expenditureRows.length; i += 500)
    await db.insert(expenditures).values(expenditureRows.slice(i, i + 500));
  // One mistake put right, so the demo shows a reversal (冲销): an invoice entered twice, and its reversal.
  const current = new Set(contractRows.filter((c) => c.spec.year === "current").map((c) => c.id));
  const twice = [...expenditureRows]
    .reverse()
    .find((e) => current.has(e.contractId) && e.category === "equipment");
  if (twice) {
    const [duplicate] = await db
      .insert(expenditures)
      .values({ ...twice, description: `${twice.description}（重复登记）` })
      .returning({ id: expenditures.id });
    await db.insert(expenditures).values({
      ...twice,
      description: `${twice.description}（重复登记）`,
      amountFen: -twice.amountFen,
      reversesId: duplicate.id,
      reversalReason: "与同月发票重复登记",
    });
  }

  // Visit rules: the general policy is installed by migration 0005 on every database; the demo adds none of its own.
  const rules = await loadVisitRules(db);

  // People in care, each with the station responsible for them and their visits.
  const villagesByTownship = new Map<string, string[]>();
  for (const r of regionRows.filter((x) => x.level === "village")) {
    villagesByTownship.set(r.parentCode!, [...(villagesByTownship.get(r.parentCode!) ?? []), r.code]);
  }
  const operatingStationByTownship = new Map(operatingStations.map((s) => [s.townshipCode, s.code]));
  const usedIds = new Set<string>();
  const registeredAt = new Date("2022-12-01T02:00:00Z");
  const personRows: { id: number; stationId: number; townshipCode: string; categories: PersonCategory[] }[] =
    [];
  const visitRowsToInsert: (typeof visits.$inferInsert)[] = [];
  let personCounter = 0;
  let baibaOverdue = 0;
  for (const township of regionRows.filter((r) => r.level === "township")) {
    const countySeatStation = operatingStationByTownship.get(seatTownshipCode(township.code));
    const stationCode = operatingStationByTownship.get(township.code) ?? countySeatStation ?? null;
    if (!stationCode) continue;
    const villages = villagesByTownship.get(township.code) ?? [];
    if (villages.length === 0) continue;
    const stationId = facilityIds.get(stationCode)!;
    const staff = stationStaff.get(stationId) ?? [];
    const isBayi = township.code.startsWith("540402");
    const rand = randomFor(`people:${township.code}`);
    const howMany = operatingStationByTownship.has(township.code) ? (isBayi ? 16 : 18) : 6;
    for (let i = 0; i < howMany; i++) {
      personCounter++;
      const villageCode = villages[i % villages.length];
      const categories = pickCategories(rand);
      const sex = rand() < 0.5 ? "male" : "female";
      const birthDate = birthDateFor(today, ageFor(categories, rand), rand);
      let idNumber = demoIdNumber(villageCode.slice(0, 6), birthDate, sex, personCounter);
      for (let bump = 1; usedIds.has(idNumber); bump++)
        idNumber = demoIdNumber(villageCode.slice(0, 6), birthDate, sex, personCounter + bump * 7);
      usedIds.add(idNumber);
      const riskTier = riskTierFor(categories, rand);
      const isChild = hasChildCategory(categories);
      const exited = rand() < 0.03;
      const fullName = fakeName(rand);
      const id = await insertDemoPerson(db, {
        fullName,
        sex,
        birthDate,
        ...protectIdNumber(idNumber),
        villageId: regionIds.get(villageCode)!,
        stationId,
        address: `${regionByCode.get(villageCode)!.name}${intBetween(rand, 1, 60)}号`,
        phone: isChild ? null : `139${String(10000000 + personCounter * 7919).slice(-8)}`,
        guardianName: isChild ? fakeName(rand) : null,
        guardianPhone: isChild ? `137${String(20000000 + personCounter * 104729).slice(-8)}` : null,
        categories,
        riskTier,
        riskReason: riskTier === "high" ? "独居且患慢性病，需每周探访" : null,
        riskSetBy: riskTier === "normal" ? null : plannerOf(township.code),
        riskSetAt: riskTier === "normal" ? null : now,
        status: exited ? "exited" : "active",
        statusOn: exited ? addDaysToDate(today, -intBetween(rand, 20, 200)) : null,
        statusReason: exited ? "家庭收入超过保障标准，退出低保" : null,
        createdBy: plannerOf(township.code),
        // Registered before the visits of 2023 begin, so the history (person_history) holds them for past years.
        createdAt: registeredAt,
      });
      personRows.push({ id, stationId, townshipCode: township.code, categories });
      if (exited) continue;

      // Visits: the history at the rule's interval, and the next routine visit (some overdue, most ahead).
      const ancestors = codeAndAncestors(villageCode)
        .map((c) => regionIds.get(c)!)
        .filter(Boolean);
      const interval = visitIntervalDays({ categories, riskTier, regionIds: ancestors }, rules) ?? 90;
      let offset = Math.round((rand() * 1.2 - 0.18) * interval);
      if (stationCode === "540402101000-SW01" && baibaOverdue < 3) {
        offset = -(3 + baibaOverdue * 4);
        baibaOverdue++;
      }
      const nextDue = addDaysToDate(today, offset);
      const assigned = staff.length ? staff[personCounter % staff.length] : null;
      visitRowsToInsert.push({
        personId: id,
        stationId,
        assignedUserId: assigned,
        kind: "routine",
        dueOn: nextDue,
        status: "scheduled",
      });
      // History back to the start of 2023, so the 2023 year-in-review has visits: most on time, some late.
      for (let k = 1; ; k++) {
        const due = addDaysToDate(nextDue, -interval * k);
        if (due < "2023-01-01") break;
        if (due >= today) continue;
        const late =
          rand() < 0.85 ? -intBetween(rand, 0, Math.min(5, interval - 1)) : intBetween(rand, 1, 10);
        const doneOn = addDaysToDate(due, late);
        if (doneOn >= today) continue;
        const outcome = rand() < 0.9 ? "visited" : "not_home";
        visitRowsToInsert.push({
          personId: id,
          stationId,
          assignedUserId: assigned,
          kind: "routine",
          dueOn: due,
          status: "completed",
          outcome,
          notes: outcome === "visited" ? "生活状况稳定，已了解近期需求。" : "本人外出放牧，已电话联系。",
          completedAt: new Date(`${doneOn}T06:30:00Z`),
          completedBy: assigned,
        });
      }
    }
  }
  const insertedVisits: {
    id: number;
    personId: number;
    status: string;
    dueOn: string;
    stationId: number;
    assignedUserId: number | null;
  }[] = [];
  for (let i = 0; i < visitRowsToInsert.length; i += 500) {
    insertedVisits.push(
      ...(await db
        .insert(visits)
        .values(visitRowsToInsert.slice(i, i + 500))
        .returning({
          id: visits.id,
          personId: visits.personId,
          status: visits.status,
          dueOn: visits.dueOn,
          stationId: visits.stationId,
          assignedUserId: visits.assignedUserId,
        })),
    );
  }
  // A few recent visits needed a follow-up (回访): mark them and schedule the follow-up.
  const recentCompleted = insertedVisits.filter(
    (v) => v.status === "completed" && v.dueOn >= addDaysToDate(today, -25),
  );
  const followUpRand = randomFor("follow-ups");
  for (const v of recentCompleted.filter((_, i) => i % 9 === 0)) {
    await db
      .update(visits)
      .set({ outcome: "needs_follow_up", outcomeReason: "血压偏高，需复查后回访", notes: "已联系乡卫生院。" })
      .where(eq(visits.id, v.id));
    await db.insert(visits).values({
      personId: v.personId,
      stationId: v.stationId,
      assignedUserId: v.assignedUserId,
      kind: "follow_up",
      dueOn: addDaysToDate(v.dueOn, intBetween(followUpRand, 7, 20)),
      status: "scheduled",
      followUpOfId: v.id,
    });
  }

  // Activities: 2023 reproduces the Ngari article; the current year runs up to today.
  const activityRows: (typeof activities.$inferInsert)[] = [];
  const peopleByStation = new Map<number, number[]>();
  for (const p of personRows)
    peopleByStation.set(p.stationId, [...(peopleByStation.get(p.stationId) ?? []), p.id]);
  // A children's project's home visits go to the children in care of its region (by their child categories).
  const childrenUnder = (regionCode: string | undefined) => {
    if (!regionCode) return [];
    const prefix = codePrefix(regionCode);
    return personRows
      .filter((p) => p.townshipCode.startsWith(prefix) && hasChildCategory(p.categories))
      .map((p) => p.id);
  };
  const links: { index: number; personIds: number[] }[] = [];
  for (const c of contractRows) {
    const facility = facilitySpecs.find((f) => f.code === c.spec.facilityCode);
    const rand = randomFor(`activities:${c.spec.code}:${c.startsOn}`);
    // why: its own stream, so who is linked never shifts the activities' own random figures.
    const linkRand = randomFor(`activity-people:${c.spec.code}:${c.startsOn}`);
    const base = {
      contractId: c.id,
      organizationId: c.organizationId,
      facilityId: c.facilityId,
      careProjectId: c.careProjectId,
      coordQuality: "unknown" as const,
    };
    const push = (
      occurredOn: string,
      kind: ActivityKind,
      participants: number,
      personTimes: number,
      hours: number,
      summary: string,
    ) => {
      activityRows.push({
        ...base,
        occurredOn,
        kind,
        participants,
        personTimes,
        hours: hours.toFixed(1),
        summary,
      });
      return activityRows.length - 1;
    };
    const is2023 = c.startsOn.startsWith("2023");
    if (is2023 && facility?.kind === "day_care_centre") {
      spreadPersonTimes(
        ngari2023Targets.dayCarePersonTimes[facility.code],
        weeklyDates(c.startsOn, c.until, rand),
        (day, pt) =>
          push(
            day,
            pick(rand, ["group_activity", "health_check", "festival_event"] as const),
            Math.max(1, Math.round(pt / 2)),
            pt,
            3,
            "老年人日间照料：文娱活动、康养服务与午餐。",
          ),
      );
      continue;
    }
    if (is2023 && facility?.kind === "elderly_activity_centre") {
      spreadPersonTimes(
        ngari2023Targets.activityCentrePersonTimes,
        everyNthDay(c.startsOn, c.until, 3),
        (day, pt) =>
          push(
            day,
            "group_activity",
            Math.max(1, Math.round(pt / 3)),
            pt,
            4,
            "老年人活动中心开放：棋牌、锅庄舞、读报。",
          ),
      );
      continue;
    }
    if (is2023 && c.spec.projectCode) {
      const n = ngari2023Targets.childrenActivities[c.spec.projectCode];
      for (let i = 0; i < n; i++) {
        const day = addDaysToDate(c.startsOn, Math.floor(((i + 0.5) * 365) / n));
        const participants = intBetween(rand, 12, 30);
        push(
          day,
          pick(rand, ["counselling", "tutoring", "festival_event", "group_activity"] as const),
          participants,
          participants,
          3,
          "留守和困境儿童关爱活动：心理疏导与课业辅导。",
        );
      }
      continue;
    }
    const perMonth = c.spec.deliverables.activitiesPerMonth ?? 2;
    for (const month of monthsBetween(c.startsOn, c.endsOn)) {
      const count = Math.max(1, perMonth + intBetween(rand, -1, 1));
      for (let i = 0; i < count; i++) {
        const day = `${month}-${String(Math.min(28, 2 + Math.floor((i * 26) / count) + intBetween(rand, 0, 3))).padStart(2, "0")}`;
        if (day > c.until || day < c.startsOn) continue;
        const kind = c.spec.projectCode
          ? pick(rand, ["counselling", "tutoring", "home_visit", "group_activity"] as const)
          : facility?.kind === "social_work_station"
            ? pick(rand, [
                "home_visit",
                "group_activity",
                "policy_publicity",
                "training",
                "health_check",
              ] as const)
            : pick(rand, ["group_activity", "health_check", "festival_event"] as const);
        const participants = kind === "home_visit" ? intBetween(rand, 2, 6) : intBetween(rand, 8, 35);
        const personTimes = participants * (kind === "home_visit" ? 1 : intBetween(rand, 1, 3));
        const index = push(
          day,
          kind,
          participants,
          personTimes,
          kind === "home_visit" ? 2 : 3,
          activitySummary(kind),
        );
        if (kind === "home_visit") {
          const pool = c.facilityId
            ? (peopleByStation.get(c.facilityId) ?? [])
            : childrenUnder(projectSpecs.find((p) => p.code === c.spec.projectCode)?.regionCode);
          if (pool.length)
            links.push({
              index,
              personIds: [
                ...new Set(
                  Array.from({ length: Math.min(participants, pool.length) }, () => pick(linkRand, pool)),
                ),
              ],
            });
        }
      }
    }
  }
  const activityIds: number[] = [];
  for (let i = 0; i < activityRows.length; i += 500) {
    activityIds.push(
      ...(
        await db
          .insert(activities)
          .values(activityRows.slice(i, i + 500))
          .returning({ id: activities.id })
      ).map((r) => r.id),
    );
  }
  const linkRows = links.flatMap((l) =>
    l.personIds.map((personId) => ({ activityId: activityIds[l.index], personId })),
  );
  for (let i = 0; i < linkRows.length; i += 1000)
    await db.insert(activityPeople).values(linkRows.slice(i, i + 1000));

  const field = await seedFieldWork(db, { now });
  const workforce = await seedWorkforce(db, { now });
  // After the field work, so the files it picks keep their ids; the households add Bayi's 低保 families.
  const householdCounts = await seedHouseholds(db, { today });
  const signoff = await seedSignoff(db, { today });

  const [regionCount] = await db.select({ n: count() }).from(regions);
  return {
    ...field,
    ...workforce,
    ...householdCounts,
    ...signoff,
    regions: regionCount.n,
    facilities: facilitySpecs.length,
    organizations: organizationSpecs.length,
    contracts: contractRows.length,
    people: personRows.length + householdCounts.householdPeople,
    visits: visitRowsToInsert.length + recentCompleted.filter((_, i) => i % 9 === 0).length,
    activities: activityRows.length,
    expenditures: expenditureRows.length,
    users: userIds.size,
  };
}

function activitySummary(kind: ActivityKind): string {
  switch (kind) {
    case "home_visit":
      return "入户探访服务对象，了解生活与健康状况，登记需求。";
    case "policy_publicity":
      return "民政惠民政策宣讲，发放宣传手册。";
    case "training":
      return "村级儿童主任与社工业务培训。";
    case "health_check":
      return "联合乡镇卫生院开展健康体检。";
    case "counselling":
      return "儿童心理疏导个案服务。";
    case "tutoring":
      return "课后课业辅导与阅读陪伴。";
    case "festival_event":
      return "节日慰问与联欢活动。";
    default:
      return "社区集体活动。";
  }
}

/** 'YYYY-MM' of every month the period touches. */
function monthsBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const endKey = end.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= endKey) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

function weeklyDates(start: string, until: string, rand: () => number): string[] {
  const out: string[] = [];
  for (let d = addDaysToDate(start, intBetween(rand, 0, 3)); d <= until; d = addDaysToDate(d, 7)) out.push(d);
  return out;
}

function everyNthDay(start: string, until: string, n: number): string[] {
  const out: string[] = [];
  for (let d = start; d <= until; d = addDaysToDate(d, n)) out.push(d);
  return out;
}

/** Splits a total over the days so the parts sum exactly to it. */
function spreadPersonTimes(total: number, days: string[], add: (day: string, personTimes: number) => void) {
  const base = Math.floor(total / days.length);
  let remainder = total - base * days.length;
  for (const day of days) {
    const extra = remainder > 0 ? 1 : 0;
    remainder -= extra;
    add(day, base + extra);
  }
}
