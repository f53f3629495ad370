-- Names across spellings and duplicate files (issue 16): a Tibetan-script name, the canonical name key and the search
-- forms of each file (filled by refreshNameKeys right after the migrations, scripts/prepare-database.ts: they are
-- made in JavaScript), the file a duplicate was merged into, and pairs judged to be different people.
CREATE TABLE "person_pair_decisions" (
	"low_person_id" integer NOT NULL,
	"high_person_id" integer NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	CONSTRAINT "person_pair_decisions_low_person_id_high_person_id_pk" PRIMARY KEY("low_person_id","high_person_id"),
	CONSTRAINT "person_pair_decisions_ordered" CHECK ("person_pair_decisions"."low_person_id" < "person_pair_decisions"."high_person_id")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_bo" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_search" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "person_pair_decisions" ADD CONSTRAINT "person_pair_decisions_low_person_id_people_id_fk" FOREIGN KEY ("low_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_pair_decisions" ADD CONSTRAINT "person_pair_decisions_high_person_id_people_id_fk" FOREIGN KEY ("high_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_pair_decisions" ADD CONSTRAINT "person_pair_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_pair_decisions_high_idx" ON "person_pair_decisions" USING btree ("high_person_id");--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_merged_into_id_people_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_name_search_trgm_idx" ON "people" USING gin ("name_search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_name_key_idx" ON "people" USING btree ("name_key","birth_date");--> statement-breakpoint
CREATE INDEX "people_birth_date_idx" ON "people" USING btree ("birth_date","sex");--> statement-breakpoint
CREATE INDEX "people_merged_into_idx" ON "people" USING btree ("merged_into_id") WHERE "people"."merged_into_id" IS NOT NULL;