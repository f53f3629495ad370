CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"facility_id" integer,
	"care_project_id" integer,
	"occurred_on" date NOT NULL,
	"kind" text NOT NULL,
	"participants" integer NOT NULL,
	"person_times" integer NOT NULL,
	"hours" numeric(6, 1) DEFAULT '0' NOT NULL,
	"summary" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"coord_quality" text DEFAULT 'unknown' NOT NULL,
	"idempotency_key" uuid,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" integer,
	CONSTRAINT "activities_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "activities_kind" CHECK (kind IN ('group_activity','home_visit','counselling','tutoring','health_check','training','policy_publicity','festival_event','other')),
	CONSTRAINT "activities_participants" CHECK ("activities"."participants" >= 0),
	CONSTRAINT "activities_person_times" CHECK ("activities"."person_times" >= "activities"."participants"),
	CONSTRAINT "activities_hours" CHECK ("activities"."hours" >= 0 AND "activities"."hours" <= 1000),
	CONSTRAINT "activities_one_subject" CHECK (("activities"."facility_id" IS NULL) <> ("activities"."care_project_id" IS NULL)),
	CONSTRAINT "activities_summary_present" CHECK (length(btrim("activities"."summary")) > 0),
	CONSTRAINT "activities_lat_range" CHECK (lat IS NULL OR (lat >= -90 AND lat <= 90)),
	CONSTRAINT "activities_lng_range" CHECK (lng IS NULL OR (lng >= -180 AND lng <= 180)),
	CONSTRAINT "activities_point_complete" CHECK ((lat IS NULL) = (lng IS NULL)),
	CONSTRAINT "activities_coord_quality" CHECK (coord_quality IN ('surveyed','approximate','unknown'))
);
--> statement-breakpoint
CREATE TABLE "activity_edit_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text,
	"requested_by" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_edit_requests_status" CHECK (status IN ('pending','approved','rejected'))
);
--> statement-breakpoint
CREATE TABLE "activity_flags" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"comment" text NOT NULL,
	"flagged_by" integer,
	"response" text,
	"responded_by" integer,
	"responded_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_flags_status" CHECK (status IN ('open','answered','resolved'))
);
--> statement-breakpoint
CREATE TABLE "activity_people" (
	"activity_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "activity_people_activity_id_person_id_pk" PRIMARY KEY("activity_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "activity_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"path" text NOT NULL,
	"thumb_path" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_photos_mime" CHECK ("activity_photos"."mime_type" IN ('image/jpeg','image/png','image/webp')),
	CONSTRAINT "activity_photos_bytes" CHECK ("activity_photos"."bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"changes" jsonb,
	"reason" text,
	"ip" text,
	"request_id" text,
	"prev_hash" text,
	"hash" text
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"key" uuid PRIMARY KEY NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"organization_id" integer NOT NULL,
	"facility_id" integer,
	"care_project_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"procurement_method" text NOT NULL,
	"deliverables" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by" integer,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"close_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_code_unique" UNIQUE("code"),
	CONSTRAINT "contracts_period" CHECK ("contracts"."ends_on" >= "contracts"."starts_on"),
	CONSTRAINT "contracts_amount_non_negative" CHECK ("contracts"."amount_fen" >= 0),
	CONSTRAINT "contracts_one_subject" CHECK (("contracts"."facility_id" IS NULL) <> ("contracts"."care_project_id" IS NULL)),
	CONSTRAINT "contracts_deliverables_object" CHECK (jsonb_typeof("contracts"."deliverables") = 'object'),
	CONSTRAINT "contracts_status" CHECK (status IN ('draft','active','completed','terminated')),
	CONSTRAINT "contracts_procurement_method" CHECK (procurement_method IN ('public_tender','invited_tender','competitive_negotiation','competitive_consultation','single_source','inquiry','other'))
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"township_id" integer NOT NULL,
	"village_id" integer,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"coord_quality" text DEFAULT 'unknown' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"opened_on" date,
	"capacity" integer,
	"staff_count" integer DEFAULT 0 NOT NULL,
	"service_radius_m" integer DEFAULT 15000 NOT NULL,
	"phone" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_code_unique" UNIQUE("code"),
	CONSTRAINT "facilities_kind" CHECK (kind IN ('social_work_station','day_care_centre','happiness_home','support_centre','children_care_centre','elderly_activity_centre')),
	CONSTRAINT "facilities_status" CHECK (status IN ('planned','under_construction','operating','suspended','closed')),
	CONSTRAINT "facilities_name_present" CHECK (length(btrim("facilities"."name")) > 0),
	CONSTRAINT "facilities_radius_positive" CHECK ("facilities"."service_radius_m" > 0 AND "facilities"."service_radius_m" <= 500000),
	CONSTRAINT "facilities_capacity" CHECK (capacity IS NULL OR capacity >= 0),
	CONSTRAINT "facilities_staff_count" CHECK (staff_count IS NULL OR staff_count >= 0),
	CONSTRAINT "facilities_lat_range" CHECK (lat IS NULL OR (lat >= -90 AND lat <= 90)),
	CONSTRAINT "facilities_lng_range" CHECK (lng IS NULL OR (lng >= -180 AND lng <= 180)),
	CONSTRAINT "facilities_point_complete" CHECK ((lat IS NULL) = (lng IS NULL)),
	CONSTRAINT "facilities_coord_quality" CHECK (coord_quality IN ('surveyed','approximate','unknown'))
);
--> statement-breakpoint
CREATE TABLE "facility_status_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"facility_id" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"effective_on" date NOT NULL,
	"note" text,
	"changed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_status_history_to" CHECK (to_status IN ('planned','under_construction','operating','suspended','closed')),
	CONSTRAINT "facility_status_history_from" CHECK ("facility_status_history"."from_status" IS NULL OR "facility_status_history"."from_status" IN ('planned','under_construction','operating','suspended','closed'))
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" serial PRIMARY KEY NOT NULL,
	"funding_source_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"allocated_on" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocations_amount_positive" CHECK ("allocations"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "expenditures" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"spent_on" date NOT NULL,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"description" text NOT NULL,
	"activity_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expenditures_amount_positive" CHECK ("expenditures"."amount_fen" > 0),
	CONSTRAINT "expenditures_category" CHECK (category IN ('personnel','activities','equipment','operations','other'))
);
--> statement-breakpoint
CREATE TABLE "funding_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"donor_province" text,
	"year" integer NOT NULL,
	"region_id" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"allocated_fen" bigint DEFAULT 0 NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_sources_kind" CHECK (kind IN ('welfare_lottery','paired_aid','fiscal','other')),
	CONSTRAINT "funding_sources_allocated_range" CHECK ("funding_sources"."allocated_fen" >= 0 AND "funding_sources"."allocated_fen" <= "funding_sources"."total_fen"),
	CONSTRAINT "funding_sources_year" CHECK ("funding_sources"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "funding_sources_donor" CHECK ("funding_sources"."kind" <> 'paired_aid' OR "funding_sources"."donor_province" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" char(18) NOT NULL,
	"kind" text NOT NULL,
	"region_id" integer NOT NULL,
	"registered_on" date,
	"has_party_branch" boolean DEFAULT false NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"address" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "organizations_credit_code_format" CHECK ("organizations"."credit_code" ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
	CONSTRAINT "organizations_name_present" CHECK (length(btrim("organizations"."name")) > 0),
	CONSTRAINT "organizations_kind" CHECK (kind IN ('social_service_agency','social_group','foundation','other')),
	CONSTRAINT "organizations_status" CHECK (status IN ('active','suspended','deregistered'))
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_cipher" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"village_id" integer NOT NULL,
	"station_id" integer,
	"address" text,
	"phone" text,
	"guardian_name" text,
	"guardian_phone" text,
	"categories" text[] NOT NULL,
	"risk_tier" text DEFAULT 'normal' NOT NULL,
	"risk_reason" text,
	"risk_set_by" integer,
	"risk_set_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"status_on" date,
	"status_reason" text,
	"notes" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_id_number_hash_unique" UNIQUE("id_number_hash"),
	CONSTRAINT "people_sex" CHECK (sex IN ('male','female')),
	CONSTRAINT "people_risk_tier" CHECK (risk_tier IN ('high','key','normal')),
	CONSTRAINT "people_status" CHECK (status IN ('active','exited','deceased')),
	CONSTRAINT "people_name_present" CHECK (length(btrim("people"."full_name")) > 0),
	CONSTRAINT "people_hash_format" CHECK ("people"."id_number_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "people_categories_known" CHECK (cardinality("people"."categories") > 0 AND "people"."categories" <@ ARRAY['dibao','tekun_centralized','tekun_dispersed','orphan','unsupported_child','left_behind_child','distressed_child','disabled','severely_disabled','advanced_age_elderly','disabled_elderly']::text[]),
	CONSTRAINT "people_status_dated" CHECK ("people"."status" = 'active' OR "people"."status_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "care_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_projects_code_unique" UNIQUE("code"),
	CONSTRAINT "care_projects_period" CHECK ("care_projects"."ends_on" >= "care_projects"."starts_on"),
	CONSTRAINT "care_projects_name_present" CHECK (length(btrim("care_projects"."name")) > 0),
	CONSTRAINT "care_projects_kind" CHECK (kind IN ('children','elderly','disability','other'))
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(12) NOT NULL,
	"level" text NOT NULL,
	"parent_id" integer,
	"name" text NOT NULL,
	"name_bo" text,
	"name_pinyin" text,
	"kind" text,
	"lat" double precision,
	"lng" double precision,
	"coord_quality" text DEFAULT 'unknown' NOT NULL,
	"boundary" jsonb,
	"population" integer,
	"households" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_code_unique" UNIQUE("code"),
	CONSTRAINT "regions_code_format" CHECK ("regions"."code" ~ '^[0-9]{12}$'),
	CONSTRAINT "regions_name_present" CHECK (length(btrim("regions"."name")) > 0),
	CONSTRAINT "regions_root_is_top" CHECK ("regions"."parent_id" IS NOT NULL OR "regions"."level" IN ('province','prefecture')),
	CONSTRAINT "regions_level" CHECK (level IN ('province','prefecture','county','township','village')),
	CONSTRAINT "regions_population" CHECK (population IS NULL OR population >= 0),
	CONSTRAINT "regions_households" CHECK (households IS NULL OR households >= 0),
	CONSTRAINT "regions_lat_range" CHECK (lat IS NULL OR (lat >= -90 AND lat <= 90)),
	CONSTRAINT "regions_lng_range" CHECK (lng IS NULL OR (lng >= -180 AND lng <= 180)),
	CONSTRAINT "regions_point_complete" CHECK ((lat IS NULL) = (lng IS NULL)),
	CONSTRAINT "regions_coord_quality" CHECK (coord_quality IN ('surveyed','approximate','unknown'))
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" "inet",
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" "inet",
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"region_id" integer,
	"organization_id" integer,
	"facility_id" integer,
	"is_station_head" boolean DEFAULT false NOT NULL,
	"phone" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"disabled_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"totp_secret_cipher" text,
	"totp_enabled_at" timestamp with time zone,
	"calendar_token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_calendar_token_hash_unique" UNIQUE("calendar_token_hash"),
	CONSTRAINT "users_role" CHECK (role IN ('admin','planner','org_staff','station_staff','auditor')),
	CONSTRAINT "users_locale" CHECK (locale IN ('zh-CN','en')),
	CONSTRAINT "users_email_lowercase" CHECK ("users"."email" = lower("users"."email") AND "users"."email" LIKE '%_@_%'),
	CONSTRAINT "users_scope_matches_role" CHECK (CASE "users"."role"
        WHEN 'admin' THEN true
        WHEN 'planner' THEN "users"."region_id" IS NOT NULL
        WHEN 'auditor' THEN "users"."region_id" IS NOT NULL
        WHEN 'org_staff' THEN "users"."organization_id" IS NOT NULL
        WHEN 'station_staff' THEN "users"."facility_id" IS NOT NULL
      END)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"reminder_id" integer,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_reminder_id_unique" UNIQUE("reminder_id")
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"recipient_user_id" integer,
	"recipient_address" text,
	"channel" text NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"dedupe_key" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "reminders_kind" CHECK (kind IN ('visit_due','visit_overdue','visit_escalation','follow_up_due','contract_ending','deliverable_behind')),
	CONSTRAINT "reminders_channel" CHECK (channel IN ('in_app','email','webhook')),
	CONSTRAINT "reminders_status" CHECK (status IN ('pending','queued','sent','failed','cancelled')),
	CONSTRAINT "reminders_attempts" CHECK ("reminders"."attempts" >= 0),
	CONSTRAINT "reminders_recipient" CHECK ("reminders"."recipient_user_id" IS NOT NULL OR "reminders"."recipient_address" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "visit_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer,
	"category" text,
	"risk_tier" text,
	"interval_days" integer NOT NULL,
	"note" text,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_rules_interval" CHECK ("visit_rules"."interval_days" BETWEEN 1 AND 366),
	CONSTRAINT "visit_rules_one_subject" CHECK (("visit_rules"."category" IS NULL) <> ("visit_rules"."risk_tier" IS NULL)),
	CONSTRAINT "visit_rules_risk_tier" CHECK ("visit_rules"."risk_tier" IS NULL OR "visit_rules"."risk_tier" IN ('high','key','normal'))
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"station_id" integer NOT NULL,
	"assigned_user_id" integer,
	"kind" text DEFAULT 'routine' NOT NULL,
	"due_on" date NOT NULL,
	"scheduled_at" timestamp with time zone,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"notes" text,
	"completed_at" timestamp with time zone,
	"completed_by" integer,
	"follow_up_of_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_kind" CHECK (kind IN ('routine','follow_up','event')),
	CONSTRAINT "visits_status" CHECK (status IN ('scheduled','completed','missed','cancelled')),
	CONSTRAINT "visits_outcome" CHECK ("visits"."outcome" IS NULL OR "visits"."outcome" IN ('visited','not_home','moved','hospitalised','needs_follow_up')),
	CONSTRAINT "visits_completed_has_outcome" CHECK ("visits"."status" <> 'completed' OR "visits"."outcome" IS NOT NULL),
	CONSTRAINT "visits_follow_up_linked" CHECK ("visits"."kind" <> 'follow_up' OR "visits"."follow_up_of_id" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_care_project_id_care_projects_id_fk" FOREIGN KEY ("care_project_id") REFERENCES "public"."care_projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_edit_requests" ADD CONSTRAINT "activity_edit_requests_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_edit_requests" ADD CONSTRAINT "activity_edit_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_edit_requests" ADD CONSTRAINT "activity_edit_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_flags" ADD CONSTRAINT "activity_flags_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_flags" ADD CONSTRAINT "activity_flags_flagged_by_users_id_fk" FOREIGN KEY ("flagged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_flags" ADD CONSTRAINT "activity_flags_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_people" ADD CONSTRAINT "activity_people_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_people" ADD CONSTRAINT "activity_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_photos" ADD CONSTRAINT "activity_photos_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_care_project_id_care_projects_id_fk" FOREIGN KEY ("care_project_id") REFERENCES "public"."care_projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_activated_by_users_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_township_id_regions_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_village_id_regions_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_status_history" ADD CONSTRAINT "facility_status_history_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_status_history" ADD CONSTRAINT "facility_status_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_funding_source_id_funding_sources_id_fk" FOREIGN KEY ("funding_source_id") REFERENCES "public"."funding_sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD CONSTRAINT "funding_sources_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_village_id_regions_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_station_id_facilities_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."facilities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_risk_set_by_users_id_fk" FOREIGN KEY ("risk_set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_projects" ADD CONSTRAINT "care_projects_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_id_regions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_reminder_id_reminders_id_fk" FOREIGN KEY ("reminder_id") REFERENCES "public"."reminders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_rules" ADD CONSTRAINT "visit_rules_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_rules" ADD CONSTRAINT "visit_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_station_id_facilities_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_follow_up_of_id_visits_id_fk" FOREIGN KEY ("follow_up_of_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_contract_idx" ON "activities" USING btree ("contract_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("organization_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_facility_idx" ON "activities" USING btree ("facility_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_project_idx" ON "activities" USING btree ("care_project_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activity_edit_requests_activity_idx" ON "activity_edit_requests" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_flags_activity_idx" ON "activity_flags" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_people_person_idx" ON "activity_people" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "activity_photos_activity_idx" ON "activity_photos" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "form_submissions_created_idx" ON "form_submissions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "contracts_organization_idx" ON "contracts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "contracts_facility_idx" ON "contracts" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "contracts_project_idx" ON "contracts" USING btree ("care_project_id");--> statement-breakpoint
CREATE INDEX "facilities_township_idx" ON "facilities" USING btree ("township_id");--> statement-breakpoint
CREATE INDEX "facilities_kind_status_idx" ON "facilities" USING btree ("kind","status");--> statement-breakpoint
CREATE INDEX "facility_status_history_facility_idx" ON "facility_status_history" USING btree ("facility_id","effective_on");--> statement-breakpoint
CREATE INDEX "allocations_source_idx" ON "allocations" USING btree ("funding_source_id");--> statement-breakpoint
CREATE INDEX "allocations_contract_idx" ON "allocations" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "expenditures_contract_idx" ON "expenditures" USING btree ("contract_id","spent_on");--> statement-breakpoint
CREATE INDEX "funding_sources_region_year_idx" ON "funding_sources" USING btree ("region_id","year");--> statement-breakpoint
CREATE INDEX "organizations_region_idx" ON "organizations" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "people_village_idx" ON "people" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "people_station_status_idx" ON "people" USING btree ("station_id","status");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("full_name");--> statement-breakpoint
CREATE INDEX "care_projects_region_idx" ON "care_projects" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "regions_code_prefix_idx" ON "regions" USING btree ("code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "regions_level_idx" ON "regions" USING btree ("level");--> statement-breakpoint
CREATE INDEX "recovery_codes_user_idx" ON "recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_email_at_idx" ON "sign_in_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_ip_at_idx" ON "sign_in_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "users_facility_idx" ON "users" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "users_region_idx" ON "users" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "reminders_open_send_at_idx" ON "reminders" USING btree ("send_at") WHERE "reminders"."status" IN ('pending','queued');--> statement-breakpoint
CREATE INDEX "reminders_subject_idx" ON "reminders" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_rules_subject_unique" ON "visit_rules" USING btree (coalesce("region_id", 0),coalesce("category", ''),coalesce("risk_tier", ''));--> statement-breakpoint
CREATE INDEX "visits_station_due_idx" ON "visits" USING btree ("station_id","status","due_on");--> statement-breakpoint
CREATE INDEX "visits_person_idx" ON "visits" USING btree ("person_id","due_on");--> statement-breakpoint
CREATE INDEX "visits_assigned_idx" ON "visits" USING btree ("assigned_user_id","status","due_on");--> statement-breakpoint
CREATE INDEX "visits_open_due_idx" ON "visits" USING btree ("due_on") WHERE "visits"."status" = 'scheduled';--> statement-breakpoint
CREATE UNIQUE INDEX "visits_one_open_routine" ON "visits" USING btree ("person_id") WHERE "visits"."status" = 'scheduled' AND "visits"."kind" = 'routine';