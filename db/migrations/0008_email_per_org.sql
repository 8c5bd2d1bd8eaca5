DROP INDEX "console_users_email_key";--> statement-breakpoint
CREATE UNIQUE INDEX "console_users_org_email_key" ON "console_users" USING btree ("org_id",lower("email"));