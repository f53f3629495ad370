// The home page's next steps per kind of work. Each figure is counted by the function the page it links to uses,
// with the same filters and scope, so the two cannot disagree (roles-home.test.ts opens every link to check).
import { roleHas } from "~/modules/access/permissions";
import { checkedRegionOrNull } from "~/modules/access/region.server";
import type { SessionUser } from "~/modules/access/types";
import { progressOfActiveContracts } from "~/modules/activities/progress.server";
import { listActivities, pendingEditRequests } from "~/modules/activities/queries.server";
import { searchAuditLog } from "~/modules/audit/queries.server";
import { budgetFigures } from "~/modules/budget/dashboard.server";
import { ENDING_SOON_DAYS, endingSoonWindow } from "~/modules/contracts/ending";
import { listContracts } from "~/modules/contracts/queries.server";
import { coverageLevels, coverageReport } from "~/modules/coverage/queries.server";
import { listFacilities } from "~/modules/facilities/queries.server";
import { regionLabel } from "~/modules/regions/label";
import { listOpenVisits } from "~/modules/visits/queries.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import {
  ACCESS_WINDOW_DAYS,
  accessActions,
  auditHref,
  type NextStepFigure,
  type NextStepSection,
} from "./next-steps";
import { signoffNextSteps } from "./signoff-steps.server";

type Options = { now?: Date; locale?: string | null };

const visitsHref = (params: Record<string, string>) => `/visits?${new URLSearchParams(params)}`;

/** A figure that is good at zero and, above it, asks for attention ("warn") or for action ("bad"). */
function alertFigure(f: Omit<NextStepFigure, "tone">, whenAny: "warn" | "bad" = "warn"): NextStepFigure {
  return { ...f, tone: f.value > 0 ? whenAny : "good" };
}

/** A visit list's overdue and due-today figures, each linking to the list that counts it. */
function dueFigures(
  whose: "Mine" | "Station",
  counts: { overdue: number; today: number },
  who: "mine" | "all",
  todayTone: NextStepFigure["tone"],
): NextStepFigure[] {
  return [
    alertFigure(
      {
        key: `overdue${whose}`,
        value: counts.overdue,
        to: visitsHref({ due: "overdue", who }),
        check: { kind: "text", testId: "count-overdue" },
      },
      "bad",
    ),
    {
      key: `today${whose}`,
      value: counts.today,
      to: visitsHref({ due: "soon", who }),
      tone: todayTone,
      check: { kind: "text", testId: "count-today" },
    },
  ];
}

async function stationSections(user: SessionUser, now: Date): Promise<NextStepSection[]> {
  const [mine, station, followUps] = await Promise.all([
    listOpenVisits({ user, filter: { due: "soon", mine: true }, now, pageSize: 8 }),
    listOpenVisits({ user, filter: { due: "soon", mine: false }, now, pageSize: 8 }),
    listOpenVisits({ user, filter: { due: "open", mine: false, kind: "follow_up" }, now, pageSize: 1 }),
  ]);
  const todayOrLate = (v: { dueOn: string; overdueDays: number }) =>
    v.overdueDays > 0 || v.dueOn <= mine.today;
  const mineIds = new Set(mine.rows.map((v) => v.id));
  // Theirs first, then the station's that nobody in particular holds or a colleague does.
  const visits = [...mine.rows, ...station.rows.filter((v) => !mineIds.has(v.id))]
    .filter(todayOrLate)
    .slice(0, 8)
    .map((v) => ({
      id: v.id,
      personName: v.personName,
      villageName: v.villageName,
      kind: v.kind,
      dueOn: v.dueOn,
      overdueDays: v.overdueDays,
      mine: v.assignedUserId === user.id,
    }));
  return [
    {
      key: "myVisits",
      figures: dueFigures("Mine", mine.counts, "mine", mine.counts.today > 0 ? "warn" : "default"),
      visits,
    },
    {
      key: "stationVisits",
      figures: [
        ...dueFigures("Station", station.counts, "all", "default"),
        {
          key: "followUps",
          value: followUps.total,
          to: visitsHref({ due: "open", kind: "follow_up", who: "all" }),
          tone: "default",
          check: { kind: "total" },
        },
      ],
    },
    { key: "outbox", figures: [] },
  ];
}

const progressSelector = '[data-testid^="contract-progress-"] [data-testid="behind-badge"]';

const contractsBehind = (behind: number) =>
  alertFigure({
    key: "contractsBehind",
    value: behind,
    to: "/activities",
    check: { kind: "count", selector: progressSelector },
  });

async function organizationSections(user: SessionUser, now: Date): Promise<NextStepSection[]> {
  const today = todayInShanghai(now);
  const from = `${today.slice(0, 7)}-01`;
  const [progress, flagged] = await Promise.all([
    progressOfActiveContracts({ user, asOf: today }),
    listActivities({ user, filters: { flagged: "open" }, pageSize: 1 }),
  ]);
  const monthCounts = await Promise.all(
    progress.map((c) => listActivities({ user, filters: { contract: c.id, from, to: today }, pageSize: 1 })),
  );
  const contracts = progress.map((c, i) => ({
    id: c.id,
    code: c.code,
    title: c.title,
    subjectName: c.subjectName,
    behind: c.progress.behind,
    monthDone: monthCounts[i].total,
    monthTo: `/activities?${new URLSearchParams({ contract: String(c.id), from, to: today })}`,
    perMonth: c.progress.activities.perMonth,
  }));
  const behind = contracts.filter((c) => c.behind).length;
  return [
    {
      key: "deliverables",
      figures: [contractsBehind(behind)],
      contracts,
    },
    {
      key: "toAnswer",
      figures: [
        alertFigure(
          {
            key: "flagsToAnswer",
            value: flagged.total,
            to: "/activities?flagged=open",
            check: { kind: "total" },
          },
          "bad",
        ),
      ],
    },
  ];
}

async function plannerSections(
  user: SessionUser,
  now: Date,
  locale?: string | null,
): Promise<NextStepSection[]> {
  const today = todayInShanghai(now);
  const canReview = roleHas(user.role, "review:activity");
  const [flagged, pending, noOperator, ending, progress, budget, region] = await Promise.all([
    canReview ? listActivities({ user, filters: { flagged: "open" }, pageSize: 1 }) : null,
    canReview ? pendingEditRequests(user) : null,
    listFacilities({
      user,
      filters: { kind: "social_work_station", status: "operating", noOperator: true },
      pageSize: 1,
      now,
    }),
    listContracts({ user, filters: { ending: endingSoonWindow(today) }, page: 1, pageSize: 1, asOf: today }),
    progressOfActiveContracts({ user, asOf: today }),
    budgetFigures({ user, year: Number(today.slice(0, 4)), asOf: today }),
    checkedRegionOrNull(user, null, coverageLevels),
  ]);
  const coverage = region ? await coverageReport({ region }) : null;
  const behind = progress.filter((p) => p.progress.behind).length;
  const sections: NextStepSection[] = [];
  if (flagged && pending)
    sections.push({
      key: "toReview",
      figures: [
        alertFigure({
          key: "flagsOpen",
          value: flagged.total,
          to: "/activities?flagged=open",
          check: { kind: "total" },
        }),
        alertFigure({
          key: "changeRequests",
          value: pending.length,
          to: "/activities",
          check: { kind: "count", selector: '[data-testid="pending-edits"] li' },
        }),
      ],
    });
  sections.push({
    key: "network",
    figures: [
      alertFigure({
        key: "stationsWithoutOperator",
        value: noOperator.total,
        to: "/facilities?kind=social_work_station&status=operating&noOperator=1",
        check: { kind: "total" },
      }),
      ...(coverage && region
        ? [
            alertFigure({
              key: "townshipsUncovered",
              value: coverage.townships.uncovered.length,
              to: `/coverage?region=${region.code}`,
              check: { kind: "count", selector: '[data-testid="uncovered-townships"] > ul > li' },
              labelValues: { region: regionLabel(region, locale) },
            }),
          ]
        : []),
    ],
  });
  sections.push({
    key: "contracts",
    figures: [
      contractsBehind(behind),
      {
        key: "contractsEnding",
        value: ending.total,
        to: "/contracts?ending=1",
        tone: ending.total > 0 ? "warn" : "default",
        check: { kind: "total" },
        labelValues: { days: ENDING_SOON_DAYS },
      },
    ],
  });
  sections.push({
    key: "money",
    figures: [
      alertFigure({
        key: "contractsLagging",
        value: budget.totals.lagging,
        to: "/budget",
        check: { kind: "text", testId: "budget-flagged", index: 1 },
      }),
      alertFigure(
        {
          key: "contractsOverspent",
          value: budget.totals.overspent,
          to: "/budget",
          check: { kind: "text", testId: "budget-flagged", index: 0 },
        },
        "bad",
      ),
    ],
  });
  return sections;
}

async function accessSections(user: SessionUser, now: Date): Promise<NextStepSection[]> {
  const from = addDaysToDate(todayInShanghai(now), -(ACCESS_WINDOW_DAYS - 1));
  const search = (actions: readonly string[], limit: number) =>
    searchAuditLog({ user, filters: { actions: [...actions], from }, page: 1, limit, withActions: false });
  const [reveals, breakGlass, exports, recent] = await Promise.all([
    search(accessActions.reveals, 1),
    search(accessActions.breakGlass, 1),
    search(accessActions.exports, 1),
    search([...accessActions.reveals, ...accessActions.breakGlass, ...accessActions.exports], 6),
  ]);
  const figure = (key: string, actions: readonly string[], value: number, tone: NextStepFigure["tone"]) => ({
    key,
    value,
    to: auditHref(actions, from),
    tone,
    check: { kind: "total" as const },
    labelValues: { days: ACCESS_WINDOW_DAYS },
  });
  return [
    {
      key: "access",
      figures: [
        figure("reveals", accessActions.reveals, reveals.total, "default"),
        figure(
          "breakGlass",
          accessActions.breakGlass,
          breakGlass.total,
          breakGlass.total > 0 ? "warn" : "good",
        ),
        figure("exports", accessActions.exports, exports.total, "default"),
      ],
      audit: recent.rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        action: r.action,
        actorName: r.actorName ?? r.actorEmail,
        entityType: r.entityType,
        entityId: r.entityId,
      })),
    },
  ];
}

/** The sections this user's work calls for, in the order the home page shows them. */
export async function nextSteps(user: SessionUser, { now = new Date(), locale }: Options = {}) {
  const parts: Promise<NextStepSection[]>[] = [];
  if (user.scope.kind === "station" && roleHas(user.role, "read:visit"))
    parts.push(stationSections(user, now));
  if (user.scope.kind === "organization" && roleHas(user.role, "write:activity"))
    parts.push(organizationSections(user, now));
  if (roleHas(user.role, "write:contract")) parts.push(plannerSections(user, now, locale));
  parts.push(signoffNextSteps(user, now));
  if (roleHas(user.role, "read:audit")) parts.push(accessSections(user, now));
  return (await Promise.all(parts)).flat();
}
