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
export type Assignment = { role: Role; scope: Scope; isStationHead: boolean };

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  isStationHead: boolean;
  scope: Scope;
  /** Every role the account holds, the primary (role, scope above) first. */
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

/** What the browser gets to know about the signed-in user: enough for the shell, never the session id or grants. */
export type ShellUser = Pick<SessionUser, "id" | "name" | "email" | "role"> & {
  /** Every role the account holds (the navigation offers what any of them may reach). */
  roles: Role[];
};

export const shellUserOf = ({ id, name, email, role, assignments = [] }: SessionUser): ShellUser => ({
  id,
  name,
  email,
  role,
  roles: [...new Set([role, ...assignments.map((a) => a.role)])],
});
