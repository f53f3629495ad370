-- ADR 014: visits, people and activities carry a version that every change of the row raises, whatever code writes
-- it, so a form or a queued offline write based on an older version is caught as a conflict. Columns kept by other
-- triggers (people.next_due_on) and the bookkeeping ones (updated_at, version) do not count as a change.
CREATE OR REPLACE FUNCTION raise_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'version' - 'updated_at' - 'next_due_on')
     IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'updated_at' - 'next_due_on') THEN
    NEW.version := OLD.version + 1;
  ELSE
    NEW.version := OLD.version;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER visits_version BEFORE UPDATE ON visits FOR EACH ROW EXECUTE FUNCTION raise_row_version();
--> statement-breakpoint
CREATE TRIGGER people_version BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION raise_row_version();
--> statement-breakpoint
CREATE TRIGGER activities_version BEFORE UPDATE ON activities FOR EACH ROW EXECUTE FUNCTION raise_row_version();
