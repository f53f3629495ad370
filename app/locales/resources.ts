// Every translation namespace, bundled (they are small) so neither server nor browser fetches them.
// A module adds its strings to its own namespace file; add a new namespace here once.
import enActivities from "./en/activities.json";
import enAdmin from "./en/admin.json";
import enAudit from "./en/audit.json";
import enAuth from "./en/auth.json";
import enBudget from "./en/budget.json";
import enCommon from "./en/common.json";
import enContracts from "./en/contracts.json";
import enCoverage from "./en/coverage.json";
import enFacilities from "./en/facilities.json";
import enFunding from "./en/funding.json";
import enHome from "./en/home.json";
import enImports from "./en/imports.json";
import enMap from "./en/map.json";
import enOrganizations from "./en/organizations.json";
import enPeople from "./en/people.json";
import enProjects from "./en/projects.json";
import enReminders from "./en/reminders.json";
import enReports from "./en/reports.json";
import enVisits from "./en/visits.json";
import zhActivities from "./zh-CN/activities.json";
import zhAdmin from "./zh-CN/admin.json";
import zhAudit from "./zh-CN/audit.json";
import zhAuth from "./zh-CN/auth.json";
import zhBudget from "./zh-CN/budget.json";
import zhCommon from "./zh-CN/common.json";
import zhContracts from "./zh-CN/contracts.json";
import zhCoverage from "./zh-CN/coverage.json";
import zhFacilities from "./zh-CN/facilities.json";
import zhFunding from "./zh-CN/funding.json";
import zhHome from "./zh-CN/home.json";
import zhImports from "./zh-CN/imports.json";
import zhMap from "./zh-CN/map.json";
import zhOrganizations from "./zh-CN/organizations.json";
import zhPeople from "./zh-CN/people.json";
import zhProjects from "./zh-CN/projects.json";
import zhReminders from "./zh-CN/reminders.json";
import zhReports from "./zh-CN/reports.json";
import zhVisits from "./zh-CN/visits.json";

export const resources = {
  "zh-CN": {
    activities: zhActivities,
    admin: zhAdmin,
    audit: zhAudit,
    auth: zhAuth,
    budget: zhBudget,
    common: zhCommon,
    contracts: zhContracts,
    coverage: zhCoverage,
    facilities: zhFacilities,
    funding: zhFunding,
    home: zhHome,
    imports: zhImports,
    map: zhMap,
    organizations: zhOrganizations,
    people: zhPeople,
    projects: zhProjects,
    reminders: zhReminders,
    reports: zhReports,
    visits: zhVisits,
  },
  en: {
    activities: enActivities,
    admin: enAdmin,
    audit: enAudit,
    auth: enAuth,
    budget: enBudget,
    common: enCommon,
    contracts: enContracts,
    coverage: enCoverage,
    facilities: enFacilities,
    funding: enFunding,
    home: enHome,
    imports: enImports,
    map: enMap,
    organizations: enOrganizations,
    people: enPeople,
    projects: enProjects,
    reminders: enReminders,
    reports: enReports,
    visits: enVisits,
  },
} as const;

export const namespaces = Object.keys(resources["zh-CN"]) as (keyof (typeof resources)["zh-CN"])[];
