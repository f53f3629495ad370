-- An email or webhook delivery's claim moves out of last_error ('[sending] since …', expiring 60 s after
-- updated_at) into columns of its own, and "resent after an interrupted attempt" becomes a flag.
ALTER TABLE "reminders" ADD COLUMN "send_claim" uuid;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "send_claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "resent_after_interruption" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "reminders_resent_idx" ON "reminders" USING btree ("sent_at") WHERE "reminders"."resent_after_interruption";--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_send_claim_complete" CHECK (("reminders"."send_claim" IS NULL) = ("reminders"."send_claimed_until" IS NULL));--> statement-breakpoint
-- Claims and resend notes written before this migration keep their meaning: a claim ends 60 s after it was taken.
UPDATE "reminders"
   SET "send_claim" = gen_random_uuid(), "send_claimed_until" = "updated_at" + interval '60 seconds', "last_error" = NULL
 WHERE "last_error" LIKE '[sending]%';--> statement-breakpoint
UPDATE "reminders"
   SET "resent_after_interruption" = true, "last_error" = NULL
 WHERE "status" = 'sent' AND "last_error" LIKE 'resent after an interrupted attempt%';
