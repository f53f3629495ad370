// Every namespace of one language in one module: the browser imports only the active language's (one chunk),
// the server imports all three through resources.server.ts. Chinese (zh-CN), the source texts every other language translates.
import about from "./about.json";
import activities from "./activities.json";
import admin from "./admin.json";
import audit from "./audit.json";
import auth from "./auth.json";
import budget from "./budget.json";
import common from "./common.json";
import conflicts from "./conflicts.json";
import contracts from "./contracts.json";
import coverage from "./coverage.json";
import duplicates from "./duplicates.json";
import facilities from "./facilities.json";
import field from "./field.json";
import funding from "./funding.json";
import home from "./home.json";
import households from "./households.json";
import imports from "./imports.json";
import map from "./map.json";
import organizations from "./organizations.json";
import people from "./people.json";
import peopleRegister from "./peopleRegister.json";
import projects from "./projects.json";
import reminders from "./reminders.json";
import reports from "./reports.json";
import signoff from "./signoff.json";
import visitList from "./visitList.json";
import visits from "./visits.json";
import visitTools from "./visitTools.json";
import workforce from "./workforce.json";

export default {
  about,
  activities,
  admin,
  audit,
  auth,
  budget,
  common,
  conflicts,
  contracts,
  coverage,
  duplicates,
  facilities,
  field,
  funding,
  home,
  households,
  imports,
  map,
  organizations,
  people,
  peopleRegister,
  projects,
  reminders,
  reports,
  signoff,
  visitList,
  visitTools,
  visits,
  workforce,
};
