-- Free text and one index per filter of the audit page. audit_events is partitioned: an index
-- created on the parent is created on every partition, and on each one made later.
ALTER TABLE "audit_events" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (array_to_tsvector(array_remove(array_remove(
  regexp_split_to_array(lower(
    coalesce(left(summary, 500), '') || ' ' || coalesce(left(actor_label, 200), '') || ' ' ||
    coalesce(left(client_id, 500), '') || ' ' || coalesce(left(sub, 200), '') || ' ' ||
    coalesce(left(tool, 200), '') || ' ' || coalesce(left(token_ref, 200), '') || ' ' ||
    coalesce(left(ip, 100), '') || ' ' || coalesce(left(reason, 500), '')
  ), '[^[:alnum:]]+')
  || array[lower(left(client_id, 200)), lower(left(sub, 200)), lower(left(tool, 200)),
    lower(left(token_ref, 200)), lower(left(ip, 100)), lower(left(actor_label, 200))],
  ''), null))) STORED;--> statement-breakpoint
CREATE INDEX "audit_events_tool_idx" ON "audit_events" USING btree ("org_id","tool","occurred_at" desc,"id" desc) WHERE "audit_events"."tool" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_outcome_idx" ON "audit_events" USING btree ("org_id","outcome","occurred_at" desc,"id" desc) WHERE "audit_events"."outcome" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_ip_idx" ON "audit_events" USING btree ("org_id","ip","occurred_at" desc,"id" desc) WHERE "audit_events"."ip" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_source_idx" ON "audit_events" USING btree ("org_id","source_id","occurred_at" desc,"id" desc) WHERE "audit_events"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_search_idx" ON "audit_events" USING gin ("search");