-- Tibetan (bo) joins zh-CN and en as an interface language a user may keep on the account (issue 16).
ALTER TABLE "users" DROP CONSTRAINT "users_locale";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale" CHECK (locale IN ('zh-CN','en','bo'));