import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { orgCounters, orgs, type Org } from '../schema';

export const DEFAULT_ORG_SLUG = 'default';

/** The org a fresh hub starts with; created on first start. */
export async function ensureDefaultOrg(db: Executor): Promise<Org> {
  await db
    .insert(orgs)
    .values({ slug: DEFAULT_ORG_SLUG, name: 'Default organization' })
    .onConflictDoNothing({ target: orgs.slug });
  const [org] = await db.select().from(orgs).where(eq(orgs.slug, DEFAULT_ORG_SLUG));
  await db.insert(orgCounters).values({ orgId: org!.id }).onConflictDoNothing();
  return org!;
}

export async function getOrg(db: Executor, orgId: string): Promise<Org | null> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  return org ?? null;
}

export async function createOrg(db: Executor, input: { slug: string; name: string }): Promise<Org> {
  const [org] = await db.insert(orgs).values(input).returning();
  await db.insert(orgCounters).values({ orgId: org!.id });
  return org!;
}

export async function setOrgDemoMode(
  db: Executor,
  orgId: string,
  demoMode: boolean,
): Promise<void> {
  await db.update(orgs).set({ demoMode }).where(eq(orgs.id, orgId));
}

export async function setOrgRetention(
  db: Executor,
  orgId: string,
  retentionDays: number,
): Promise<void> {
  await db.update(orgs).set({ retentionDays }).where(eq(orgs.id, orgId));
}

/** Whether the hub holds anything a person or server made (the demo starts only on an empty hub). */
export async function isEmptyHub(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgs);
  return (row?.n ?? 0) === 0;
}
