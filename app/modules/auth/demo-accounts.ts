// The demo sign-ins. Shown on the sign-in page and in the README only while the database holds demo data.
import type { Role } from "#db/schema/users";

export const DEMO_PASSWORD = "demo12345";

export type DemoAccount = {
  email: string;
  name: string;
  role: Role;
  /** What the scope refers to, resolved by the seed: a region code, a seeded organization key, a facility code. */
  scope?: { regionCode?: string; organizationKey?: string; facilityCode?: string };
  isStationHead?: boolean;
  /** Further roles of the same account (role_assignments), e.g. the organization that runs the station. */
  alsoAs?: {
    role: "org_staff" | "station_staff";
    scope: { organizationKey?: string; facilityCode?: string };
  }[];
  showOnSignIn: boolean;
};

export const demoAccounts: DemoAccount[] = [
  { email: "admin@demo.local", name: "系统管理员", role: "admin", showOnSignIn: true },
  {
    email: "planner.bayi@demo.local",
    name: "巴宜区民政局 规划员",
    role: "planner",
    scope: { regionCode: "540402000000" },
    showOnSignIn: true,
  },
  {
    email: "planner.ngari@demo.local",
    name: "阿里地区民政局 规划员",
    role: "planner",
    scope: { regionCode: "542500000000" },
    showOnSignIn: true,
  },
  {
    email: "org.gar@demo.local",
    name: "噶尔县社区服务中心 工作人员",
    role: "org_staff",
    scope: { organizationKey: "gar-community-service" },
    showOnSignIn: true,
  },
  {
    email: "station.baiba@demo.local",
    name: "百巴镇社工站 社工",
    role: "station_staff",
    scope: { facilityCode: "540402101000-SW01" },
    showOnSignIn: true,
  },
  {
    email: "auditor@demo.local",
    name: "阿里地区 审计员",
    role: "auditor",
    scope: { regionCode: "542500000000" },
    showOnSignIn: true,
  },
  {
    email: "worker.gar@demo.local",
    name: "噶尔县社区服务中心 驻站社工",
    role: "station_staff",
    scope: { facilityCode: "542523100000-SW01" },
    alsoAs: [{ role: "org_staff", scope: { organizationKey: "gar-community-service" } }],
    showOnSignIn: false,
  },
];
