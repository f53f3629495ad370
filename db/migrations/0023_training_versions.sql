ALTER TABLE "conflicts" DROP CONSTRAINT "conflicts_kind";--> statement-breakpoint
ALTER TABLE "conflicts" DROP CONSTRAINT "conflicts_scope";--> statement-breakpoint
ALTER TABLE "conflicts" ADD COLUMN "training_id" integer;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_kind" CHECK (kind IN ('visit','person','activity','training'));--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_scope" CHECK ("conflicts"."person_id" IS NOT NULL OR "conflicts"."activity_id" IS NOT NULL OR "conflicts"."training_id" IS NOT NULL);--> statement-breakpoint
-- ADR 014: a training's edit form carries the version it was rendered from; a stale save becomes a conflict.
CREATE TRIGGER trainings_version BEFORE UPDATE ON trainings FOR EACH ROW EXECUTE FUNCTION raise_row_version();
