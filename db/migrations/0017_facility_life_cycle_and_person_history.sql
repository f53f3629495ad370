CREATE TABLE "person_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"attribute" text NOT NULL,
	"effective_on" date NOT NULL,
	"categories" text[],
	"status" text,
	"station_id" integer,
	"village_id" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_history_attribute" CHECK (attribute IN ('categories','status','station','village')),
	CONSTRAINT "person_history_value" CHECK (("person_history"."attribute" = 'categories') = ("person_history"."categories" IS NOT NULL)
        AND ("person_history"."attribute" = 'status') = ("person_history"."status" IS NOT NULL)
        AND ("person_history"."attribute" = 'village') = ("person_history"."village_id" IS NOT NULL)
        AND ("person_history"."attribute" = 'station' OR "person_history"."station_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "facilities" DROP CONSTRAINT "facilities_status";--> statement-breakpoint
ALTER TABLE "facility_status_history" DROP CONSTRAINT "facility_status_history_to";--> statement-breakpoint
ALTER TABLE "facility_status_history" DROP CONSTRAINT "facility_status_history_from";--> statement-breakpoint
ALTER TABLE "person_history" ADD CONSTRAINT "person_history_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_history" ADD CONSTRAINT "person_history_station_id_facilities_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."facilities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_history" ADD CONSTRAINT "person_history_village_id_regions_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_history_as_of_idx" ON "person_history" USING btree ("person_id","attribute","effective_on");--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_status" CHECK (status IN ('planned','under_construction','accepted','trial_operation','operating','suspended','closed'));--> statement-breakpoint
ALTER TABLE "facility_status_history" ADD CONSTRAINT "facility_status_history_to" CHECK (to_status IN ('planned','under_construction','accepted','trial_operation','operating','suspended','closed'));--> statement-breakpoint
ALTER TABLE "facility_status_history" ADD CONSTRAINT "facility_status_history_from" CHECK ("facility_status_history"."from_status" IS NULL OR "facility_status_history"."from_status" IN ('planned','under_construction','accepted','trial_operation','operating','suspended','closed'));--> statement-breakpoint
-- ADR 015: every write to a person's categories, status, station or village leaves a history row, whatever code
-- writes it (forms, imports, transfers, merges, visit outcomes, the seed). A change takes effect today (Asia/Shanghai),
-- a status change on its own date (status_on); a new file from the day it was created, an inactive one active until
-- its status date.
CREATE OR REPLACE FUNCTION record_person_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  today date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
  since date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    since := (NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date;
    INSERT INTO person_history (person_id, attribute, effective_on, categories) VALUES (NEW.id, 'categories', since, NEW.categories);
    INSERT INTO person_history (person_id, attribute, effective_on, station_id) VALUES (NEW.id, 'station', since, NEW.station_id);
    INSERT INTO person_history (person_id, attribute, effective_on, village_id) VALUES (NEW.id, 'village', since, NEW.village_id);
    IF NEW.status <> 'active' AND NEW.status_on > since THEN
      INSERT INTO person_history (person_id, attribute, effective_on, status) VALUES (NEW.id, 'status', since, 'active');
      INSERT INTO person_history (person_id, attribute, effective_on, status) VALUES (NEW.id, 'status', NEW.status_on, NEW.status);
    ELSE
      INSERT INTO person_history (person_id, attribute, effective_on, status) VALUES (NEW.id, 'status', since, NEW.status);
    END IF;
    RETURN NULL;
  END IF;
  IF NEW.categories IS DISTINCT FROM OLD.categories THEN
    INSERT INTO person_history (person_id, attribute, effective_on, categories) VALUES (NEW.id, 'categories', today, NEW.categories);
  END IF;
  IF NEW.station_id IS DISTINCT FROM OLD.station_id THEN
    INSERT INTO person_history (person_id, attribute, effective_on, station_id) VALUES (NEW.id, 'station', today, NEW.station_id);
  END IF;
  IF NEW.village_id IS DISTINCT FROM OLD.village_id THEN
    INSERT INTO person_history (person_id, attribute, effective_on, village_id) VALUES (NEW.id, 'village', today, NEW.village_id);
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO person_history (person_id, attribute, effective_on, status) VALUES (NEW.id, 'status', coalesce(NEW.status_on, today), NEW.status);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER people_history AFTER INSERT OR UPDATE OF categories, status, station_id, village_id ON people
  FOR EACH ROW EXECUTE FUNCTION record_person_history();
--> statement-breakpoint
-- The files already registered: their state as of the day each was created (an inactive one active until its date).
INSERT INTO person_history (person_id, attribute, effective_on, categories)
  SELECT id, 'categories', (created_at AT TIME ZONE 'Asia/Shanghai')::date, categories FROM people;
--> statement-breakpoint
INSERT INTO person_history (person_id, attribute, effective_on, station_id)
  SELECT id, 'station', (created_at AT TIME ZONE 'Asia/Shanghai')::date, station_id FROM people;
--> statement-breakpoint
INSERT INTO person_history (person_id, attribute, effective_on, village_id)
  SELECT id, 'village', (created_at AT TIME ZONE 'Asia/Shanghai')::date, village_id FROM people;
--> statement-breakpoint
INSERT INTO person_history (person_id, attribute, effective_on, status)
  SELECT id, 'status', (created_at AT TIME ZONE 'Asia/Shanghai')::date,
    CASE WHEN status <> 'active' AND status_on > (created_at AT TIME ZONE 'Asia/Shanghai')::date THEN 'active' ELSE status END
  FROM people;
--> statement-breakpoint
INSERT INTO person_history (person_id, attribute, effective_on, status)
  SELECT id, 'status', status_on, status FROM people
  WHERE status <> 'active' AND status_on > (created_at AT TIME ZONE 'Asia/Shanghai')::date;
