// What a scan finds: a reminder to plan (a finding), or one that nobody can receive (a gap). Gaps write no outbox row
// (the outbox needs a recipient), so the next scan finds them again and plans them once somebody can receive them;
// meanwhile each scan logs them and the admin page shows the last scan's list.
import type { ReminderKind } from "#db/schema";
import type { Permission } from "~/modules/access/permissions";
import type { DbOrTx } from "~/utils/db.server";
import type { Recipient } from "./recipients.server";
import type { ReminderSettings } from "./settings.server";

export type Finding = {
  kind: ReminderKind;
  subjectType: "visit" | "contract";
  subjectId: number;
  /** What makes this reminder distinct from an earlier one about the same subject: a due date, a month. */
  occurrence: string;
  sendAt: Date;
  recipients: Recipient[];
  payload: Record<string, unknown>;
  /** What a recipient needs to open `payload.link`; the link is left out for anyone without it. */
  linkPermission?: Permission;
};

const gapReasons = [
  /** Nobody at the station nor any planner above it can open the visit; or no channel reaches anyone. */
  "no_recipient",
  /** The escalation has no level above the one that had the overdue reminder. */
  "no_higher_level",
  /** The organization has no staff account and its contact has only a phone: it does not hear of its contract. */
  "organization_phone_only",
  /** The organization has no staff account and no contact address (or email is not configured). */
  "organization_unreachable",
] as const;
export type GapReason = (typeof gapReasons)[number];

export type ReminderGap = {
  kind: ReminderKind;
  subjectType: "visit" | "contract";
  subjectId: number;
  reason: GapReason;
  /** The station or contract, for the admin page; never a person's name. */
  about: string;
  link: string;
};

export type Findings = { findings: Finding[]; gaps: ReminderGap[] };

export type ScanContext = { db: DbOrTx; now: Date; settings: ReminderSettings };
