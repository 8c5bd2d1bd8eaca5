CREATE TABLE "grant_revocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"subject_id" uuid,
	"consent_key" text,
	"resource" text,
	"scopes" text[],
	"occurred_at" timestamp with time zone NOT NULL,
	"event_type" text NOT NULL,
	"reason" text,
	"actor" jsonb,
	"source_event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_usage" (
	"org_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grant_usage_org_id_agent_id_subject_id_resource_pk" PRIMARY KEY("org_id","agent_id","subject_id","resource")
);
--> statement-breakpoint
CREATE TABLE "token_family_revocations" (
	"org_id" uuid NOT NULL,
	"family_id" text NOT NULL,
	"revoked_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "token_family_revocations_org_id_family_id_pk" PRIMARY KEY("org_id","family_id")
);
--> statement-breakpoint
CREATE TABLE "token_usage" (
	"org_id" uuid NOT NULL,
	"token_ref" text NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "token_usage_org_id_token_ref_pk" PRIMARY KEY("org_id","token_ref")
);
--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD COLUMN "catalog_hash" text;--> statement-breakpoint
ALTER TABLE "agent_metadata_changes" ADD COLUMN "kind" text DEFAULT 'updated' NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_metadata_changes" ADD COLUMN "method" "registration_method";--> statement-breakpoint
ALTER TABLE "agent_metadata_changes" ADD COLUMN "fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "last_registered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "last_deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD COLUMN "kind" text DEFAULT 'grant' NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD COLUMN "requested" text[];--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD COLUMN "resource" text;--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD COLUMN "mechanism" "consent_mechanism";--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD COLUMN "revocation_id" uuid;--> statement-breakpoint
ALTER TABLE "tokens" ADD COLUMN "consent_key" text;--> statement-breakpoint
ALTER TABLE "tokens" ADD COLUMN "own_revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tokens" ADD COLUMN "own_revocation_reason" text;--> statement-breakpoint
ALTER TABLE "tokens" ADD COLUMN "revoked_by" text;--> statement-breakpoint
ALTER TABLE "grant_revocations" ADD CONSTRAINT "grant_revocations_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_revocations" ADD CONSTRAINT "grant_revocations_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_family_revocations" ADD CONSTRAINT "token_family_revocations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_revocations_agent_idx" ON "grant_revocations" USING btree ("org_id","agent_id","subject_id");--> statement-breakpoint
ALTER TABLE "consent_scope_changes" ADD CONSTRAINT "consent_scope_changes_revocation_id_grant_revocations_id_fk" FOREIGN KEY ("revocation_id") REFERENCES "public"."grant_revocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tokens_consent_key_idx" ON "tokens" USING btree ("org_id","consent_key");