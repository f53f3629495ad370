// Every area of the product, who may reach it, and where it sits in the navigation.
import type { Role } from "#db/schema/enums";
import { type Permission, roleHas } from "~/modules/access/permissions";

/** `permission`: null for everyone; a list when any one of them opens the area. */
export type NavItem = {
  to: string;
  key: string;
  permission: Permission | readonly Permission[] | null;
  group: string;
};

const navItems: NavItem[] = [
  { to: "/", key: "home", permission: null, group: "main" },
  { to: "/map", key: "map", permission: "read:facility", group: "network" },
  { to: "/facilities", key: "facilities", permission: "read:facility", group: "network" },
  { to: "/coverage", key: "coverage", permission: "read:coverage", group: "network" },
  // Shown to the roles that keep the register; readers (auditors) reach it from the facility pages.
  { to: "/workforce", key: "workforce", permission: "write:workforce", group: "network" },
  { to: "/organizations", key: "organizations", permission: "read:organization", group: "contracts" },
  { to: "/projects", key: "projects", permission: "read:project", group: "contracts" },
  { to: "/contracts", key: "contracts", permission: "read:contract", group: "contracts" },
  { to: "/funding", key: "funding", permission: "read:funding", group: "contracts" },
  { to: "/budget", key: "budget", permission: "read:funding", group: "contracts" },
  // Organizations submit their months, planners review them; the page itself only needs read:contract.
  { to: "/signoff", key: "signoff", permission: ["submit:signoff", "review:signoff"], group: "contracts" },
  { to: "/activities", key: "activities", permission: "read:activity", group: "services" },
  { to: "/reports", key: "reports", permission: "read:report", group: "services" },
  { to: "/people", key: "people", permission: "read:person", group: "care" },
  { to: "/households", key: "households", permission: "read:household", group: "care" },
  { to: "/visits", key: "visits", permission: "read:visit", group: "care" },
  // Anyone may have sent a write that met a newer row (ADR 014); the list is scoped in its query.
  { to: "/conflicts", key: "conflicts", permission: null, group: "care" },
  { to: "/access/emergency", key: "emergency", permission: "break_glass:person", group: "care" },
  { to: "/admin/reminders", key: "reminders", permission: "manage:reminders", group: "system" },
  { to: "/admin/robots", key: "robots", permission: "manage:group_robots", group: "system" },
  { to: "/audit", key: "audit", permission: "read:audit", group: "system" },
  { to: "/admin/users", key: "users", permission: "manage:users", group: "system" },
];

/** The areas any of the account's roles may reach (each page then acts in the role that grants it). */
export function navFor(roles: readonly Role[]): NavItem[] {
  return navItems.filter((item) => {
    if (item.permission === null) return true;
    const any = typeof item.permission === "string" ? [item.permission] : item.permission;
    return roles.some((role) => any.some((p) => roleHas(role, p)));
  });
}

/**
 * The navigation of an account whose first role is the one it works as: that role's areas, and apart the areas only
 * its other roles reach (still open to it: switching roles changes no permission).
 */
export function navOf(roles: readonly Role[]): { own: NavItem[]; others: NavItem[] } {
  const own = navFor(roles.slice(0, 1));
  return { own, others: navFor(roles).filter((item) => !own.includes(item)) };
}

/** A link of the shell's navigation: where, its label's key, its group (which permission opens it stays on the server). */
export type NavLink = Pick<NavItem, "to" | "key" | "group">;

/**
 * navOf as the shell draws it, computed by the root loader: the permission matrix is then not part of every page's
 * first JavaScript (about 2 KiB gzip of the field pages' 120 KiB budget, issue 13).
 */
export function navLinksOf(roles: readonly Role[]): { own: NavLink[]; others: NavLink[] } {
  const { own, others } = navOf(roles);
  const link = ({ to, key, group }: NavItem): NavLink => ({ to, key, group });
  return { own: own.map(link), others: others.map(link) };
}
