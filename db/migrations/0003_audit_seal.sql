-- Sealing (lib/audit/seal). No hub wrote audit_checkpoints before this migration, so the new
-- NOT NULL columns need no backfill. The key gains org_id so months can be partitioned by org.
CREATE TABLE "audit_signing_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"checkpoints" bigint NOT NULL,
	"events" bigint NOT NULL,
	"verified_through" timestamp with time zone,
	"head_seq" bigint,
	"head_hash" text,
	"unsealed_events" bigint DEFAULT 0 NOT NULL,
	"dropped_events" bigint DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
DROP INDEX "audit_checkpoints_org_idx";--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_id_recorded_at_pk";--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_id_recorded_at_org_id_pk" PRIMARY KEY("id","recorded_at","org_id");--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD COLUMN "period_start" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD COLUMN "last_recorded_at" text NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD COLUMN "hash" text NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_verifications_org_idx" ON "audit_verifications" USING btree ("org_id","finished_at" desc);--> statement-breakpoint
CREATE UNIQUE INDEX "audit_checkpoints_org_seq_idx" ON "audit_checkpoints" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "audit_checkpoints_to_event_idx" ON "audit_checkpoints" USING btree ("to_event_id");