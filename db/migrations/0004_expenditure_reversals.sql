ALTER TABLE "expenditures" DROP CONSTRAINT "expenditures_amount_positive";--> statement-breakpoint
ALTER TABLE "expenditures" ADD COLUMN "reverses_id" integer;--> statement-breakpoint
ALTER TABLE "expenditures" ADD COLUMN "reversal_reason" text;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_reverses_id_expenditures_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."expenditures"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_one_reversal" UNIQUE("reverses_id");--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_amount_sign" CHECK (("expenditures"."reverses_id" is null and "expenditures"."amount_fen" > 0) or ("expenditures"."reverses_id" is not null and "expenditures"."amount_fen" < 0));--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_reversal_reason" CHECK ("expenditures"."reverses_id" is null or length(btrim(coalesce("expenditures"."reversal_reason", ''))) > 0);