import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { SourceKind } from '../schema/values';
import type { Executor } from '../client';
import { ingestionRefusals, sourceSecrets, sources } from '../schema';

/** What lists and the API show of a source: never a secret or a key hash. */
export const sourceColumns = {
  id: sources.id,
  orgId: sources.orgId,
  name: sources.name,
  kind: sources.kind,
  issuer: sources.issuer,
  resource: sources.resource,
  additionalResources: sources.additionalResources,
  revocationWebhookUrl: sources.revocationWebhookUrl,
  enforcesRevocations: sources.enforcesRevocations,
  appliedThroughSeq: sources.appliedThroughSeq,
  lastHeartbeatAt: sources.lastHeartbeatAt,
  lastPushDeliveredAt: sources.lastPushDeliveredAt,
  status: sources.status,
  apiKeyPrefix: sources.apiKeyPrefix,
  rateLimitPerMinute: sources.rateLimitPerMinute,
  acceptedCount: sources.acceptedCount,
  duplicateCount: sources.duplicateCount,
  refusedCount: sources.refusedCount,
  lastEventAt: sources.lastEventAt,
  disabledAt: sources.disabledAt,
  createdAt: sources.createdAt,
};
export type SourceView = Awaited<ReturnType<typeof listSources>>[number];

export async function listSources(db: Executor, orgId: string) {
  return db
    .select(sourceColumns)
    .from(sources)
    .where(eq(sources.orgId, orgId))
    .orderBy(desc(sources.createdAt));
}

export async function getSource(db: Executor, orgId: string, sourceId: string) {
  const [row] = await db
    .select(sourceColumns)
    .from(sources)
    .where(and(eq(sources.orgId, orgId), eq(sources.id, sourceId)));
  return row ?? null;
}

export type NewSource = {
  id: string;
  name: string;
  kind: SourceKind;
  issuer: string | null;
  resource: string | null;
  additionalResources?: string[];
  revocationWebhookUrl: string | null;
  enforcesRevocations?: boolean;
  apiKeyHash: string;
  apiKeyPrefix: string;
  createdBy: string | null;
};

export async function insertSource(db: Executor, orgId: string, input: NewSource) {
  await db.insert(sources).values({ ...input, orgId });
  return (await getSource(db, orgId, input.id))!;
}

export async function insertSourceSecret(
  db: Executor,
  orgId: string,
  input: { id: string; sourceId: string; ciphertext: string },
) {
  await db.insert(sourceSecrets).values({ ...input, orgId });
}

/** Starts the grace period of every secret of a source still without an end. */
export async function expireSourceSecrets(db: Executor, orgId: string, sourceId: string, at: Date) {
  await db
    .update(sourceSecrets)
    .set({ expiresAt: at })
    .where(
      and(
        eq(sourceSecrets.orgId, orgId),
        eq(sourceSecrets.sourceId, sourceId),
        or(isNull(sourceSecrets.expiresAt), gt(sourceSecrets.expiresAt, at)),
      ),
    );
}

export async function setSourceStatus(
  db: Executor,
  orgId: string,
  sourceId: string,
  status: 'active' | 'disabled',
) {
  const [row] = await db
    .update(sources)
    .set({ status, disabledAt: status === 'disabled' ? new Date() : null })
    .where(and(eq(sources.orgId, orgId), eq(sources.id, sourceId)))
    .returning({ id: sources.id, name: sources.name });
  return row ?? null;
}

/** Whether the source counts where entries should be enforced (revocation.md, Enforcement). */
export async function setSourceEnforcesRevocations(
  db: Executor,
  orgId: string,
  sourceId: string,
  enforces: boolean,
) {
  const [row] = await db
    .update(sources)
    .set({ enforcesRevocations: enforces, updatedAt: new Date() })
    .where(and(eq(sources.orgId, orgId), eq(sources.id, sourceId)))
    .returning(sourceColumns);
  return row ?? null;
}

/**
 * The source named in an ingestion URL, with its live secrets. The path names the source and the
 * source names its org, so this look-up is not scoped by org.
 */
export async function findSourceForIngestion(db: Executor, sourceId: string) {
  const [source] = await db
    .select({
      id: sources.id,
      orgId: sources.orgId,
      kind: sources.kind,
      issuer: sources.issuer,
      resource: sources.resource,
      additionalResources: sources.additionalResources,
      status: sources.status,
      rateLimitPerMinute: sources.rateLimitPerMinute,
    })
    .from(sources)
    .where(eq(sources.id, sourceId));
  if (!source) return null;
  const secrets = await db
    .select({
      id: sourceSecrets.id,
      ciphertext: sourceSecrets.ciphertext,
      expiresAt: sourceSecrets.expiresAt,
    })
    .from(sourceSecrets)
    .where(
      and(
        eq(sourceSecrets.sourceId, sourceId),
        or(isNull(sourceSecrets.expiresAt), gt(sourceSecrets.expiresAt, new Date())),
      ),
    )
    .orderBy(desc(sourceSecrets.createdAt));
  return { ...source, secrets };
}

const KEPT_REFUSALS = 20;

/** Counts a refused request and keeps its reason among the source's last few. */
export async function recordRefusal(
  db: Executor,
  orgId: string,
  sourceId: string,
  status: number,
  reason: string,
) {
  await db
    .insert(ingestionRefusals)
    .values({ orgId, sourceId, status, reason: reason.slice(0, 1000) });
  await db
    .update(sources)
    .set({ refusedCount: sql`${sources.refusedCount} + 1` })
    .where(eq(sources.id, sourceId));
  const old = await db
    .select({ id: ingestionRefusals.id })
    .from(ingestionRefusals)
    .where(eq(ingestionRefusals.sourceId, sourceId))
    .orderBy(desc(ingestionRefusals.at))
    .offset(KEPT_REFUSALS);
  if (old.length)
    await db.delete(ingestionRefusals).where(
      inArray(
        ingestionRefusals.id,
        old.map((r) => r.id),
      ),
    );
}

export async function listRecentRefusals(
  db: Executor,
  orgId: string,
  sourceIds: string[],
  limit = 5,
) {
  if (sourceIds.length === 0) return [];
  return db
    .select({
      sourceId: ingestionRefusals.sourceId,
      at: ingestionRefusals.at,
      status: ingestionRefusals.status,
      reason: ingestionRefusals.reason,
    })
    .from(ingestionRefusals)
    .where(and(eq(ingestionRefusals.orgId, orgId), inArray(ingestionRefusals.sourceId, sourceIds)))
    .orderBy(desc(ingestionRefusals.at))
    .limit(limit * sourceIds.length);
}

/**
 * The source a `hubsrc_…` key belongs to, if active: its current key, or the one a rotation
 * replaced while its grace lasts. The key names its org.
 */
export async function findSourceByApiKeyHash(db: Executor, apiKeyHash: string) {
  const [row] = await db
    .select({ id: sources.id, orgId: sources.orgId, name: sources.name })
    .from(sources)
    .where(
      and(
        or(
          eq(sources.apiKeyHash, apiKeyHash),
          and(
            eq(sources.previousApiKeyHash, apiKeyHash),
            gt(sources.previousApiKeyExpiresAt, sql`now()`),
          ),
        ),
        eq(sources.status, 'active'),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Makes `apiKeyHash` the source's key; the key it replaces works until `previousExpiresAt`. */
export async function replaceSourceApiKey(
  db: Executor,
  orgId: string,
  sourceId: string,
  input: { apiKeyHash: string; apiKeyPrefix: string; previousExpiresAt: Date },
) {
  const [row] = await db
    .update(sources)
    .set({
      previousApiKeyHash: sql`${sources.apiKeyHash}`,
      previousApiKeyExpiresAt: input.previousExpiresAt,
      apiKeyHash: input.apiKeyHash,
      apiKeyPrefix: input.apiKeyPrefix,
      updatedAt: new Date(),
    })
    .where(and(eq(sources.orgId, orgId), eq(sources.id, sourceId)))
    .returning(sourceColumns);
  return row ?? null;
}
