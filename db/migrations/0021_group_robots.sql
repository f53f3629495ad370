CREATE TABLE "group_robots" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer,
	"facility_id" integer,
	"kind" text NOT NULL,
	"url_sealed" text NOT NULL,
	"secret_sealed" text,
	"url_hint" text NOT NULL,
	"updated_by" integer,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_robots_kind" CHECK (kind IN ('wecom','dingtalk')),
	CONSTRAINT "group_robots_one_anchor" CHECK (("group_robots"."region_id" IS NULL) <> ("group_robots"."facility_id" IS NULL)),
	CONSTRAINT "group_robots_secret_dingtalk" CHECK ("group_robots"."secret_sealed" IS NULL OR "group_robots"."kind" = 'dingtalk')
);
--> statement-breakpoint
ALTER TABLE "reminders" DROP CONSTRAINT "reminders_recipient";--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "robot_id" integer;--> statement-breakpoint
ALTER TABLE "group_robots" ADD CONSTRAINT "group_robots_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_robots" ADD CONSTRAINT "group_robots_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_robots" ADD CONSTRAINT "group_robots_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "group_robots_region_unique" ON "group_robots" USING btree ("region_id") WHERE "group_robots"."removed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "group_robots_facility_unique" ON "group_robots" USING btree ("facility_id") WHERE "group_robots"."removed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "group_robots_facility_idx" ON "group_robots" USING btree ("facility_id");--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_robot_id_group_robots_id_fk" FOREIGN KEY ("robot_id") REFERENCES "public"."group_robots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminders_robot_open_idx" ON "reminders" USING btree ("robot_id") WHERE "reminders"."status" IN ('pending','queued');--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_recipient" CHECK ("reminders"."recipient_user_id" IS NOT NULL OR "reminders"."recipient_address" IS NOT NULL OR "reminders"."robot_id" IS NOT NULL);