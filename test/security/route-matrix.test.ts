// The authorization matrix: every route module Remix builds (not a hand list) × every role × an object in and out of
// the role's scope, for loaders (GET) and actions (POST). A route without a row here fails the test by name.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";
import {
  type Fixtures,
  findFixtures,
  type ManifestRoute,
  type ObjectKind,
  objectKindOf,
  pool,
  type RoleKey,
  roleAccounts,
  roleKeys,
  routeManifest,
  signInAll,
} from "./support";

/**
 * Outcomes: ok = 2xx or a redirect that is not to /login; login = redirect to /login; 400 = refused as invalid
 * (for POST probes: the request got past authorization and failed validation); 401, 403, 404 as sent.
 * "a/b" = outcome on the Bayi-side object / on the Ngari-side object; "-" = no such object in the demo.
 * Role order (one token each):
 *   anon admin plannerBayi plannerNgari orgBayi orgGar stationBaiba stationGar auditor
 * plannerBayi, orgBayi (巴宜启航) and stationBaiba own the Bayi-side object; plannerNgari, orgGar, stationGar
 * (狮泉河镇 station, Gar County) and the auditor (Ngari) the Ngari-side one.
 */
type Rule = {
  object?: ObjectKind;
  /** Appended to the path, e.g. "?year=2023". */
  query?: string;
  get: string;
  /** Required when the route has an action. */
  post?: string;
  /** The probe body for POST (default: empty form); a function for a fresh body (idempotency key) each time. */
  body?: Record<string, string> | (() => Record<string, string>);
  /** The POST ends the session (sign-out): sign in afresh for it. */
  freshSession?: boolean;
};

const OUT_FILE = process.env.MATRIX_OBSERVED_FILE;

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

const matrix: Record<string, Rule> = {
  // /*
  "routes/$": {
    get: "login 404 404 404 404 404 404 404 404",
  },
  // /
  "routes/_index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /access/emergency
  "routes/access.emergency": {
    get: "login ok ok ok 403 403 ok ok 403",
    post: "login ok ok ok 403 403 ok ok 403",
  },
  // /about
  "routes/about": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /account
  "routes/account._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /account/act-as (an account with one role has nothing to switch to: its own role's key is all it may post)
  "routes/account.act-as": {
    get: "ok ok ok ok ok ok ok ok ok",
    post: "login 400 400 400 400 400 400 400 400",
  },
  // /account/password
  "routes/account.password": {
    get: "login ok ok ok ok ok ok ok ok",
    post: "login ok ok ok ok ok ok ok ok",
  },
  // /account/two-factor
  "routes/account.two-factor": {
    get: "login ok ok ok ok ok ok ok ok",
    post: "login ok ok ok ok ok ok ok ok",
  },
  // /activities/:id
  "routes/activities.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    body: { intent: "flag", comment: "route matrix probe" },
  },
  // /activities/:id/edit
  "routes/activities.$id_.edit": {
    get: "login/login ok/ok 403/403 403/403 ok/404 404/ok 403/403 403/403 403/403",
    post: "login/login ok/ok 403/403 403/403 ok/404 404/ok 403/403 403/403 403/403",
  },
  // /activities/:id/photos/:photoId
  "routes/activities.$id_.photos.$photoId": {
    get: "login/login 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404",
  },
  // /activities
  "routes/activities._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /activities/calendar
  "routes/activities.calendar": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /activities/export.csv
  "routes/activities.export[.csv]": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /activities/new
  "routes/activities.new": {
    get: "login ok 403 403 ok ok 403 403 403",
    post: "login ok 403 403 ok ok 403 403 403",
  },
  // /activities/people-search
  "routes/activities.people-search": {
    get: "login ok 403 403 ok ok 403 403 403",
  },
  // /admin/reminders
  "routes/admin.reminders": {
    get: "login ok 403 403 403 403 403 403 403",
    post: "login ok 403 403 403 403 403 403 403",
    body: { intent: "retry-all" },
  },
  // /admin/robots: planners set the robots inside their own region (a save without fields is answered with its errors)
  "routes/admin.robots": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
    body: { intent: "save" },
  },
  // /admin/users/:id
  "routes/admin.users.$id": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
  },
  // /admin/users (planners: the accounts of their own region)
  "routes/admin.users._index": {
    get: "login ok ok ok 403 403 403 403 403",
  },
  // /admin/users/new
  "routes/admin.users.new": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /api/coverage
  "routes/api.coverage": {
    get: "401 ok ok ok 403 403 403 403 ok",
  },
  // /api/facilities/:id/card
  "routes/api.facilities.$id.card": {
    get: "401/401 ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
  },
  // /api/facilities/points
  "routes/api.facilities.points": {
    get: "401 ok ok ok ok ok ok ok ok",
  },
  // /api/facilities.geojson
  "routes/api.facilities[.]geojson": {
    get: "401 ok ok ok ok ok ok ok ok",
  },
  // /api/import/regions
  "routes/api.import.regions": {
    get: "405 405 405 405 405 405 405 405 405",
    post: "401 400 400 400 403 403 403 403 403",
  },
  // /api/visits.ics
  "routes/api.visits[.]ics": {
    get: "404 404 404 404 404 404 404 404 404",
  },
  // /audit
  "routes/audit": {
    get: "login ok 403 403 403 403 403 403 ok",
  },
  // /audit.csv
  "routes/audit[.]csv": {
    get: "login ok 403 403 403 403 403 403 ok",
  },
  // /budget
  "routes/budget._index": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /budget/export
  "routes/budget.export": {
    get: "login ok ok ok 403 403 403 403 ok",
    query: "?format=csv&year=2023",
  },
  // /conflicts: everyone may have sent a write that met a newer row; the list is scoped in its query.
  "routes/conflicts._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /conflicts/:id — the demo's conflict was sent by station.baiba about a Baiba person (none on the Ngari side).
  "routes/conflicts.$id": {
    get: "login ok ok 404 404 404 ok 404 404",
    post: "login 400 400 400 400 400 400 400 403",
  },
  // /contracts/:id
  "routes/contracts.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    // No reason: refused with a message, the contract stays open.
    body: { intent: "terminate" },
  },
  // /contracts/:id/edit
  "routes/contracts.$id_.edit": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
  },
  // /contracts/:id/evaluate
  "routes/contracts.$id_.evaluate": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
  },
  // /contracts/:id/months
  "routes/contracts.$id_.months": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
    // A planner's decision: the organization and the station may see the contract but not decide (403).
    post: "login/login ok/ok ok/404 404/ok 403/404 404/403 403/404 404/403 403/403",
    body: { intent: "approve", month: "2000-01" },
  },
  // /contracts/:id/expenditures
  "routes/contracts.$id_.expenditures": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok 403/403 403/403 404/ok",
    post: "login/login ok/ok ok/404 404/ok ok/404 404/ok 403/403 403/403 403/403",
  },
  // /contracts
  "routes/contracts._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /contracts/new
  "routes/contracts.new": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /coverage
  "routes/coverage": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /coverage/export
  "routes/coverage.export": {
    get: "login ok ok ok 403 403 403 403 ok",
    query: "?table=townships",
  },
  // /facilities/:id
  "routes/facilities.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    // No status chosen: refused with a message, the facility keeps its status.
    body: { intent: "status" },
  },
  // /facilities/:id/edit
  "routes/facilities.$id_.edit": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login ok/ok ok/ok ok/ok 403/403 403/403 403/403 403/403 403/403",
  },
  // /facilities
  "routes/facilities._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /facilities/export
  "routes/facilities.export": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /facilities/new
  "routes/facilities.new": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /field — the field app: a shell every signed-in user may open; its data is on the device
  "routes/field._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /field/pack — the taken-offline pack: station staff only
  "routes/field.pack": {
    get: "login 403 403 403 403 403 ok ok 403",
  },
  // /funding/:id
  "routes/funding.$id": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 404/ok",
  },
  // /funding/:id/edit
  "routes/funding.$id_.edit": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
  },
  // /funding
  "routes/funding._index": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /funding/allocate
  "routes/funding.allocate": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /funding/new
  "routes/funding.new": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /households
  "routes/households._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /households/:id — a Baiba household (orgBayi runs Baiba's station) and a Shiquanhe one (orgGar's)
  "routes/households.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
    post: "login/login 400/400 400/404 404/400 403/403 403/403 400/404 404/400 403/403",
    body: () => ({ intent: "remove_member", personId: "2147483000", _key: randomUUID() }),
  },
  // /households/:id/visit — recording visits needs write:visit; a visit of no member is refused (200 with the error) in scope
  "routes/households_.$id.visit": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 ok/404 404/ok 403/403",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 ok/404 404/ok 403/403",
    body: () => ({
      visitedOn: new Date().toISOString().slice(0, 10),
      "members[0].visitId": "2147483000",
      "members[0].outcome": "visited",
      _key: randomUUID(),
    }),
  },
  // /households/new — founded from a person's file; without one the page says so
  "routes/households.new": {
    get: "login ok ok ok 403 403 ok ok 403",
    post: "login ok ok ok 403 403 ok ok 403",
  },
  // /locale
  "routes/locale": {
    get: "ok ok ok ok ok ok ok ok ok",
    post: "400 400 400 400 400 400 400 400 400",
  },
  // /login
  "routes/login": {
    get: "ok ok ok ok ok ok ok ok ok",
    post: "ok ok ok ok ok ok ok ok ok",
  },
  // /login/verify
  "routes/login_.verify": {
    get: "login login login login login login login login login",
    post: "login login login login login login login login login",
  },
  // /logout
  "routes/logout": {
    get: "ok ok ok ok ok ok ok ok ok",
    post: "login login login login login login login login login",
    freshSession: true,
  },
  // /map
  "routes/map": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /notifications
  "routes/notifications": {
    get: "login ok ok ok ok ok ok ok ok",
    post: "login ok ok ok ok ok ok ok ok",
  },
  // /notifications/:id
  "routes/notifications_.$id": {
    get: "login/login 404/404 404/404 404/404 404/404 404/404 ok/404 404/ok 404/404",
  },
  // /organizations/:id
  "routes/organizations.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
  },
  // /organizations/:id/edit
  "routes/organizations.$id_.edit": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
  },
  // /organizations
  "routes/organizations._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /organizations/new
  "routes/organizations.new": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /people/:id
  "routes/people.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 ok/404 404/ok 403/403",
    body: { intent: "reveal", reason: "权限矩阵核对 route matrix check" },
  },
  // /people
  "routes/people._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /people/duplicates — planners and administrators; station staff only as their station's head (none here)
  "routes/people.duplicates": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login 400 400 400 403 403 403 403 403",
  },
  // /people/export (a post asks, with a reason, for what the role may have in full: station staff get phones and
  // addresses, planners also ID numbers; organization staff and the auditor nothing)
  "routes/people.export": {
    get: "login ok ok ok ok ok ok ok ok",
    post: "login ok ok ok 403 403 ok ok 403",
    body: { unmasked: "1", reason: "route matrix check" },
  },
  // /people/import
  "routes/people.import": {
    get: "login ok ok ok 403 403 ok ok 403",
    post: "login 400 400 400 403 403 400 400 403",
  },
  // /people/import-template.csv
  "routes/people.import-template[.csv]": {
    get: "login ok ok ok 403 403 ok ok 403",
  },
  // /people/new
  "routes/people.new": {
    get: "login ok ok ok 403 403 ok ok 403",
    post: "login ok ok ok 403 403 ok ok 403",
  },
  // /people/:id/edit
  "routes/people_.$id.edit": {
    get: "login/login 403/403 ok/404 404/ok 403/403 403/403 ok/404 404/ok 403/403",
    post: "login/login ok/ok ok/ok ok/ok 403/403 403/403 ok/ok ok/ok 403/403",
  },
  // /projects/:id
  "routes/projects.$id": {
    get: "login/login ok/ok ok/404 404/ok 404/404 404/404 403/403 403/403 404/ok",
  },
  // /projects/:id/edit
  "routes/projects.$id_.edit": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
  },
  // /projects
  "routes/projects._index": {
    get: "login ok ok ok ok ok 403 403 ok",
  },
  // /projects/new
  "routes/projects.new": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /regions/import
  "routes/regions.import": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login 400 400 400 403 403 403 403 403",
  },
  // /regions/villages
  "routes/regions.villages": {
    query: "?q=%E6%9D%91",
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /reports
  "routes/reports._index": {
    get: "login ok ok ok ok ok 403 403 ok",
  },
  // /reports/contract
  "routes/reports.contract": {
    get: "login ok ok ok ok ok 403 403 ok",
  },
  // /reports/contracts/:id
  "routes/reports.contracts.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok 403/403 403/403 404/ok",
  },
  // /reports/contracts/:id.xlsx
  "routes/reports.contracts.$id[.xlsx]": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok 403/403 403/403 404/ok",
  },
  // /reports/rows
  "routes/reports.rows": {
    get: "login ok ok ok 403 403 403 403 ok",
    query: "?figure=people&year=2023",
  },
  // /reports/upward
  "routes/reports.upward": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /reports/upward.csv
  "routes/reports.upward[.csv]": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /reports/upward.xlsx
  "routes/reports.upward[.xlsx]": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /reports/year-in-review
  "routes/reports.year-in-review": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /reports/year-on-year
  "routes/reports.year-on-year": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /reports/year-in-review.xlsx
  "routes/reports.year-in-review[.xlsx]": {
    get: "login ok ok ok 403 403 403 403 ok",
  },
  // /settings/calendar
  "routes/settings.calendar": {
    get: "login ok ok ok 403 403 ok ok ok",
    // The auditor reads but may not create a feed, a standing credential to visit data (access/permissions.ts).
    post: "login ok ok ok 403 403 ok ok 403",
    body: { intent: "enable" },
  },
  // /signoff
  "routes/signoff._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /uploads/* (resumable photo uploads, tus): no such upload is a 404 past the guard; an upload client gets 401, not
  // the sign-in page
  "routes/uploads.$": {
    get: "401 404 404 404 404 404 404 404 403",
    post: "401 404 404 404 404 404 404 404 403",
  },
  // /visits/:id
  "routes/visits.$id": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 ok/404 404/ok 404/ok",
    post: "login/login ok/ok ok/404 404/ok 403/403 403/403 ok/404 404/ok 403/403",
    body: () => ({ intent: "reschedule", dueOn: inAWeek(), reason: "route matrix", _key: randomUUID() }),
  },
  // /visits/:id/photos/:photoId (no such photo: 404 past the guard; organization staff have no read:visit)
  "routes/visits.$id_.photos.$photoId": {
    get: "login/login 404/404 404/404 404/404 403/403 403/403 404/404 404/404 404/404",
  },
  // /visits
  "routes/visits._index": {
    get: "login ok ok ok 403 403 ok ok ok",
  },
  // /visits/bulk
  "routes/visits.bulk": {
    get: "login ok ok ok 403 403 ok ok 403",
    post: "login ok ok ok 403 403 ok ok 403",
  },
  // /visits/rules
  "routes/visits.rules": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
    // No subject or interval: refused with a message, no rule changes.
    body: { intent: "save" },
  },
  // /visits/stats
  "routes/visits.stats": {
    get: "login ok ok ok 403 403 ok ok ok",
  },
  // /visits/flags: empty posts name no intent (400) once past the guard.
  "routes/visits.flags": {
    get: "login ok ok ok 403 403 ok ok ok",
    post: "login 400 400 400 403 403 400 400 403",
  },
  // /visits/transfers
  "routes/visits.transfers": {
    get: "login ok ok ok 403 403 ok ok ok",
    post: "login 400 400 400 403 403 400 400 403",
  },
  // /workforce/:id — the worker follows the facility's scope; an auditor reads but never posts.
  "routes/workforce.$id": {
    get: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 404/ok",
    post: "login/login ok/ok ok/404 404/ok ok/404 404/ok ok/404 404/ok 403/403",
    // No date: refused with a message, the employment stays.
    body: { intent: "end" },
  },
  // /workforce
  "routes/workforce._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /workforce/new — who keeps a register may open it; the module decides which facilities (none for non-heads).
  "routes/workforce.new": {
    get: "login ok ok ok ok ok ok ok 403",
    post: "login ok ok ok ok ok ok ok 403",
  },
  // /workforce/trainings
  "routes/workforce.trainings._index": {
    get: "login ok ok ok ok ok ok ok ok",
  },
  // /workforce/trainings/new
  "routes/workforce.trainings.new": {
    get: "login ok ok ok 403 403 403 403 403",
    post: "login ok ok ok 403 403 403 403 403",
  },
  // /workforce/trainings/:id/edit — planners of the training's region (and admins) edit or delete it; an empty post
  // names no intent (400) once past the guard and the scope.
  "routes/workforce.trainings.$id_.edit": {
    get: "login/login ok/ok ok/404 404/ok 403/403 403/403 403/403 403/403 403/403",
    post: "login/login 400/400 400/404 404/400 403/403 403/403 403/403 403/403 403/403",
  },
};

type Outcome = string;

async function classify(res: Response): Promise<Outcome> {
  const text = await res.text();
  // Single fetch (.data) answers a redirect with 202 and the target in the body.
  const dataRedirect =
    res.status === 202 && res.url.includes(".data") ? /"redirect","([^"]*)"/.exec(text)?.[1] : undefined;
  if ((res.status >= 300 && res.status < 400) || dataRedirect !== undefined) {
    const location = dataRedirect ?? res.headers.get("location") ?? "";
    return /^(https?:\/\/[^/]+)?\/login(\?|$)/.test(location) ? "login" : "ok";
  }
  if (res.status >= 200 && res.status < 300) {
    // single fetch: a redirect thrown in a .data request is a 202 with the target in the body; not used here.
    return "ok";
  }
  return String(res.status);
}

/** The single-fetch URL of a route's action. */
function dataUrl(url: string): string {
  const [p, q] = url.split("?");
  return `${p === "/" ? "/_root" : p}.data${q ? `?${q}` : ""}`;
}

function tokens(spec: string): string[] {
  const t = spec.trim().split(/\s+/);
  if (t.length !== roleKeys.length) throw new Error(`Expected ${roleKeys.length} tokens in "${spec}"`);
  return t;
}

/**
 * An account holding two roles (station staff of 狮泉河镇's station, primary, and organization staff of 噶尔县社区服务中心,
 * which runs it) answers as its primary role does, except where that role is refused: there it acts in the other.
 */
const combined = {
  workerGar: { email: "worker.gar@demo.local", primary: "stationGar", also: "orgGar" },
} as const;
type MatrixRole = RoleKey | keyof typeof combined;

function expectedFor(spec: string, role: MatrixRole, side: 0 | 1): string {
  if (role in combined) {
    const { primary, also } = combined[role as keyof typeof combined];
    const first = expectedFor(spec, primary, side);
    return first === "403" ? expectedFor(spec, also, side) : first;
  }
  const token = tokens(spec)[roleKeys.indexOf(role as RoleKey)];
  const parts = token.split("/");
  return parts.length === 2 ? parts[side] : token;
}

function urlFor(
  route: ManifestRoute,
  rule: Rule | undefined,
  fixtures: Fixtures,
  side: 0 | 1,
): string | null {
  let url = route.pattern;
  if (url.includes(":id")) {
    const kind = rule?.object ?? objectKindOf(route.pattern);
    if (!kind) return null;
    const id = fixtures[kind][side];
    if (id == null) return null;
    url = url.replace(":id", String(id));
  }
  url = url.replace(":photoId", "999999").replace("*", "no-such-page");
  return url + (rule?.query ?? "");
}

describe("route authorization matrix", () => {
  let app: AppServer;
  let pg: postgres.Sql;
  let clients: Record<MatrixRole, HttpClient>;
  let fixtures: Fixtures;
  let routes: ManifestRoute[];

  beforeAll(async () => {
    app = await startAppServer({ database: "demo" });
    pg = postgres(app.databaseUrl!, { max: 2, onnotice: () => {} });
    routes = routeManifest();
    const worker = new HttpClient(app.baseUrl);
    const [signedIn, found] = await Promise.all([
      signInAll(app.baseUrl),
      findFixtures(pg),
      worker.signIn(combined.workerGar.email),
    ]);
    clients = { ...signedIn, workerGar: worker };
    fixtures = found;
  });
  afterAll(async () => {
    await pg?.end();
    await app?.stop();
  });

  it("has a row for every route module in the manifest, and no row for a route that is gone", () => {
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes.filter((r) => !matrix[r.id]).map((r) => `${r.id} (${r.pattern})`);
    const noPost = routes.filter((r) => r.hasAction && matrix[r.id] && !matrix[r.id].post).map((r) => r.id);
    const stale = Object.keys(matrix).filter((id) => !routes.some((r) => r.id === id));
    expect(
      missing,
      `Routes with no row in the authorization matrix (test/security/route-matrix.test.ts): ${missing.join(", ")}`,
    ).toEqual([]);
    expect(noPost, `Routes with an action but no POST expectations: ${noPost.join(", ")}`).toEqual([]);
    expect(stale, `Matrix rows for routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  it("answers every route, role and object as the matrix says (loaders and actions)", async () => {
    type Check = { route: ManifestRoute; role: MatrixRole; side: 0 | 1; method: "GET" | "POST"; url: string };
    const checks: Check[] = [];
    for (const route of routes) {
      const rule = matrix[route.id];
      for (const side of [0, 1] as const) {
        if (side === 1 && !route.pattern.includes(":id")) continue;
        const url = urlFor(route, rule, fixtures, side);
        if (!url) continue;
        for (const role of [...roleKeys, ...(Object.keys(combined) as MatrixRole[])]) {
          if (route.hasLoader) checks.push({ route, role, side, method: "GET", url });
          if (route.hasAction) checks.push({ route, role, side, method: "POST", url });
        }
      }
    }
    // Pages and data a signed-in user fetched that a browser or proxy could keep: personal data must not be.
    const cacheable: string[] = [];
    const observed = await pool(checks, 4, async (c) => {
      const rule = matrix[c.route.id];
      let client = clients[c.role];
      if (c.method === "POST" && rule?.freshSession && c.role !== "anon") {
        client = new HttpClient(app.baseUrl);
        await client.signIn(c.role in combined ? combined.workerGar.email : roleAccounts[c.role as RoleKey]!);
      }
      const body = typeof rule?.body === "function" ? rule.body() : (rule?.body ?? {});
      // why: a document POST also runs the page's loaders, whose 404 would hide what the action did; the
      // .data request runs the action alone.
      const res =
        c.method === "GET"
          ? await client.get(c.url)
          : await client.post(c.route.hasComponent ? dataUrl(c.url) : c.url, body);
      if (
        c.method === "GET" &&
        c.role !== "anon" &&
        res.ok &&
        !/\bno-store\b/.test(res.headers.get("cache-control") ?? "")
      )
        cacheable.push(`${c.url} as ${c.role}: Cache-Control ${res.headers.get("cache-control")}`);
      return classify(res);
    });

    if (OUT_FILE) {
      const lines: string[] = [];
      const byRoute = new Map<string, Map<string, string[]>>();
      checks.forEach((c, i) => {
        if (c.role in combined) return;
        const key = c.method;
        const perRoute = byRoute.get(c.route.id) ?? new Map<string, string[]>();
        byRoute.set(c.route.id, perRoute);
        const arr = perRoute.get(key) ?? roleKeys.map(() => "");
        const idx = roleKeys.indexOf(c.role as RoleKey);
        arr[idx] = arr[idx] ? `${arr[idx]}/${observed[i]}` : observed[i];
        perRoute.set(key, arr);
      });
      for (const [id, perRoute] of byRoute) {
        const route = routes.find((r) => r.id === id)!;
        lines.push(`  "${id}": { // ${route.pattern}`);
        for (const [m, arr] of perRoute)
          lines.push(`    ${m === "GET" ? "get" : "post"}: "${arr.join(" ")}",`);
        lines.push("  },");
      }
      fs.writeFileSync(path.resolve(OUT_FILE), lines.join("\n"));
    }

    const mismatches: string[] = [];
    checks.forEach((c, i) => {
      const rule = matrix[c.route.id];
      if (!rule) return;
      const spec = c.method === "GET" ? rule.get : rule.post;
      if (!spec) return;
      let want = expectedFor(spec, c.role, c.side);
      // The combined account is a user of its own: another user's notification is not found for it.
      if (
        c.role in combined &&
        (rule.object ?? objectKindOf(c.route.pattern)) === "notification" &&
        want === "ok"
      )
        want = "404";
      if (want === "-") return;
      if (observed[i] !== want)
        mismatches.push(`${c.method} ${c.url} as ${c.role}: expected ${want}, got ${observed[i]}`);
    });
    expect(
      mismatches,
      `${mismatches.length} of ${checks.length} checks differ:\n${mismatches.join("\n")}`,
    ).toEqual([]);
    expect(cacheable, "signed-in answers without Cache-Control: no-store").toEqual([]);
    // why: about 1,700 requests; 25 s on a quiet machine, minutes when the machine's two cores are shared.
  }, 400_000);

  describe("field-level masking", () => {
    type Person = { id: number; full_name: string; phone: string; address: string; id_number_masked: string };
    let person: Person;
    let fullId: string;
    const digits = (v: string) => v.replace(/\s/g, "");

    beforeAll(async () => {
      // The Ngari-side person: in scope of plannerNgari, orgGar (its contract's area), stationGar and the auditor.
      [person] = await pg<Person[]>`
        select id, full_name, phone, address, id_number_masked from people where id = ${fixtures.person[1]}`;
    });

    it("reveals the full ID number only to a role that needs it, with a reason, and audits the reveal", async () => {
      const before = await pg`select count(*)::int as n from audit_log where action = 'person.reveal_id'`;
      const res = await clients.stationGar.post(`/people/${person.id}.data`, {
        intent: "reveal",
        reason: "核对身份办理救助 masking test",
      });
      expect(res.status).toBe(200);
      fullId = /"revealed","(\d{17}[\dX])"/.exec(await res.text())?.[1] ?? "";
      expect(fullId).toMatch(/^\d{17}[\dX]$/);
      expect(`${fullId.slice(0, 4)}**********${fullId.slice(-4)}`).toBe(person.id_number_masked);
      const after = await pg`select count(*)::int as n from audit_log where action = 'person.reveal_id'`;
      expect(after[0].n).toBe(before[0].n + 1);
      for (const role of ["orgGar", "auditor"] as const) {
        const refused = await clients[role].post(`/people/${person.id}.data`, {
          intent: "reveal",
          reason: "x".repeat(10),
        });
        expect(refused.status, role).toBe(403);
      }
    });

    it("masks phone, address and ID number on the person page for roles without need", async () => {
      for (const role of ["orgGar", "auditor"] as const) {
        const html = await (await clients[role].get(`/people/${person.id}`)).text();
        expect(html, role).toContain(person.id_number_masked);
        expect(html, role).not.toContain(fullId);
        expect(html, role).not.toContain(digits(person.phone));
        expect(html, role).not.toContain(person.address);
      }
      for (const role of ["plannerNgari", "stationGar", "admin"] as const) {
        const html = await (await clients[role].get(`/people/${person.id}`)).text();
        expect(html, role).toContain(person.id_number_masked);
        expect(html, `${role}: the ID number is never on the page unasked`).not.toContain(fullId);
      }
      for (const role of ["plannerNgari", "stationGar"] as const) {
        const html = await (await clients[role].get(`/people/${person.id}`)).text();
        expect(html, role).toContain(digits(person.phone));
        expect(html, role).toContain(person.address);
      }
    });

    it("masks everything personal in the people export; in full only what the role may have, asked with a reason", async () => {
      const q = `?q=${encodeURIComponent(person.full_name)}`;
      for (const role of ["orgGar", "auditor", "plannerNgari", "stationGar"] as const) {
        const csv = await (await clients[role].get(`/people/export${q}`)).text();
        expect(csv, role).toContain(person.full_name);
        expect(csv, role).toContain(person.id_number_masked);
        expect(csv, role).not.toContain(fullId);
        expect(csv, `${role} phone`).not.toContain(digits(person.phone));
        expect(csv, `${role} address`).not.toContain(person.address);
      }
      const [plain] =
        await pg`select changes from audit_log where action = 'person.export' order by id desc limit 1`;
      expect(plain.changes).toMatchObject({ masked: true, unmaskedFields: [] });
      const full = await clients.plannerNgari.post(`/people/export${q}`, {
        unmasked: "1",
        reason: "年度核查 masking test",
      });
      expect(full.status).toBe(200);
      const fullCsv = await full.text();
      for (const text of [fullId, digits(person.phone), person.address]) expect(fullCsv).toContain(text);
      const [entry] = await pg`select changes, reason from audit_log
        where action = 'person.export_unmasked' order by id desc limit 1`;
      expect(entry).toMatchObject({
        reason: "年度核查 masking test",
        changes: { masked: false, unmaskedFields: ["idNumber", "phone", "address"] },
      });
      // Station staff may have contact details in full, never ID numbers; the audit entry says so.
      const staffCsv = await (
        await clients.stationGar.post(`/people/export${q}`, {
          unmasked: "1",
          reason: "入户走访联系 masking test",
        })
      ).text();
      expect(staffCsv).toContain(person.address);
      expect(staffCsv).not.toContain(fullId);
      const [staffEntry] = await pg`select changes from audit_log
        where action = 'person.export_unmasked' order by id desc limit 1`;
      expect(staffEntry.changes).toMatchObject({ masked: false, unmaskedFields: ["phone", "address"] });
      for (const role of ["orgGar", "auditor"] as const) {
        const refused = await clients[role].post(`/people/export${q}`, {
          unmasked: "1",
          reason: "x".repeat(10),
        });
        expect(refused.status, role).toBe(403);
      }
      const noReason = await clients.plannerNgari.post(`/people/export${q}`, { unmasked: "1" });
      expect(noReason.status).toBe(400);
    });

    it("masks people search results (register and the activity form's search)", async () => {
      const q = `?q=${encodeURIComponent(person.full_name)}`;
      for (const role of ["orgGar", "auditor"] as const) {
        const html = await (await clients[role].get(`/people${q}`)).text();
        expect(html, role).toContain(person.full_name);
        expect(html, role).not.toContain(fullId);
        expect(html, role).not.toContain(digits(person.phone));
        expect(html, role).not.toContain(person.address);
      }
      // Searching by the full number finds the file (keyed hash); the page echoes only what the user typed.
      const byId = await (await clients.orgGar.get(`/people?q=${fullId}`)).text();
      expect(byId).toContain(person.id_number_masked);
      const echoes = byId.split(fullId).length - 1;
      const typed = (byId.match(new RegExp(`(q=|value="|q\\\\?",\\\\?")${fullId}`, "g")) ?? []).length;
      const contexts = byId
        .split(fullId)
        .slice(0, -1)
        .map((before) => before.slice(-40));
      expect(echoes, `the full ID number only where the user typed it: ${contexts.join(" | ")}`).toBe(typed);
      const json = await (
        await clients.orgGar.get(
          `/activities/people-search?contract=${fixtures.contract[1]}&q=${encodeURIComponent(person.full_name)}`,
        )
      ).text();
      expect(json).toContain(person.full_name);
      expect(json).not.toContain(fullId);
      expect(json).not.toContain(digits(person.phone));
      expect(json).not.toContain(person.address);
    });
  });
});
