// The signed-in user as every loader and action sees it, with the scope the permission guard enforces.
import type { Locale, Role } from "#db/schema/enums";

export type Scope =
  | { kind: "all" }
  /** A region and everything below it; `codePrefix` is the significant part of its 12-digit code. */
  | {
      kind: "region";
      regionId: number;
      regionCode: string;
      regionName: string;
      /** The region's Tibetan name where known, shown beside the Chinese one in the Tibetan interface. */
      regionNameBo?: string | null;
      codePrefix: string;
    }
  | { kind: "organization"; organizationId: number; organizationName: string }
  | { kind: "station"; facilityId: number; facilityName: string; townshipId: number; townshipCode: string };

/** One role an account holds, with its own scope; an account has one or more (the first is the primary). */
export type Assignment = {
  role: Role;
  scope: Scope;
  isStationHead: boolean;
  /** The account's own role (users.role), whichever it works as. */
  primary?: boolean;
};

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  isStationHead: boolean;
  scope: Scope;
  /**
   * Every role the account holds, the one it works as (role, scope above) first: the primary, unless the session
   * chose another with the header's switch (SessionData.actingAs). Permissions are those of all of them.
   */
  assignments?: Assignment[];
  sessionId: string;
  /** Steps the session must complete first (second-factor enrollment, a forced password change). */
  pending: ("enroll_totp" | "change_password")[];
  totpEnabled: boolean;
  /** People whose files an emergency grant opens for this session (audited, time-limited). */
  glassPersonIds: number[];
  /** Unread in-app notifications when the request resolved the user (read with the session, for the bell). */
  unreadNotifications?: number;
};

/** Names one of an account's assignments in the session ("org_staff:12": the role and its scope's id). */
export function assignmentKey({ role, scope }: Pick<Assignment, "role" | "scope">): string {
  const id =
    scope.kind === "all"
      ? "all"
      : scope.kind === "region"
        ? scope.regionId
        : scope.kind === "organization"
          ? scope.organizationId
          : scope.facilityId;
  return `${role}:${id}`;
}

/** The name of a scope as the header shows it; null for everything (the caller says "全部地区"). */
export function scopeLabel(scope: Scope): string | null {
  switch (scope.kind) {
    case "all":
      return null;
    case "region":
      return scope.regionName;
    case "organization":
      return scope.organizationName;
    case "station":
      return scope.facilityName;
  }
}

/** One role an account may work as, offered by the header's switch. */
export type RoleChoice = { key: string; role: Role; scopeName: string | null };

/** What the browser gets to know about the signed-in user: enough for the shell, never the session id or grants. */
export type ShellUser = Pick<SessionUser, "id" | "name" | "email" | "role"> & {
  /** Every role the account holds, the one it works as first (the navigation leads with that role's areas). */
  roles: Role[];
  /** The assignments to choose from, when the account holds more than one; the first is the one worked as. */
  choices: RoleChoice[];
};

export const shellUserOf = ({ id, name, email, role, scope, assignments = [] }: SessionUser): ShellUser => {
  const all = assignments.length ? assignments : [{ role, scope, isStationHead: false }];
  return {
    id,
    name,
    email,
    role,
    roles: [...new Set([role, ...all.map((a) => a.role)])],
    choices:
      all.length > 1
        ? all.map((a) => ({ key: assignmentKey(a), role: a.role, scopeName: scopeLabel(a.scope) }))
        : [],
  };
};
