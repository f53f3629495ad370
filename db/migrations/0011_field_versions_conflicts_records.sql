CREATE TABLE "conflicts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"entity_id" integer NOT NULL,
	"user_id" integer,
	"person_id" integer,
	"activity_id" integer,
	"station_id" integer,
	"base_version" integer NOT NULL,
	"their_version" integer NOT NULL,
	"theirs" jsonb NOT NULL,
	"yours" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflicts_kind" CHECK (kind IN ('visit','person','activity')),
	CONSTRAINT "conflicts_status" CHECK (status IN ('open','resolved')),
	CONSTRAINT "conflicts_resolution" CHECK (("conflicts"."status" = 'resolved') = ("conflicts"."resolution" IS NOT NULL)),
	CONSTRAINT "conflicts_scope" CHECK ("conflicts"."person_id" IS NOT NULL OR "conflicts"."activity_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"station_id" integer NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"result_note" text,
	"result_on" date,
	"created_by" integer,
	"closed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_kind" CHECK (kind IN ('dibao','temporary_assistance','medical_assistance','disability_subsidy','guardianship','elderly_subsidy','other')),
	CONSTRAINT "referrals_status" CHECK (status IN ('open','closed')),
	CONSTRAINT "referrals_closed_has_result" CHECK (("referrals"."status" = 'closed') = ("referrals"."result" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"visit_id" integer,
	"from_station_id" integer NOT NULL,
	"to_station_id" integer,
	"to_village_id" integer,
	"destination" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_note" text,
	"requested_by" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_status" CHECK (status IN ('pending','accepted','declined')),
	CONSTRAINT "transfers_elsewhere" CHECK ("transfers"."to_station_id" IS DISTINCT FROM "transfers"."from_station_id")
);
--> statement-breakpoint
CREATE TABLE "visit_flags" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"station_id" integer NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"responded_by" integer,
	"responded_at" timestamp with time zone,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_flags_kind" CHECK (kind IN ('far_from_village','too_fast','clock_skew','reused_photo','burst')),
	CONSTRAINT "visit_flags_status" CHECK (status IN ('open','answered','resolved'))
);
--> statement-breakpoint
CREATE TABLE "visit_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"path" text NOT NULL,
	"thumb_path" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"sha256" text NOT NULL,
	"phash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_photos_mime" CHECK ("visit_photos"."mime_type" IN ('image/jpeg','image/png','image/webp'))
);
--> statement-breakpoint
ALTER TABLE "visits" DROP CONSTRAINT "visits_outcome";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_photos" ADD COLUMN "phash" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "record" jsonb;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "return_on" date;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "device_time" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "lng" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "accuracy_m" double precision;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_station_id_facilities_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."facilities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_station_id_facilities_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_station_id_facilities_id_fk" FOREIGN KEY ("from_station_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_station_id_facilities_id_fk" FOREIGN KEY ("to_station_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_village_id_regions_id_fk" FOREIGN KEY ("to_village_id") REFERENCES "public"."regions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_station_id_facilities_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflicts_user_idx" ON "conflicts" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "conflicts_station_idx" ON "conflicts" USING btree ("station_id","status");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "referrals_open_station_idx" ON "referrals" USING btree ("station_id") WHERE "referrals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "transfers_to_idx" ON "transfers" USING btree ("to_station_id","status");--> statement-breakpoint
CREATE INDEX "transfers_from_idx" ON "transfers" USING btree ("from_station_id","status");--> statement-breakpoint
CREATE INDEX "transfers_person_idx" ON "transfers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "visit_flags_visit_idx" ON "visit_flags" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_flags_station_idx" ON "visit_flags" USING btree ("station_id","status");--> statement-breakpoint
CREATE INDEX "visit_photos_visit_idx" ON "visit_photos" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_photos_phash_idx" ON "visit_photos" USING btree ("phash");--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_point_complete" CHECK (("visits"."lat" IS NULL) = ("visits"."lng" IS NULL));--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_outcome" CHECK ("visits"."outcome" IS NULL OR "visits"."outcome" IN ('visited','not_home','moved','hospitalised','needs_follow_up','deceased'));