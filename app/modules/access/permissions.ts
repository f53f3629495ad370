// What each role may do, as typed permission strings. Client-safe: the shell uses it to show only reachable areas.
// Scope (which rows) is decided separately, in the query: see ./scope.server.ts.
import type { Role } from "#db/schema/enums";

export const permissions = [
  "read:region",
  "import:regions",
  "read:facility",
  "write:facility",
  "read:coverage",
  "read:organization",
  "write:organization",
  "read:project",
  "write:project",
  "read:contract",
  "write:contract",
  "read:funding",
  "write:funding",
  "read:expenditure",
  "write:expenditure",
  "read:activity",
  "write:activity",
  "review:activity",
  /** Deleted activities stay listed, marked, for those who review deletions and the auditor. */
  "read:deleted_activity",
  "read:report",
  /** Submit a contract's month for sign-off (the organization's staff). */
  "submit:signoff",
  /** Approve, return or reopen a submitted month (planners of the contract's region). */
  "review:signoff",
  /** Record a contract's mid-term or final evaluation. */
  "write:evaluation",
  "read:person",
  "write:person",
  "reveal:person_id",
  "export:person_unmasked",
  "break_glass:person",
  /** Households (户): their members and relations; a household visit needs write:visit besides. */
  "read:household",
  "write:household",
  /** A person's phone numbers and address unmasked (PIPL: least privilege; everyone else sees them masked). */
  "unmask:person_contact",
  /** Children's files in the user's scope (PIPL: minors' data is sensitive); see scope.server.ts, seesChildFiles. */
  "open:child_file",
  /** The list of likely duplicate files; station staff only as their station's head (checked by the route). */
  "review:duplicates",
  "merge:person",
  "read:visit",
  "write:visit",
  "manage:visit_rules",
  /** The register of who works at stations and centres; masked contact and certificate numbers for readers. */
  "read:workforce",
  /** Station staff only as their station's head, organization staff only for their own employees (in the query). */
  "write:workforce",
  "write:training",
  /** Other workers' write conflicts in scope (ADR 014); station staff only as their station's head. */
  "read:others_conflicts",
  "read:reminder",
  "manage:reminders",
  /** A region's or station's group robot for reminders; planners inside their own region (reminders/robots.server.ts). */
  "manage:group_robots",
  "read:audit",
  "manage:users",
  /** Give an account the administrator role. */
  "grant:admin_role",
  /** File organizations, care projects and funding sources under regions the user manages (region-choices.server.ts). */
  "manage:region_register",
] as const;
export type Permission = (typeof permissions)[number];

const readEverything = permissions.filter((p) => p.startsWith("read:"));

/** Personal data the administrator runs the system without (PIPL: least privilege), though it may do everything else. */
const notForAdmin = new Set<Permission>(["unmask:person_contact", "open:child_file"]);

const byRole: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions.filter((p) => !notForAdmin.has(p))),
  planner: new Set<Permission>([
    ...readEverything.filter((p) => p !== "read:audit"),
    "import:regions",
    "write:facility",
    "write:organization",
    "write:project",
    "write:contract",
    "write:funding",
    "write:expenditure",
    "review:activity",
    "review:signoff",
    "write:evaluation",
    "write:person",
    "reveal:person_id",
    "export:person_unmasked",
    "break_glass:person",
    "unmask:person_contact",
    "open:child_file",
    "review:duplicates",
    "merge:person",
    "write:household",
    "write:visit",
    "manage:visit_rules",
    "write:workforce",
    "write:training",
    "manage:group_robots",
    "manage:region_register",
    // Accounts inside the planner's own region only (app/modules/users/scope.server.ts).
    "manage:users",
  ]),
  auditor: new Set<Permission>(readEverything),
  org_staff: new Set<Permission>([
    "read:region",
    "read:facility",
    "read:organization",
    "read:project",
    "read:contract",
    "read:expenditure",
    "write:expenditure",
    "read:activity",
    "write:activity",
    "read:report",
    "submit:signoff",
    "read:person",
    "read:workforce",
    "write:workforce",
    "read:household",
  ]),
  station_staff: new Set<Permission>([
    "read:region",
    "read:facility",
    "read:organization",
    "read:contract",
    "read:activity",
    "read:person",
    "write:person",
    "reveal:person_id",
    "break_glass:person",
    "unmask:person_contact",
    "open:child_file",
    "review:duplicates",
    "read:household",
    "write:household",
    "read:visit",
    "write:visit",
    "read:others_conflicts",
    "read:reminder",
    "read:workforce",
    "write:workforce",
  ]),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return byRole[role].has(permission);
}

/** What station staff hold only as their station's head. */
const stationHeadOnly = new Set<Permission>(["review:duplicates", "read:others_conflicts"]);

/** Whether this user (a role, and for station staff whether they head the station) holds the permission. */
export function holds(user: { role: Role; isStationHead: boolean }, permission: Permission): boolean {
  if (!roleHas(user.role, permission)) return false;
  return user.role !== "station_staff" || user.isStationHead || !stationHeadOnly.has(permission);
}

/** Roles that must sign in with a second factor (they see many people's files or run the system). */
export function requiresSecondFactor(role: Role): boolean {
  return role === "admin" || role === "planner";
}

/** Roles whose every request is read-only, whatever the route. */
export function isReadOnlyRole(role: Role): boolean {
  return role === "auditor";
}

/**
 * What a read-only role may still post: only what belongs to its own account — its password and second factor, its
 * interface language, which of its roles the session works as, its own notifications' read state, signing out.
 * Everything else (a calendar feed, which is a standing credential to visit data, and every write to the register)
 * is refused by the guard.
 */
const readOnlyRolePosts = new Set([
  "/account/act-as",
  "/account/password",
  "/account/two-factor",
  "/notifications",
  "/locale",
  "/logout",
]);

export function readOnlyRoleMayPost(path: string): boolean {
  return readOnlyRolePosts.has(path.toLowerCase().replace(/\.data$/, ""));
}
