-- The name keys (name_key, name_search) are derived from the name by refreshNameKeys whenever the variant table
-- changes; recomputing them is not an edit of the file, so it must not raise the version (ADR 014) and turn every
-- queued offline edit into a conflict.
CREATE OR REPLACE FUNCTION raise_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'version' - 'updated_at' - 'next_due_on' - 'name_key' - 'name_search')
     IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'updated_at' - 'next_due_on' - 'name_key' - 'name_search') THEN
    NEW.version := OLD.version + 1;
  ELSE
    NEW.version := OLD.version;
  END IF;
  RETURN NEW;
END $$;
