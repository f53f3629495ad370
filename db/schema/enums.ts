// Every enumerated value of the domain, free of drizzle so browser code can import it cheaply.

export const regionLevels = ["province", "prefecture", "county", "township", "village"] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const facilityKinds = [
  "social_work_station",
  "day_care_centre",
  "happiness_home",
  "support_centre",
  "children_care_centre",
  "elderly_activity_centre",
] as const;
export type FacilityKind = (typeof facilityKinds)[number];

/** The life cycle the articles describe: 规划 → 建设 → 竣工验收 → 试运行 → 运营, and 暂停 / 关闭 from most of them. */
export const facilityStatuses = [
  "planned",
  "under_construction",
  "accepted",
  "trial_operation",
  "operating",
  "suspended",
  "closed",
] as const;
export type FacilityStatus = (typeof facilityStatuses)[number];

/** A station in these states serves its township: coverage counts it (trial operation is shown apart). */
export const coveringFacilityStatuses = [
  "trial_operation",
  "operating",
] as const satisfies readonly FacilityStatus[];

export function isCoveringStatus(status: string): boolean {
  return (coveringFacilityStatuses as readonly string[]).includes(status);
}

export const organizationKinds = ["social_service_agency", "social_group", "foundation", "other"] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const organizationStatuses = ["active", "suspended", "deregistered"] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

export const careProjectKinds = ["children", "elderly", "disability", "other"] as const;
export type CareProjectKind = (typeof careProjectKinds)[number];

export const contractStatuses = ["draft", "active", "completed", "terminated"] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const procurementMethods = [
  "public_tender",
  "invited_tender",
  "competitive_negotiation",
  "competitive_consultation",
  "single_source",
  "inquiry",
  "other",
] as const;
export type ProcurementMethod = (typeof procurementMethods)[number];

export const fundingSourceKinds = ["welfare_lottery", "paired_aid", "fiscal", "other"] as const;
export type FundingSourceKind = (typeof fundingSourceKinds)[number];

export const expenditureCategories = ["personnel", "activities", "equipment", "operations", "other"] as const;
export type ExpenditureCategory = (typeof expenditureCategories)[number];

export const activityKinds = [
  "group_activity",
  "home_visit",
  "counselling",
  "tutoring",
  "health_check",
  "training",
  "policy_publicity",
  "festival_event",
  "other",
] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const activityFlagStatuses = ["open", "answered", "resolved"] as const;

export const editRequestStatuses = ["pending", "approved", "rejected"] as const;

export const personCategories = [
  "dibao",
  "tekun_centralized",
  "tekun_dispersed",
  "orphan",
  "unsupported_child",
  "left_behind_child",
  "distressed_child",
  "disabled",
  "severely_disabled",
  "advanced_age_elderly",
  "disabled_elderly",
] as const;
export type PersonCategory = (typeof personCategories)[number];

/** The categories that make a file a child's, whatever the birth date says (a minor's file is read by fewer people). */
export const childCategories = [
  "orphan",
  "unsupported_child",
  "left_behind_child",
  "distressed_child",
] as const satisfies readonly PersonCategory[];

/** Whether a file of these categories is a child's. */
export const hasChildCategory = (categories: readonly string[]) =>
  categories.some((c) => (childCategories as readonly string[]).includes(c));

export const sexes = ["male", "female"] as const;

export const riskTiers = ["high", "key", "normal"] as const;
export type RiskTier = (typeof riskTiers)[number];

export const personStatuses = ["active", "exited", "deceased"] as const;
export type PersonStatus = (typeof personStatuses)[number];

/** What a person's history row records a change of (db/schema/history.ts). */
export const personHistoryAttributes = ["categories", "status", "station", "village"] as const;
export type PersonHistoryAttribute = (typeof personHistoryAttributes)[number];

export const visitKinds = ["routine", "follow_up", "event"] as const;
export type VisitKind = (typeof visitKinds)[number];

export const visitStatuses = ["scheduled", "completed", "missed", "cancelled"] as const;
export type VisitStatus = (typeof visitStatuses)[number];

export const visitOutcomes = [
  "visited",
  "not_home",
  "moved",
  "hospitalised",
  "needs_follow_up",
  "deceased",
] as const;
export type VisitOutcome = (typeof visitOutcomes)[number];

export const reminderKinds = [
  "visit_due",
  "visit_overdue",
  "visit_escalation",
  "follow_up_due",
  "contract_ending",
  "deliverable_behind",
  /** A past month of an active contract the organization has not submitted. */
  "signoff_due",
  /** A submitted month the planner returned (or reopened): the organization submits it again. */
  "signoff_returned",
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export const reminderChannels = ["in_app", "email", "webhook"] as const;
export type ReminderChannel = (typeof reminderChannels)[number];

export const reminderStatuses = ["pending", "queued", "sent", "failed", "cancelled"] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

export const roles = ["admin", "planner", "org_staff", "station_staff", "auditor"] as const;
export type Role = (typeof roles)[number];

export const locales = ["zh-CN", "en", "bo"] as const;
export type Locale = (typeof locales)[number];

export const coordinateQualities = ["surveyed", "approximate", "unknown"] as const;
export type CoordinateQuality = (typeof coordinateQualities)[number];

// Field work (ADR 014): conflicts, referrals, transfers and plausibility flags.
export const conflictKinds = ["visit", "person", "activity", "training"] as const;
export type ConflictKind = (typeof conflictKinds)[number];
export const conflictStatuses = ["open", "resolved"] as const;
export const conflictResolutions = ["theirs", "mine", "merged"] as const;
export type ConflictResolution = (typeof conflictResolutions)[number];
export const referralKinds = [
  "dibao",
  "temporary_assistance",
  "medical_assistance",
  "disability_subsidy",
  "guardianship",
  "elderly_subsidy",
  "other",
] as const;
export type ReferralKind = (typeof referralKinds)[number];
export const referralStatuses = ["open", "closed"] as const;
export const referralResults = ["granted", "refused", "withdrawn", "other"] as const;
export const transferStatuses = ["pending", "accepted", "declined"] as const;
export type TransferStatus = (typeof transferStatuses)[number];
export const visitFlagKinds = [
  "far_from_village",
  "too_fast",
  "clock_skew",
  "reused_photo",
  "burst",
] as const;
export type VisitFlagKind = (typeof visitFlagKinds)[number];
export const visitFlagStatuses = ["open", "answered", "resolved"] as const;
