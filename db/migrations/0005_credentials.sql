ALTER TABLE "admin_api_tokens" ADD COLUMN "service" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "previous_api_key_hash" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "previous_api_key_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sources_previous_api_key_idx" ON "sources" USING btree ("previous_api_key_hash") WHERE "sources"."previous_api_key_hash" is not null;