ALTER TABLE "facilities" DROP CONSTRAINT "facilities_staff_count";--> statement-breakpoint
ALTER TABLE "facilities" DROP COLUMN "staff_count";