ALTER TABLE "audit_verifications" ADD COLUMN "kind" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_verifications" ADD COLUMN "checked_from_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_verifications" ADD COLUMN "checked_checkpoints" bigint;--> statement-breakpoint
ALTER TABLE "audit_verifications" ADD COLUMN "checked_events" bigint;