import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rowsOf } from '../client';
import {
  deliveryAttempts,
  outboxDeliveries,
  revocationEntries,
  sourceSecrets,
  sources,
} from '../schema';

/** The push outbox (lib/revocations/outbox): claims, attempts and what the console shows. */

export type ClaimedDelivery = {
  id: string;
  orgId: string;
  entryId: string;
  sourceId: string;
  targetUrl: string;
  attempts: number;
  createdAt: Date;
};

/**
 * Takes up to `limit` due deliveries for one attempt each. The claim moves their
 * `next_attempt_at` past the lease, so no other worker (in this or another hub process sharing the
 * database) takes them while the attempt runs, and a worker that dies mid-attempt leaves them due
 * again once the lease ends. `skip locked` lets concurrent claims pass each other instead of
 * waiting or taking the same rows.
 */
export async function claimDueDeliveries(
  db: Executor,
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedDelivery[]> {
  const result = await db.execute(sql`
    update outbox_deliveries d
    set next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
    where d.id in (
      select id from outbox_deliveries
      where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at, created_at
      limit ${limit}
      for update skip locked)
    returning d.id, d.org_id as "orgId", d.entry_id as "entryId", d.source_id as "sourceId",
      d.target_url as "targetUrl", d.attempts, d.created_at as "createdAt"`);
  return rowsOf<ClaimedDelivery & { createdAt: Date | string }>(result).map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
  }));
}

export async function loadEntries(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(revocationEntries).where(inArray(revocationEntries.id, ids));
}

/**
 * Each source's status and current signing secret (encrypted): the newest one without an end, or
 * during a grace period the newest still valid.
 */
export async function loadSigningSources(db: Executor, sourceIds: string[]) {
  if (sourceIds.length === 0) return [];
  const list = await db
    .select({ id: sources.id, status: sources.status })
    .from(sources)
    .where(inArray(sources.id, sourceIds));
  const secrets = await db
    .select({
      id: sourceSecrets.id,
      sourceId: sourceSecrets.sourceId,
      ciphertext: sourceSecrets.ciphertext,
      expiresAt: sourceSecrets.expiresAt,
    })
    .from(sourceSecrets)
    .where(
      and(
        inArray(sourceSecrets.sourceId, sourceIds),
        or(isNull(sourceSecrets.expiresAt), gt(sourceSecrets.expiresAt, new Date())),
      ),
    )
    .orderBy(sql`${sourceSecrets.expiresAt} is null desc`, desc(sourceSecrets.createdAt));
  return list.map((s) => ({ ...s, secret: secrets.find((x) => x.sourceId === s.id) ?? null }));
}

export type AttemptOutcome = {
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** delivered (2xx), retry at `nextAttemptAt`, or given up */
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt: Date | null;
};

/** Records one attempt and its consequence on the delivery, together. */
export async function recordAttempt(
  db: Executor,
  delivery: Pick<ClaimedDelivery, 'id' | 'orgId' | 'sourceId'>,
  outcome: AttemptOutcome,
): Promise<void> {
  await db.insert(deliveryAttempts).values({
    orgId: delivery.orgId,
    deliveryId: delivery.id,
    attemptedAt: outcome.at,
    statusCode: outcome.statusCode,
    error: outcome.error,
    durationMs: outcome.durationMs,
  });
  await db
    .update(outboxDeliveries)
    .set({
      status: outcome.status,
      attempts: sql`${outboxDeliveries.attempts} + 1`,
      lastAttemptAt: outcome.at,
      deliveredAt: outcome.status === 'delivered' ? outcome.at : null,
      lastError: outcome.status === 'delivered' ? null : outcome.error,
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
    })
    .where(and(eq(outboxDeliveries.id, delivery.id), eq(outboxDeliveries.status, 'pending')));
  if (outcome.status === 'delivered') {
    // A push answered 2xx acknowledges the entry and shows the source is live (Enforcement).
    await db
      .update(sources)
      .set({
        lastPushDeliveredAt: sql`greatest(${sources.lastPushDeliveredAt}, ${outcome.at.toISOString()}::timestamptz)`,
      })
      .where(eq(sources.id, delivery.sourceId));
  }
}

/** The earliest moment a pending delivery falls due, to sleep until it. */
export async function nextDueAt(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${outboxDeliveries.nextAttemptAt})` })
    .from(outboxDeliveries)
    .where(eq(outboxDeliveries.status, 'pending'));
  return row?.at ? new Date(row.at) : null;
}

/** Every delivery of the org's entries, with the source's name, for the console and the API. */
export async function listDeliveriesOfEntries(db: Executor, orgId: string, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .select({
      id: outboxDeliveries.id,
      entryId: outboxDeliveries.entryId,
      sourceId: outboxDeliveries.sourceId,
      sourceName: sources.name,
      targetUrl: outboxDeliveries.targetUrl,
      status: outboxDeliveries.status,
      attempts: outboxDeliveries.attempts,
      nextAttemptAt: outboxDeliveries.nextAttemptAt,
      lastAttemptAt: outboxDeliveries.lastAttemptAt,
      deliveredAt: outboxDeliveries.deliveredAt,
      lastError: outboxDeliveries.lastError,
    })
    .from(outboxDeliveries)
    .innerJoin(sources, eq(sources.id, outboxDeliveries.sourceId))
    .where(and(eq(outboxDeliveries.orgId, orgId), inArray(outboxDeliveries.entryId, entryIds)))
    .orderBy(asc(sources.name));
}

export type DeliveryView = Awaited<ReturnType<typeof listDeliveriesOfEntries>>[number];

/** The attempts of the given deliveries, newest first. */
export async function listAttempts(db: Executor, orgId: string, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .select({
      deliveryId: deliveryAttempts.deliveryId,
      attemptedAt: deliveryAttempts.attemptedAt,
      statusCode: deliveryAttempts.statusCode,
      error: deliveryAttempts.error,
      durationMs: deliveryAttempts.durationMs,
    })
    .from(deliveryAttempts)
    .where(
      and(eq(deliveryAttempts.orgId, orgId), inArray(deliveryAttempts.deliveryId, deliveryIds)),
    )
    .orderBy(desc(deliveryAttempts.attemptedAt));
}

export type AttemptView = Awaited<ReturnType<typeof listAttempts>>[number];
