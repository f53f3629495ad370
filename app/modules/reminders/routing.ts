// Who hears first and who next. Visit reminders go to the station (the assignee, else the head, else the staff), the
// overdue one to the assignee and the head, and the escalation one level up: the planners of the smallest region
// above whoever had the overdue one. A station with nobody who can open the visit falls back to those planners, and
// its escalation goes one level further. Nobody is sent a link they cannot open. Pure, so tests need no database.
import { type Permission, roleHas } from "~/modules/access/permissions";
import type { Recipient, StationCircle } from "./recipients.server";

/** Whether a recipient can open a visit of this station: the permission, and for station staff their own station. */
export function canOpenVisit(r: Recipient, stationId: number): boolean {
  if (r.kind !== "user" || !roleHas(r.role, "read:visit")) return false;
  return r.role !== "station_staff" || r.facilityId === stationId;
}

/** Whether a reminder's link opens for the recipient; somebody without an account can open none. */
export function canOpenLink(r: Recipient, permission: Permission): boolean {
  return r.kind === "user" && roleHas(r.role, permission);
}

/** One entry per person or address, first occurrence wins. */
export function uniqueRecipients(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of list) {
    const key = r.kind === "user" ? `u${r.userId}` : `e${r.email.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

export type VisitRoute = {
  /** "Due soon": the person responsible. */
  due: Recipient[];
  /** Follow-up due and overdue: the person responsible and the station head. */
  overdue: Recipient[];
  /** Overdue for too long: the next level above `overdue`; empty when there is none. */
  escalation: Recipient[];
  /** The station has nobody who can open the visit, so its reminders go to planners instead. */
  viaPlanners: boolean;
};

export function routeVisit({
  stationId,
  circle,
  assignee,
}: {
  stationId: number;
  circle: StationCircle;
  assignee?: Recipient;
}): VisitRoute {
  const open = (list: Recipient[]) => list.filter((r) => canOpenVisit(r, stationId));
  const heads = open(circle.heads);
  const staff = open(circle.staff);
  // An assignee who left the station (or whose account cannot open visits) is skipped, not sent a dead link.
  const responsible =
    assignee && canOpenVisit(assignee, stationId) ? [assignee] : heads.length ? heads : staff;
  const planners = circle.plannerLevels.map(open).filter((level) => level.length > 0);
  if (responsible.length > 0)
    return {
      due: responsible,
      overdue: uniqueRecipients([...responsible, ...heads]),
      escalation: planners[0] ?? [],
      viaPlanners: false,
    };
  return {
    due: planners[0] ?? [],
    overdue: planners[0] ?? [],
    escalation: planners[1] ?? [],
    viaPlanners: true,
  };
}
