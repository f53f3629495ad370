CREATE TABLE "contract_evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"kind" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"evaluator" text NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"satisfaction_asked" integer NOT NULL,
	"satisfaction_satisfied" integer NOT NULL,
	"findings" text NOT NULL,
	"conclusion" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_evaluations_kind" CHECK (kind IN ('midterm','final')),
	CONSTRAINT "contract_evaluations_conclusion" CHECK (conclusion IN ('qualified','basically_qualified','unqualified')),
	CONSTRAINT "contract_evaluations_satisfaction" CHECK ("contract_evaluations"."satisfaction_asked" >= 0 AND "contract_evaluations"."satisfaction_satisfied" >= 0 AND "contract_evaluations"."satisfaction_satisfied" <= "contract_evaluations"."satisfaction_asked"),
	CONSTRAINT "contract_evaluations_scores_object" CHECK (jsonb_typeof("contract_evaluations"."scores") = 'object')
);
--> statement-breakpoint
CREATE TABLE "contract_months" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"summary" jsonb NOT NULL,
	"note" text,
	"comment" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" integer,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_months_contract_month_unique" UNIQUE("contract_id","month"),
	CONSTRAINT "contract_months_month_format" CHECK ("contract_months"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "contract_months_status" CHECK (status IN ('submitted','returned','approved','reopened')),
	CONSTRAINT "contract_months_comment_when_sent_back" CHECK ("contract_months"."status" NOT IN ('returned','reopened') OR length(btrim(coalesce("contract_months"."comment", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "reminders" DROP CONSTRAINT "reminders_kind";--> statement-breakpoint
ALTER TABLE "contract_evaluations" ADD CONSTRAINT "contract_evaluations_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_evaluations" ADD CONSTRAINT "contract_evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_months" ADD CONSTRAINT "contract_months_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_months" ADD CONSTRAINT "contract_months_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_months" ADD CONSTRAINT "contract_months_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_evaluations_contract_idx" ON "contract_evaluations" USING btree ("contract_id","evaluated_on");--> statement-breakpoint
CREATE INDEX "contract_months_status_idx" ON "contract_months" USING btree ("status","contract_id");--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_kind" CHECK (kind IN ('visit_due','visit_overdue','visit_escalation','follow_up_due','contract_ending','deliverable_behind','signoff_due','signoff_returned'));