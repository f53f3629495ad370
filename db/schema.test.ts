// The rules that live in the database hold on both drivers: every CHECK, unique key and exclusion constraint
// rejects a bad row, and the audit log refuses changes. The list of constraints is read from the catalog,
// so a new constraint without a case here fails this test.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCreditCode } from "~/modules/organizations/credit-code";
import { pgError } from "~/utils/db-errors.server";
import { openFreshPostgres, openMigratedPglite } from "../test/setup/database";
import { type DatabaseHandle, queryRows } from "./client";

const credit = buildCreditCode({ type: "2", regionCode6: "542523", serial: 1 });
const hash = "a".repeat(64);

const fixtures = `
insert into regions (id, code, level, parent_id, name) values
  (1, '540000000000', 'province', null, '西藏自治区'),
  (2, '542500000000', 'prefecture', 1, '阿里地区'),
  (3, '542523000000', 'county', 2, '噶尔县'),
  (4, '542523100000', 'township', 3, '狮泉河镇'),
  (5, '542523100001', 'village', 4, '示例村');
insert into organizations (id, name, credit_code, kind, region_id) values (1, '示例组织', '${credit}', 'social_service_agency', 3);
insert into facilities (id, code, kind, name, township_id, status) values (1, 'F1', 'social_work_station', '示例站', 4, 'operating');
insert into care_projects (id, code, name, kind, region_id, starts_on, ends_on) values (1, 'P1', '示例项目', 'children', 3, '2026-01-01', '2026-12-31');
insert into users (id, email, name, password_hash, role) values (1, 'a@x.cn', '管理员', 'h', 'admin');
insert into contracts (id, code, title, organization_id, facility_id, starts_on, ends_on, amount_fen, procurement_method, status)
  values (1, 'C1', '合同', 1, 1, '2026-01-01', '2026-12-31', 100, 'single_source', 'active');
insert into contracts (id, code, title, organization_id, care_project_id, starts_on, ends_on, amount_fen, procurement_method, status)
  values (2, 'C2', '项目合同', 1, 1, '2026-01-01', '2026-12-31', 100, 'single_source', 'active');
insert into funding_sources (id, name, kind, year, region_id, total_fen) values (1, '福彩', 'welfare_lottery', 2026, 2, 1000);
insert into activities (id, contract_id, organization_id, facility_id, occurred_on, kind, participants, person_times, summary, idempotency_key)
  values (1, 1, 1, 1, '2026-03-01', 'group_activity', 5, 5, '活动', '00000000-0000-4000-8000-000000000001');
insert into people (id, full_name, sex, birth_date, id_number_cipher, id_number_hash, id_number_masked, village_id, station_id, categories)
  values (1, '示例', 'male', '1950-01-01', 'v1:x', '${hash}', '5425**********0001', 5, 1, array['dibao']);
insert into visits (id, person_id, station_id, due_on) values (1, 1, 1, '2026-04-01');
insert into people (id, full_name, sex, birth_date, id_number_cipher, id_number_hash, id_number_masked, village_id, station_id, categories)
  values (2, '示例配偶', 'female', '1952-01-01', 'v1:z', '${"b".repeat(64)}', '5425**********0002', 5, 1, array['dibao']);
insert into households (id, number, village_id) values (1, 'H1', 5);
insert into household_members (person_id, household_id, relation) values (1, 1, 'head'), (2, 1, 'spouse');
insert into reminders (id, kind, subject_type, subject_id, recipient_user_id, channel, send_at, dedupe_key)
  values (1, 'visit_due', 'visit', 1, 1, 'in_app', now(), 'd1');
insert into notifications (id, user_id, reminder_id, title) values (1, 1, 1, '提醒');
insert into visit_rules (category, interval_days) values ('dibao', 90);
insert into expenditures (id, contract_id, spent_on, category, amount_fen, description) values (1, 1, '2026-03-01', 'other', 100, '物资');
insert into expenditures (id, contract_id, spent_on, category, amount_fen, description, reverses_id, reversal_reason) values (2, 1, '2026-03-01', 'other', -100, '物资', 1, '录错');
insert into users (id, email, name, password_hash, role, calendar_token_hash) values (2, 'b@x.cn', '乙', 'h', 'admin', 'tok');
insert into workers (id, full_name, facility_id, role, starts_on) values (1, '示例社工', 1, 'social_worker', '2026-01-01');
insert into worker_certificates (id, worker_id, kind) values (1, 1, 'elderly_carer');
insert into trainings (id, region_id, held_on, organizer, topic, hours) values (1, 3, '2026-02-01', '民政局', '培训', 4);
insert into group_robots (id, region_id, kind, url_sealed, url_hint) values (1, 3, 'wecom', 'v1:x', 'qyapi …0001');
insert into group_robots (id, facility_id, kind, url_sealed, secret_sealed, url_hint) values (2, 1, 'dingtalk', 'v1:y', 'v1:z', 'oapi …0002');
insert into contract_months (id, contract_id, month, status, summary, submitted_at) values (1, 1, '2026-03', 'submitted', '{}', now());
insert into contract_evaluations (id, contract_id, kind, evaluated_on, evaluator, satisfaction_asked, satisfaction_satisfied, findings, conclusion) values (1, 1, 'final', '2026-06-30', '小组', 10, 8, '发现', 'qualified');
`;

/** constraint name → a statement that must violate exactly it. */
const violations: Record<string, string> = {
  regions_code_format: `insert into regions (code, level, parent_id, name) values ('5425', 'village', 4, 'x')`,
  regions_name_present: `insert into regions (code, level, parent_id, name) values ('542523100002', 'village', 4, '  ')`,
  regions_root_is_top: `insert into regions (code, level, name) values ('542523100003', 'village', 'x')`,
  regions_level: `insert into regions (code, level, parent_id, name) values ('542523100004', 'city', 4, 'x')`,
  regions_population: `update regions set population = -1 where id = 5`,
  regions_households: `update regions set households = -1 where id = 5`,
  regions_lat_range: `update regions set lat = 91, lng = 80 where id = 5`,
  regions_lng_range: `update regions set lat = 30, lng = 181 where id = 5`,
  regions_point_complete: `update regions set lat = 30 where id = 5`,
  regions_coord_quality: `update regions set coord_quality = 'guess' where id = 5`,
  regions_code_unique: `insert into regions (code, level, parent_id, name) values ('542523100001', 'village', 4, 'x')`,
  facilities_kind: `update facilities set kind = 'school' where id = 1`,
  facilities_status: `update facilities set status = 'open' where id = 1`,
  facilities_name_present: `update facilities set name = '' where id = 1`,
  facilities_radius_positive: `update facilities set service_radius_m = 0 where id = 1`,
  facilities_capacity: `update facilities set capacity = -5 where id = 1`,
  facilities_staff_target: `update facilities set staff_target = -1 where id = 1`,
  facilities_lat_range: `update facilities set lat = -91, lng = 80 where id = 1`,
  facilities_lng_range: `update facilities set lat = 30, lng = -181 where id = 1`,
  facilities_point_complete: `update facilities set lng = 80 where id = 1`,
  facilities_coord_quality: `update facilities set coord_quality = 'x' where id = 1`,
  facilities_code_unique: `insert into facilities (code, kind, name, township_id) values ('F1', 'social_work_station', 'x', 4)`,
  facility_status_history_to: `insert into facility_status_history (facility_id, to_status, effective_on) values (1, 'open', '2026-01-01')`,
  facility_status_history_from: `insert into facility_status_history (facility_id, from_status, to_status, effective_on) values (1, 'x', 'operating', '2026-01-01')`,
  person_history_attribute: `insert into person_history (person_id, attribute, effective_on, status) values (1, 'name', '2026-01-01', 'active')`,
  person_history_value: `insert into person_history (person_id, attribute, effective_on, status) values (1, 'categories', '2026-01-01', 'active')`,
  organizations_credit_code_format: `update organizations set credit_code = lower(credit_code) where id = 1`,
  organizations_name_present: `update organizations set name = ' ' where id = 1`,
  organizations_kind: `update organizations set kind = 'company' where id = 1`,
  organizations_status: `update organizations set status = 'x' where id = 1`,
  organizations_credit_code_unique: `insert into organizations (name, credit_code, kind, region_id) values ('乙', '${credit}', 'social_group', 3)`,
  care_projects_period: `update care_projects set ends_on = '2025-01-01' where id = 1`,
  care_projects_name_present: `update care_projects set name = '' where id = 1`,
  care_projects_kind: `update care_projects set kind = 'x' where id = 1`,
  care_projects_code_unique: `insert into care_projects (code, name, kind, region_id, starts_on, ends_on) values ('P1', 'x', 'other', 3, '2026-01-01', '2026-02-01')`,
  contract_months_contract_month_unique: `insert into contract_months (id, contract_id, month, status, summary, submitted_at) values (2, 1, '2026-03', 'submitted', '{}', now())`,
  contract_months_month_format: `update contract_months set month = '2026-13' where id = 1`,
  contract_months_status: `update contract_months set status = 'x' where id = 1`,
  contract_months_comment_when_sent_back: `update contract_months set status = 'returned', comment = ' ' where id = 1`,
  contract_evaluations_kind: `update contract_evaluations set kind = 'x' where id = 1`,
  contract_evaluations_conclusion: `update contract_evaluations set conclusion = 'x' where id = 1`,
  contract_evaluations_satisfaction: `update contract_evaluations set satisfaction_satisfied = 11 where id = 1`,
  contract_evaluations_scores_object: `update contract_evaluations set scores = '[]'::jsonb where id = 1`,
  contracts_period: `update contracts set ends_on = '2025-12-31' where id = 1`,
  contracts_amount_non_negative: `update contracts set amount_fen = -1 where id = 1`,
  contracts_one_subject: `update contracts set care_project_id = 1 where id = 1`,
  contracts_deliverables_object: `update contracts set deliverables = '[]'::jsonb where id = 1`,
  contracts_status: `update contracts set status = 'x' where id = 1`,
  contracts_procurement_method: `update contracts set procurement_method = 'x' where id = 1`,
  contracts_code_unique: `insert into contracts (code, title, organization_id, facility_id, starts_on, ends_on, amount_fen, procurement_method) values ('C1', 't', 1, 1, '2020-01-01', '2020-02-01', 1, 'other')`,
  contracts_no_overlapping_active_facility: `insert into contracts (code, title, organization_id, facility_id, starts_on, ends_on, amount_fen, procurement_method, status) values ('C3', 't', 1, 1, '2026-12-31', '2027-06-30', 1, 'other', 'active')`,
  contracts_no_overlapping_active_project: `insert into contracts (code, title, organization_id, care_project_id, starts_on, ends_on, amount_fen, procurement_method, status) values ('C4', 't', 1, 1, '2026-06-01', '2026-06-30', 1, 'other', 'active')`,
  funding_sources_kind: `update funding_sources set kind = 'x' where id = 1`,
  funding_sources_allocated_range: `update funding_sources set allocated_fen = 1001 where id = 1`,
  // A negative total is refused by the same rule (0 ≤ allocated ≤ total).
  funding_sources_year: `update funding_sources set year = 1999 where id = 1`,
  funding_sources_donor: `update funding_sources set kind = 'paired_aid' where id = 1`,
  allocations_amount_positive: `insert into allocations (funding_source_id, contract_id, amount_fen, allocated_on) values (1, 1, 0, '2026-01-01')`,
  expenditures_amount_sign: `insert into expenditures (contract_id, spent_on, category, amount_fen, description) values (1, '2026-01-01', 'other', 0, 'x')`,
  expenditures_reversal_reason: `insert into expenditures (contract_id, spent_on, category, amount_fen, description, reverses_id, reversal_reason) values (1, '2026-01-01', 'other', -1, 'x', 2, ' ')`,
  expenditures_one_reversal: `insert into expenditures (contract_id, spent_on, category, amount_fen, description, reverses_id, reversal_reason) values (1, '2026-01-01', 'other', -1, 'x', 1, 'again')`,
  expenditures_category: `insert into expenditures (contract_id, spent_on, category, amount_fen, description) values (1, '2026-01-01', 'food', 1, 'x')`,
  activities_kind: `update activities set kind = 'x' where id = 1`,
  activities_participants: `update activities set participants = -1 where id = 1`,
  activities_person_times: `update activities set person_times = 4 where id = 1`,
  activities_hours: `update activities set hours = -1 where id = 1`,
  activities_one_subject: `update activities set care_project_id = 1 where id = 1`,
  activities_summary_present: `update activities set summary = '  ' where id = 1`,
  activities_lat_range: `update activities set lat = 100, lng = 80 where id = 1`,
  activities_lng_range: `update activities set lat = 30, lng = 200 where id = 1`,
  activities_point_complete: `update activities set lat = 30 where id = 1`,
  activities_coord_quality: `update activities set coord_quality = 'x' where id = 1`,
  activities_idempotency_key_unique: `insert into activities (contract_id, organization_id, facility_id, occurred_on, kind, participants, person_times, summary, idempotency_key) values (1, 1, 1, '2026-03-02', 'other', 1, 1, 's', '00000000-0000-4000-8000-000000000001')`,
  activity_photos_mime: `insert into activity_photos (activity_id, path, thumb_path, mime_type, bytes, sha256) values (1, 'p', 't', 'image/gif', 1, 'h')`,
  activity_photos_bytes: `insert into activity_photos (activity_id, path, thumb_path, mime_type, bytes, sha256) values (1, 'p', 't', 'image/png', 0, 'h')`,
  activity_flags_status: `insert into activity_flags (activity_id, comment, status) values (1, 'c', 'x')`,
  activity_edit_requests_status: `insert into activity_edit_requests (activity_id, changes, status) values (1, '{}', 'x')`,
  people_sex: `update people set sex = 'x' where id = 1`,
  people_risk_tier: `update people set risk_tier = 'x' where id = 1`,
  people_status: `update people set status = 'x', status_on = '2026-01-01' where id = 1`,
  people_name_present: `update people set full_name = '' where id = 1`,
  people_hash_format: `update people set id_number_hash = '123' where id = 1`,
  people_categories_known: `update people set categories = array['rich'] where id = 1`,
  people_status_dated: `update people set status = 'exited' where id = 1`,
  person_pair_decisions_ordered: `insert into person_pair_decisions (low_person_id, high_person_id) values (1, 1)`,
  households_number_present: `update households set number = '  ' where id = 1`,
  households_village_number_unique: `insert into households (number, village_id) values ('H1', 5)`,
  household_members_relation: `update household_members set relation = 'cousin' where person_id = 2`,
  household_members_one_head: `update household_members set relation = 'head' where person_id = 2`,
  people_id_number_hash_unique: `insert into people (full_name, sex, birth_date, id_number_cipher, id_number_hash, id_number_masked, village_id, categories) values ('乙', 'female', '1960-01-01', 'v1:y', '${hash}', 'm', 5, array['dibao'])`,
  visit_rules_interval: `insert into visit_rules (risk_tier, interval_days) values ('high', 0)`,
  visit_rules_one_subject: `insert into visit_rules (category, risk_tier, interval_days) values ('dibao', 'high', 7)`,
  visit_rules_risk_tier: `insert into visit_rules (risk_tier, interval_days) values ('extreme', 7)`,
  visit_rules_subject_unique: `insert into visit_rules (category, interval_days) values ('dibao', 30)`,
  visits_kind: `update visits set kind = 'x' where id = 1`,
  visits_status: `update visits set status = 'x' where id = 1`,
  visits_outcome: `update visits set outcome = 'x' where id = 1`,
  visits_point_complete: `update visits set lat = 30 where id = 1`,
  conflicts_kind: `insert into conflicts (kind, entity_id, person_id, base_version, their_version, theirs, yours) values ('x', 1, 1, 1, 2, '{}', '{}')`,
  conflicts_status: `insert into conflicts (kind, entity_id, person_id, base_version, their_version, theirs, yours, status) values ('person', 1, 1, 1, 2, '{}', '{}', 'x')`,
  conflicts_resolution: `insert into conflicts (kind, entity_id, person_id, base_version, their_version, theirs, yours, resolution) values ('person', 1, 1, 1, 2, '{}', '{}', 'mine')`,
  conflicts_scope: `insert into conflicts (kind, entity_id, base_version, their_version, theirs, yours) values ('person', 1, 1, 2, '{}', '{}')`,
  referrals_kind: `insert into referrals (visit_id, person_id, station_id, kind) values (1, 1, 1, 'x')`,
  referrals_status: `insert into referrals (visit_id, person_id, station_id, kind, status) values (1, 1, 1, 'dibao', 'x')`,
  referrals_closed_has_result: `insert into referrals (visit_id, person_id, station_id, kind, status) values (1, 1, 1, 'dibao', 'closed')`,
  transfers_status: `insert into transfers (person_id, from_station_id, status) values (1, 1, 'x')`,
  transfers_elsewhere: `insert into transfers (person_id, from_station_id, to_station_id) values (1, 1, 1)`,
  visit_flags_kind: `insert into visit_flags (visit_id, station_id, kind) values (1, 1, 'x')`,
  visit_flags_status: `insert into visit_flags (visit_id, station_id, kind, status) values (1, 1, 'burst', 'x')`,
  visit_photos_mime: `insert into visit_photos (visit_id, path, thumb_path, mime_type, bytes, sha256) values (1, 'p', 't', 'text/plain', 1, 'x')`,
  visits_completed_has_outcome: `update visits set status = 'completed' where id = 1`,
  visits_follow_up_linked: `update visits set kind = 'follow_up' where id = 1`,
  visits_one_open_routine: `insert into visits (person_id, station_id, due_on) values (1, 1, '2026-05-01')`,
  reminders_kind: `update reminders set kind = 'x' where id = 1`,
  reminders_channel: `update reminders set channel = 'sms' where id = 1`,
  reminders_status: `update reminders set status = 'x' where id = 1`,
  reminders_attempts: `update reminders set attempts = -1 where id = 1`,
  reminders_recipient: `update reminders set recipient_user_id = null where id = 1`,
  reminders_send_claim_complete: `update reminders set send_claim = gen_random_uuid() where id = 1`,
  reminders_dedupe_key_unique: `insert into reminders (kind, subject_type, subject_id, recipient_user_id, channel, send_at, dedupe_key) values ('visit_due', 'visit', 1, 1, 'in_app', now(), 'd1')`,
  notifications_reminder_id_unique: `insert into notifications (user_id, reminder_id, title) values (1, 1, 'again')`,
  users_role: `update users set role = 'root' where id = 1`,
  users_locale: `update users set locale = 'fr' where id = 1`,
  users_email_lowercase: `update users set email = 'A@X.CN' where id = 1`,
  users_scope_matches_role: `update users set role = 'planner' where id = 1`,
  role_assignments_role: `insert into role_assignments (user_id, role) values (1, 'root')`,
  role_assignments_scope_matches_role: `insert into role_assignments (user_id, role) values (1, 'org_staff')`,
  users_email_unique: `insert into users (email, name, password_hash, role) values ('a@x.cn', 'x', 'h', 'admin')`,
  users_calendar_token_hash_unique: `update users set calendar_token_hash = 'tok' where id = 1`,
  workers_name_present: `update workers set full_name = ' ' where id = 1`,
  workers_role: `update workers set role = 'boss' where id = 1`,
  workers_social_work_level: `update workers set social_work_level = 'expert', social_work_certificate_no = 'x' where id = 1`,
  workers_qualification_complete: `update workers set social_work_level = 'assistant' where id = 1`,
  workers_social_work_year: `update workers set social_work_level = 'assistant', social_work_certificate_no = 'x', social_work_year = 1999 where id = 1`,
  workers_dates: `update workers set ends_on = '2025-12-31' where id = 1`,
  worker_certificates_kind: `update worker_certificates set kind = 'driver' where id = 1`,
  worker_certificates_other_named: `update worker_certificates set kind = 'other' where id = 1`,
  worker_certificates_year: `update worker_certificates set year = 1900 where id = 1`,
  trainings_hours: `update trainings set hours = 0 where id = 1`,
  trainings_outside_participants: `update trainings set outside_participants = -1 where id = 1`,
  trainings_topic_present: `update trainings set topic = '' where id = 1`,
  trainings_organizer_present: `update trainings set organizer = ' ' where id = 1`,
  training_participants_training_id_worker_id_pk: `insert into training_participants (training_id, worker_id) values (1, 1), (1, 1)`,
  group_robots_kind: `update group_robots set kind = 'feishu' where id = 1`,
  group_robots_one_anchor: `update group_robots set facility_id = 1 where id = 1`,
  group_robots_secret_dingtalk: `update group_robots set secret_sealed = 'v1:s' where id = 1`,
  group_robots_region_unique: `insert into group_robots (region_id, kind, url_sealed, url_hint) values (3, 'wecom', 'v1:x', 'h')`,
  group_robots_facility_unique: `insert into group_robots (facility_id, kind, url_sealed, url_hint) values (1, 'wecom', 'v1:x', 'h')`,
};

const drivers: [string, () => Promise<DatabaseHandle>][] = [
  ["PostgreSQL", () => openFreshPostgres("empty")],
  ["PGlite", () => openMigratedPglite()],
];

describe.each(drivers)("the schema on %s", (_driver, open) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
    await handle.db.transaction(async (tx) => {
      for (const statement of fixtures.split(";").filter((s) => s.trim()))
        await tx.execute(sql.raw(statement));
    });
    // The fixtures chose their ids; move every sequence past them.
    for (const table of [
      "regions",
      "organizations",
      "facilities",
      "care_projects",
      "users",
      "contracts",
      "funding_sources",
      "activities",
      "people",
      "households",
      "visits",
      "reminders",
      "notifications",
      "visit_rules",
      "expenditures",
      "group_robots",
    ]) {
      await handle.db.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), 1000)`));
    }
  });
  afterAll(async () => handle?.close());

  it("has a case here for every CHECK, unique and exclusion constraint in the database", async () => {
    const rows = await queryRows<{ name: string }>(
      handle.db,
      sql`select conname as name from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where n.nspname = 'public' and contype in ('c', 'u', 'x')
          union
          select i.relname as name from pg_index x join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = i.relnamespace
          where n.nspname = 'public' and x.indisunique and not x.indisprimary
            and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
    );
    const missing = rows.map((r) => r.name).filter((name) => !(name in violations));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(violations))("rejects a row that breaks %s", async (constraint, statement) => {
    const failure = await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql.raw(statement));
      })
      .then(
        () => null,
        (error: unknown) => pgError(error),
      );
    expect(failure, `${constraint} accepted: ${statement}`).not.toBeNull();
    expect(failure?.constraint).toBe(constraint);
  });

  it("keeps the audit log append-only", async () => {
    await handle.db.execute(sql`insert into audit_log (action, entity_type) values ('create', 'test')`);
    for (const statement of [
      "update audit_log set action = 'x'",
      "delete from audit_log",
      "truncate audit_log",
    ]) {
      const error = await handle.db.execute(sql.raw(statement)).then(
        () => null,
        (e: unknown) => pgError(e),
      );
      expect(error?.message ?? "", statement).toContain("append-only");
    }
    const rows = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log`);
    expect(rows[0].n).toBe(1);
  });

  it("accepts the valid fixture rows and refuses a dangling foreign key", async () => {
    const error = await handle.db
      .execute(
        sql`insert into facilities (code, kind, name, township_id) values ('F9', 'day_care_centre', 'x', 999)`,
      )
      .then(
        () => null,
        (e: unknown) => pgError(e),
      );
    expect(error?.code).toBe("23503");
  });
});
