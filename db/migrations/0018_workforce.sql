CREATE TABLE "training_participants" (
	"training_id" integer NOT NULL,
	"worker_id" integer NOT NULL,
	CONSTRAINT "training_participants_training_id_worker_id_pk" PRIMARY KEY("training_id","worker_id")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"organizer" text NOT NULL,
	"topic" text NOT NULL,
	"hours" double precision NOT NULL,
	"outside_participants" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainings_hours" CHECK ("trainings"."hours" > 0 AND "trainings"."hours" <= 500),
	CONSTRAINT "trainings_outside_participants" CHECK ("trainings"."outside_participants" >= 0),
	CONSTRAINT "trainings_topic_present" CHECK (length(btrim("trainings"."topic")) > 0),
	CONSTRAINT "trainings_organizer_present" CHECK (length(btrim("trainings"."organizer")) > 0)
);
--> statement-breakpoint
CREATE TABLE "worker_certificates" (
	"id" serial PRIMARY KEY NOT NULL,
	"worker_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"number" text,
	"year" integer,
	CONSTRAINT "worker_certificates_kind" CHECK (kind IN ('elderly_carer','childcare','counsellor','nurse','other')),
	CONSTRAINT "worker_certificates_other_named" CHECK ("worker_certificates"."kind" <> 'other' OR length(btrim(coalesce("worker_certificates"."name", ''))) > 0),
	CONSTRAINT "worker_certificates_year" CHECK ("worker_certificates"."year" IS NULL OR "worker_certificates"."year" BETWEEN 1980 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" serial PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"user_id" integer,
	"facility_id" integer NOT NULL,
	"employer_organization_id" integer,
	"role" text NOT NULL,
	"phone" text,
	"social_work_level" text,
	"social_work_certificate_no" text,
	"social_work_year" integer,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workers_name_present" CHECK (length(btrim("workers"."full_name")) > 0),
	CONSTRAINT "workers_role" CHECK (role IN ('head','social_worker','carer','other')),
	CONSTRAINT "workers_social_work_level" CHECK ("workers"."social_work_level" IS NULL OR "workers"."social_work_level" IN ('assistant','intermediate','senior')),
	CONSTRAINT "workers_qualification_complete" CHECK (("workers"."social_work_level" IS NULL) = ("workers"."social_work_certificate_no" IS NULL) AND ("workers"."social_work_level" IS NOT NULL OR "workers"."social_work_year" IS NULL)),
	CONSTRAINT "workers_social_work_year" CHECK ("workers"."social_work_year" IS NULL OR "workers"."social_work_year" BETWEEN 2008 AND 2100),
	CONSTRAINT "workers_dates" CHECK ("workers"."ends_on" IS NULL OR "workers"."ends_on" >= "workers"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "facilities" ADD COLUMN "staff_target" integer;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_certificates" ADD CONSTRAINT "worker_certificates_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_employer_organization_id_organizations_id_fk" FOREIGN KEY ("employer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_participants_worker_idx" ON "training_participants" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "trainings_region_held_idx" ON "trainings" USING btree ("region_id","held_on");--> statement-breakpoint
CREATE INDEX "worker_certificates_worker_idx" ON "worker_certificates" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "workers_facility_idx" ON "workers" USING btree ("facility_id","starts_on");--> statement-breakpoint
CREATE INDEX "workers_employer_idx" ON "workers" USING btree ("employer_organization_id");--> statement-breakpoint
CREATE INDEX "workers_user_idx" ON "workers" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_staff_target" CHECK ("facilities"."staff_target" IS NULL OR ("facilities"."staff_target" >= 0 AND "facilities"."staff_target" <= 1000));--> statement-breakpoint
-- The bare staff count becomes the staffing target: the figure planners typed is what the station should have; who
-- works there now lives in "workers". A count of 0 (planned, under construction) was no target at all.
UPDATE "facilities" SET "staff_target" = NULLIF("staff_count", 0);
