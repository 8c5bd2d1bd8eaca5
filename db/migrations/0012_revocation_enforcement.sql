CREATE TABLE "revocation_acks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"through_seq" bigint NOT NULL,
	"acked_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revocation_leaks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"agent_id" uuid,
	"client_id" text,
	"sub" text,
	"count" integer DEFAULT 1 NOT NULL,
	"refreshes" integer DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "enforces_revocations" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "applied_through_seq" bigint;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_push_delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "revocation_acks" ADD CONSTRAINT "revocation_acks_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocation_leaks" ADD CONSTRAINT "revocation_leaks_entry_id_revocation_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."revocation_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocation_leaks" ADD CONSTRAINT "revocation_leaks_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "revocation_acks_source_idx" ON "revocation_acks" USING btree ("source_id","through_seq","acked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "revocation_leaks_entry_source_key" ON "revocation_leaks" USING btree ("entry_id","source_id");--> statement-breakpoint
CREATE INDEX "revocation_leaks_org_idx" ON "revocation_leaks" USING btree ("org_id","detected_at","id");