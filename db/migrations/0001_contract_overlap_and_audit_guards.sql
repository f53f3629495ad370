-- Rules drizzle's schema builder cannot express. Written in the subset shared by PostgreSQL 15 and PGlite.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- A facility or care project has at most one active contract for any day.
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_no_overlapping_active_facility"
  EXCLUDE USING gist ("facility_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" = 'active' AND "facility_id" IS NOT NULL);
--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_no_overlapping_active_project"
  EXCLUDE USING gist ("care_project_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" = 'active' AND "care_project_id" IS NOT NULL);
--> statement-breakpoint
-- The audit log is append-only.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
