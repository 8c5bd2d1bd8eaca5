DROP INDEX "audit_events_org_time_idx";--> statement-breakpoint
DROP INDEX "audit_events_agent_idx";--> statement-breakpoint
DROP INDEX "audit_events_subject_idx";--> statement-breakpoint
DROP INDEX "audit_events_type_idx";--> statement-breakpoint
DROP INDEX "audit_events_resource_idx";--> statement-breakpoint
DROP INDEX "audit_events_tool_idx";--> statement-breakpoint
DROP INDEX "audit_events_outcome_idx";--> statement-breakpoint
DROP INDEX "audit_events_ip_idx";--> statement-breakpoint
DROP INDEX "audit_events_source_idx";--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD COLUMN "version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "number" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each org numbers its own events 1, 2, 3…, from a sequence of its own (nextval never waits for
-- another writer), named audit_event_numbers_<org id as 32 hex digits>. An insert that leaves
-- number at 0 takes the next one; rows moved between partitions keep theirs.
CREATE FUNCTION audit_events_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seq text := 'audit_event_numbers_' || replace(NEW.org_id::text, '-', '');
BEGIN
  IF NEW.number <> 0 THEN
    RETURN NEW;
  END IF;
  IF to_regclass(seq) IS NULL THEN
    -- An org's first event: writers of it take turns creating its sequence.
    PERFORM pg_advisory_xact_lock(hashtext(seq));
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq);
  END IF;
  NEW.number := nextval(seq::regclass);
  RETURN NEW;
END
$$;--> statement-breakpoint
UPDATE "audit_events" e SET "number" = n.rn
  FROM (SELECT id, org_id, recorded_at,
          row_number() OVER (PARTITION BY org_id ORDER BY id) AS rn FROM "audit_events") n
  WHERE e.id = n.id AND e.org_id = n.org_id AND e.recorded_at = n.recorded_at;--> statement-breakpoint
DO $$
DECLARE
  o record;
  seq text;
BEGIN
  FOR o IN SELECT org_id, max("number") AS last FROM "audit_events" GROUP BY org_id LOOP
    seq := 'audit_event_numbers_' || replace(o.org_id::text, '-', '');
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq);
    PERFORM setval(seq::regclass, o.last);
  END LOOP;
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_number BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_number();--> statement-breakpoint
CREATE INDEX "audit_events_number_idx" ON "audit_events" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "audit_events_org_time_idx" ON "audit_events" USING btree ("org_id","occurred_at" desc,"number" desc);--> statement-breakpoint
CREATE INDEX "audit_events_agent_idx" ON "audit_events" USING btree ("org_id","agent_id","occurred_at" desc,"number" desc);--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("org_id","subject_id","occurred_at" desc,"number" desc);--> statement-breakpoint
CREATE INDEX "audit_events_type_idx" ON "audit_events" USING btree ("org_id","type","occurred_at" desc,"number" desc);--> statement-breakpoint
CREATE INDEX "audit_events_resource_idx" ON "audit_events" USING btree ("org_id","resource","occurred_at" desc,"number" desc);--> statement-breakpoint
CREATE INDEX "audit_events_tool_idx" ON "audit_events" USING btree ("org_id","tool","occurred_at" desc,"number" desc) WHERE "audit_events"."tool" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_outcome_idx" ON "audit_events" USING btree ("org_id","outcome","occurred_at" desc,"number" desc) WHERE "audit_events"."outcome" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_ip_idx" ON "audit_events" USING btree ("org_id","ip","occurred_at" desc,"number" desc) WHERE "audit_events"."ip" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_source_idx" ON "audit_events" USING btree ("org_id","source_id","occurred_at" desc,"number" desc) WHERE "audit_events"."source_id" is not null;
