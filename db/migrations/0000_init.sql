CREATE TYPE "public"."actor_type" AS ENUM('user', 'admin', 'agent', 'system', 'policy');--> statement-breakpoint
CREATE TYPE "public"."api_token_role" AS ENUM('admin', 'auditor');--> statement-breakpoint
CREATE TYPE "public"."client_type" AS ENUM('public', 'confidential');--> statement-breakpoint
CREATE TYPE "public"."consent_change" AS ENUM('granted', 'widened', 'narrowed', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."consent_mechanism" AS ENUM('interactive', 'policy', 'admin');--> statement-breakpoint
CREATE TYPE "public"."consent_status" AS ENUM('active', 'revoked', 'expired');--> statement-breakpoint
CREATE TYPE "public"."console_role" AS ENUM('owner', 'admin', 'auditor');--> statement-breakpoint
CREATE TYPE "public"."console_user_status" AS ENUM('active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."registration_method" AS ENUM('dcr', 'cimd', 'preregistered', 'manual');--> statement-breakpoint
CREATE TYPE "public"."revocation_kind" AS ENUM('token', 'family', 'grant', 'agent', 'subject');--> statement-breakpoint
CREATE TYPE "public"."source_kind" AS ENUM('authorization_server', 'mcp_server', 'gateway');--> statement-breakpoint
CREATE TYPE "public"."source_status" AS ENUM('active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."token_type" AS ENUM('access_token', 'refresh_token');--> statement-breakpoint
CREATE TYPE "public"."verification_status" AS ENUM('pending', 'verified', 'suspended', 'blocked');--> statement-breakpoint
CREATE TABLE "org_counters" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"revocation_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"retention_days" integer DEFAULT 365 NOT NULL,
	"demo_mode" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "console_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"role" "console_role" NOT NULL,
	"status" "console_user_status" DEFAULT 'active' NOT NULL,
	"password_hash" text,
	"password_is_temporary" boolean DEFAULT false NOT NULL,
	"oidc_issuer" text,
	"oidc_sub" text,
	"role_from_sso" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" "api_token_role" NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ingested_events" (
	"org_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingested_events_source_id_event_id_pk" PRIMARY KEY("source_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "ingestion_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" integer NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"ciphertext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "source_kind" NOT NULL,
	"issuer" text,
	"resource" text,
	"revocation_webhook_url" text,
	"status" "source_status" DEFAULT 'active' NOT NULL,
	"api_key_hash" text NOT NULL,
	"api_key_prefix" text NOT NULL,
	"rate_limit_per_minute" integer DEFAULT 6000 NOT NULL,
	"accepted_count" bigint DEFAULT 0 NOT NULL,
	"duplicate_count" bigint DEFAULT 0 NOT NULL,
	"refused_count" bigint DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcp_servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"name" text,
	"source_id" uuid,
	"authorization_servers" text[] DEFAULT '{}' NOT NULL,
	"scopes_supported" text[] DEFAULT '{}' NOT NULL,
	"catalog_time" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcp_tools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"server_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"required_scopes" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scope_catalog" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"server_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"description" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_metadata_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"changes" jsonb NOT NULL,
	"source_event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"from_status" "verification_status",
	"to_status" "verification_status" NOT NULL,
	"reason" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"registration_method" "registration_method" DEFAULT 'manual' NOT NULL,
	"client_type" "client_type",
	"application_type" text,
	"client_name" text,
	"client_uri" text,
	"logo_uri" text,
	"redirect_uris" text[] DEFAULT '{}' NOT NULL,
	"grant_types" text[] DEFAULT '{}' NOT NULL,
	"token_endpoint_auth_method" text,
	"software_id" text,
	"software_version" text,
	"software_statement_iss" text,
	"contacts" text[] DEFAULT '{}' NOT NULL,
	"scope" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"family_key" text,
	"verification_status" "verification_status" DEFAULT 'pending' NOT NULL,
	"status_changed_at" timestamp with time zone,
	"not_before" timestamp with time zone,
	"metadata_time" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"reuse_detected_at" timestamp with time zone,
	"passthrough_detected_at" timestamp with time zone,
	"denial_count" bigint DEFAULT 0 NOT NULL,
	"rejection_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"sub" text NOT NULL,
	"name" text,
	"email" text,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_scope_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"change" "consent_change" NOT NULL,
	"added" text[] DEFAULT '{}' NOT NULL,
	"removed" text[] DEFAULT '{}' NOT NULL,
	"scopes_after" text[] DEFAULT '{}' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor" jsonb,
	"reason" text,
	"source_event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"external_id" text,
	"agent_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"resource" text,
	"scopes" text[] DEFAULT '{}' NOT NULL,
	"status" "consent_status" DEFAULT 'active' NOT NULL,
	"mechanism" "consent_mechanism",
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"token_ref" text NOT NULL,
	"token_type" "token_type",
	"agent_id" uuid,
	"subject_id" uuid,
	"consent_id" uuid,
	"family_id" text,
	"parent_ref" text,
	"scopes" text[] DEFAULT '{}' NOT NULL,
	"resource" text,
	"grant_type" text,
	"issued_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tool_usage" (
	"org_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"tool" text NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"ok_count" bigint DEFAULT 0 NOT NULL,
	"error_count" bigint DEFAULT 0 NOT NULL,
	"denied_count" bigint DEFAULT 0 NOT NULL,
	"first_used_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "tool_usage_org_id_agent_id_resource_tool_scope_pk" PRIMARY KEY("org_id","agent_id","resource","tool","scope")
);
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"from_event_id" bigint NOT NULL,
	"to_event_id" bigint NOT NULL,
	"event_count" bigint NOT NULL,
	"total_events" bigint NOT NULL,
	"merkle_root" text NOT NULL,
	"previous_hash" text,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial NOT NULL,
	"org_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"understood" boolean DEFAULT true NOT NULL,
	"source_id" uuid,
	"source_event_id" text,
	"actor_type" "actor_type",
	"actor_id" text,
	"actor_label" text,
	"agent_id" uuid,
	"issuer" text,
	"client_id" text,
	"subject_id" uuid,
	"sub" text,
	"resource" text,
	"tool" text,
	"token_ref" text,
	"outcome" text,
	"ip" text,
	"user_agent" text,
	"reason" text,
	"summary" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_events_id_recorded_at_pk" PRIMARY KEY("id","recorded_at")
) PARTITION BY RANGE ("recorded_at");
--> statement-breakpoint
-- Monthly partitions are created ahead by db/queries/audit-partitions.ts at start and hourly after.
-- The default partition only catches rows outside them (a clock far off), so nothing is ever lost.
CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "outbox_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"target_url" text NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revocation_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"kind" "revocation_kind" NOT NULL,
	"token_ref" text,
	"family_id" text,
	"issuer" text,
	"client_id" text,
	"sub" text,
	"revoked_at" timestamp with time zone NOT NULL,
	"not_before" timestamp with time zone,
	"reason" text,
	"actor" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_counters" ADD CONSTRAINT "org_counters_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_users" ADD CONSTRAINT "console_users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_api_tokens" ADD CONSTRAINT "admin_api_tokens_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingestion_refusals" ADD CONSTRAINT "ingestion_refusals_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_secrets" ADD CONSTRAINT "source_secrets_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_tools" ADD CONSTRAINT "mcp_tools_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scope_catalog" ADD CONSTRAINT "scope_catalog_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_metadata_changes" ADD CONSTRAINT "agent_metadata_changes_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_verifications" ADD CONSTRAINT "agent_verifications_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD CONSTRAINT "consent_scope_changes_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_outbox_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."outbox_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_entry_id_revocation_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."revocation_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocation_entries" ADD CONSTRAINT "revocation_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "console_users_email_key" ON "console_users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "console_users_oidc_key" ON "console_users" USING btree ("oidc_issuer","oidc_sub");--> statement-breakpoint
CREATE INDEX "console_users_org_idx" ON "console_users" USING btree ("org_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "admin_api_tokens_hash_key" ON "admin_api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "admin_api_tokens_org_idx" ON "admin_api_tokens" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "ingestion_refusals_source_idx" ON "ingestion_refusals" USING btree ("source_id","at");--> statement-breakpoint
CREATE INDEX "source_secrets_source_idx" ON "source_secrets" USING btree ("source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sources_api_key_key" ON "sources" USING btree ("api_key_hash");--> statement-breakpoint
CREATE INDEX "sources_org_idx" ON "sources" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mcp_servers_resource_key" ON "mcp_servers" USING btree ("org_id","resource");--> statement-breakpoint
CREATE UNIQUE INDEX "mcp_tools_name_key" ON "mcp_tools" USING btree ("server_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "scope_catalog_scope_key" ON "scope_catalog" USING btree ("server_id","scope");--> statement-breakpoint
CREATE INDEX "scope_catalog_org_scope_idx" ON "scope_catalog" USING btree ("org_id","scope");--> statement-breakpoint
CREATE INDEX "agent_metadata_changes_agent_idx" ON "agent_metadata_changes" USING btree ("agent_id","occurred_at");--> statement-breakpoint
CREATE INDEX "agent_verifications_agent_idx" ON "agent_verifications" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_client_key" ON "agents" USING btree ("org_id","issuer","client_id");--> statement-breakpoint
CREATE INDEX "agents_status_idx" ON "agents" USING btree ("org_id","verification_status","created_at");--> statement-breakpoint
CREATE INDEX "agents_family_idx" ON "agents" USING btree ("org_id","family_key");--> statement-breakpoint
CREATE INDEX "agents_name_idx" ON "agents" USING btree ("org_id",lower("client_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_key" ON "subjects" USING btree ("org_id","issuer","sub");--> statement-breakpoint
CREATE INDEX "subjects_sub_idx" ON "subjects" USING btree ("org_id","sub");--> statement-breakpoint
CREATE INDEX "consent_scope_changes_consent_idx" ON "consent_scope_changes" USING btree ("consent_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consents_key" ON "consents" USING btree ("org_id","key");--> statement-breakpoint
CREATE INDEX "consents_agent_idx" ON "consents" USING btree ("org_id","agent_id","status");--> statement-breakpoint
CREATE INDEX "consents_subject_idx" ON "consents" USING btree ("org_id","subject_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tokens_ref_key" ON "tokens" USING btree ("org_id","token_ref");--> statement-breakpoint
CREATE INDEX "tokens_family_idx" ON "tokens" USING btree ("org_id","family_id");--> statement-breakpoint
CREATE INDEX "tokens_agent_idx" ON "tokens" USING btree ("org_id","agent_id","expires_at");--> statement-breakpoint
CREATE INDEX "tokens_subject_idx" ON "tokens" USING btree ("org_id","subject_id");--> statement-breakpoint
CREATE INDEX "tokens_consent_idx" ON "tokens" USING btree ("org_id","consent_id");--> statement-breakpoint
CREATE INDEX "audit_checkpoints_org_idx" ON "audit_checkpoints" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_org_time_idx" ON "audit_events" USING btree ("org_id","occurred_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "audit_events_agent_idx" ON "audit_events" USING btree ("org_id","agent_id","occurred_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("org_id","subject_id","occurred_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "audit_events_type_idx" ON "audit_events" USING btree ("org_id","type","occurred_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "audit_events_resource_idx" ON "audit_events" USING btree ("org_id","resource","occurred_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "audit_events_recorded_idx" ON "audit_events" USING btree ("org_id","recorded_at","id");--> statement-breakpoint
CREATE INDEX "delivery_attempts_delivery_idx" ON "delivery_attempts" USING btree ("delivery_id","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_deliveries_entry_source_key" ON "outbox_deliveries" USING btree ("entry_id","source_id");--> statement-breakpoint
CREATE INDEX "outbox_deliveries_due_idx" ON "outbox_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "revocation_entries_seq_key" ON "revocation_entries" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "revocation_entries_token_idx" ON "revocation_entries" USING btree ("org_id","token_ref");--> statement-breakpoint
CREATE INDEX "revocation_entries_client_idx" ON "revocation_entries" USING btree ("org_id","issuer","client_id");