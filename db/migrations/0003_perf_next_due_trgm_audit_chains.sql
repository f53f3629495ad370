-- Issue 7 (load): the register sorts by a stored next due date, name search uses trigrams, the audit log has chains.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "next_due_on" date;--> statement-breakpoint
UPDATE "people" p SET "next_due_on" = v.due
  FROM (SELECT "person_id", min("due_on") AS due FROM "visits" WHERE "status" = 'scheduled' GROUP BY "person_id") v
  WHERE v."person_id" = p."id";--> statement-breakpoint
CREATE INDEX "audit_log_chain_idx" ON "audit_log" USING btree ("chain","id");--> statement-breakpoint
CREATE INDEX "people_station_next_due_idx" ON "people" USING btree ("station_id","next_due_on","full_name","id");--> statement-breakpoint
CREATE INDEX "people_name_trgm_idx" ON "people" USING gin ("full_name" gin_trgm_ops);--> statement-breakpoint
-- people.next_due_on = the earliest due_on of the person's scheduled visits, whatever code writes visits.
-- Statement-level with transition tables: a bulk insert (import, scheduler) costs one UPDATE, not one per row.
CREATE OR REPLACE FUNCTION people_refresh_next_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new visit can only bring the date forward.
    UPDATE people p SET next_due_on = least(p.next_due_on, n.due)
      FROM (SELECT person_id, min(due_on) AS due FROM new_visits WHERE status = 'scheduled' GROUP BY person_id) n
      WHERE p.id = n.person_id AND p.next_due_on IS DISTINCT FROM least(p.next_due_on, n.due);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE people p SET next_due_on = d.due
      FROM (
        SELECT c.person_id,
          (SELECT min(v.due_on) FROM visits v WHERE v.person_id = c.person_id AND v.status = 'scheduled') AS due
        FROM (
          SELECT o.person_id FROM old_visits o JOIN new_visits n ON n.id = o.id
            WHERE o.status IS DISTINCT FROM n.status OR o.due_on <> n.due_on OR o.person_id <> n.person_id
          UNION
          SELECT n.person_id FROM old_visits o JOIN new_visits n ON n.id = o.id
            WHERE o.status IS DISTINCT FROM n.status OR o.due_on <> n.due_on OR o.person_id <> n.person_id
        ) c
      ) d
      WHERE p.id = d.person_id AND p.next_due_on IS DISTINCT FROM d.due;
  ELSE
    UPDATE people p SET next_due_on = d.due
      FROM (
        SELECT c.person_id,
          (SELECT min(v.due_on) FROM visits v WHERE v.person_id = c.person_id AND v.status = 'scheduled') AS due
        FROM (SELECT DISTINCT person_id FROM old_visits WHERE status = 'scheduled') c
      ) d
      WHERE p.id = d.person_id AND p.next_due_on IS DISTINCT FROM d.due;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER visits_next_due_insert AFTER INSERT ON "visits"
  REFERENCING NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION people_refresh_next_due();--> statement-breakpoint
CREATE TRIGGER visits_next_due_update AFTER UPDATE ON "visits"
  REFERENCING OLD TABLE AS old_visits NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION people_refresh_next_due();--> statement-breakpoint
CREATE TRIGGER visits_next_due_delete AFTER DELETE ON "visits"
  REFERENCING OLD TABLE AS old_visits FOR EACH STATEMENT EXECUTE FUNCTION people_refresh_next_due();
