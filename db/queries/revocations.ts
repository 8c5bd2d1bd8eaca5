import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import {
  consoleUsers,
  orgCounters,
  outboxDeliveries,
  revocationEntries,
  sources,
  type RevocationEntry,
} from '../schema';
import type { RevocationKind } from '../schema/values';

/** The NOTIFY channel on which a new entry's org id is announced. */
export const REVOCATION_CHANNEL = 'hub_revocations';

export type NewRevocationEntry = {
  kind: RevocationKind;
  tokenRef?: string | null;
  familyId?: string | null;
  issuer?: string | null;
  clientId?: string | null;
  sub?: string | null;
  revokedAt: Date;
  notBefore?: Date | null;
  reason?: string | null;
  actor: { type: string; id: string | null };
};

/**
 * Appends a revocation entry with the org's next `seq` and queues its push to every active source
 * with a revocation webhook. See insertRevocationEntries.
 */
export async function insertRevocationEntry(
  db: Executor,
  orgId: string,
  entry: NewRevocationEntry,
) {
  const [row] = await insertRevocationEntries(db, orgId, [entry]);
  return row!;
}

/**
 * Appends entries, in the given order, with the org's next `seq` values and queues their push to
 * every active source with a revocation webhook, in a constant number of statements. The counter
 * row is locked until the transaction ends, so entries of one org get strictly increasing,
 * gap-free `seq` values in commit order.
 */
export async function insertRevocationEntries(
  db: Executor,
  orgId: string,
  entries: readonly NewRevocationEntry[],
): Promise<RevocationEntry[]> {
  if (entries.length === 0) return [];
  const n = BigInt(entries.length);
  const [counter] = await db
    .update(orgCounters)
    .set({ revocationSeq: sql`${orgCounters.revocationSeq} + ${n.toString()}::bigint` })
    .where(eq(orgCounters.orgId, orgId))
    .returning({ seq: orgCounters.revocationSeq });
  if (!counter) throw new Error(`org ${orgId} has no counter row`);
  const first = counter.seq - n + 1n;
  const rows = await db
    .insert(revocationEntries)
    .values(entries.map((entry, i) => ({ ...entry, orgId, seq: first + BigInt(i) })))
    .returning();
  rows.sort((a, b) => (a.seq < b.seq ? -1 : 1));
  const targets = await db
    .select({ id: sources.id, url: sources.revocationWebhookUrl })
    .from(sources)
    .where(
      and(
        eq(sources.orgId, orgId),
        eq(sources.status, 'active'),
        isNotNull(sources.revocationWebhookUrl),
      ),
    );
  // Delivered at commit to every hub process listening (lib/revocations/broadcaster.ts) and to
  // the push worker (lib/revocations/outbox).
  await db.execute(sql`select pg_notify(${REVOCATION_CHANNEL}, ${orgId})`);
  if (targets.length > 0) {
    await db
      .insert(outboxDeliveries)
      .values(
        rows.flatMap((row) =>
          targets.map((t) => ({ orgId, entryId: row.id, sourceId: t.id, targetUrl: t.url! })),
        ),
      );
  }
  return rows;
}

/**
 * Entries that already refuse what `targets` name, for not repeating them: every `token` and
 * `family` entry of those refs and families, and the `agent` and `grant` entries of those agents.
 */
export async function findEntriesForTargets(
  db: Executor,
  orgId: string,
  targets: { tokenRefs: string[]; familyIds: string[]; clientIds: string[] },
): Promise<RevocationEntry[]> {
  const e = revocationEntries;
  const any = [
    targets.tokenRefs.length
      ? and(eq(e.kind, 'token'), inArray(e.tokenRef, targets.tokenRefs))
      : undefined,
    targets.familyIds.length
      ? and(eq(e.kind, 'family'), inArray(e.familyId, targets.familyIds))
      : undefined,
    targets.clientIds.length
      ? and(inArray(e.kind, ['agent', 'grant']), inArray(e.clientId, targets.clientIds))
      : undefined,
  ].filter((c) => c !== undefined);
  if (any.length === 0) return [];
  return db
    .select()
    .from(e)
    .where(and(eq(e.orgId, orgId), or(...any)));
}

/** Entries after `after` in `seq` order: the feed and the stream's catch-up. */
export async function listRevocationEntriesAfter(
  db: Executor,
  orgId: string,
  after: bigint,
  limit: number,
) {
  return db
    .select()
    .from(revocationEntries)
    .where(and(eq(revocationEntries.orgId, orgId), gt(revocationEntries.seq, after)))
    .orderBy(asc(revocationEntries.seq))
    .limit(limit);
}

export const revocationSortKeys = ['seq'] as const;

export type RevocationListFilter = { q: string; kinds: string[] };

function listWhere(orgId: string, filter: RevocationListFilter) {
  const e = revocationEntries;
  const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return and(
    eq(e.orgId, orgId),
    filter.kinds.length ? inArray(e.kind, filter.kinds as RevocationKind[]) : undefined,
    filter.q
      ? or(
          ilike(e.tokenRef, like),
          ilike(e.familyId, like),
          ilike(e.clientId, like),
          ilike(e.sub, like),
          ilike(e.reason, like),
          sql`${e.seq}::text = ${filter.q}`,
        )
      : undefined,
  );
}

/** A page of the org's entries for the console, newest first unless asked otherwise. */
export async function listRevocationEntriesPage(
  db: Executor,
  orgId: string,
  options: { filter: RevocationListFilter; desc: boolean; limit: number; offset: number },
) {
  const where = listWhere(orgId, options.filter);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(revocationEntries)
      .where(where)
      .orderBy(options.desc ? desc(revocationEntries.seq) : asc(revocationEntries.seq))
      .limit(options.limit)
      .offset(options.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(revocationEntries)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** How many of the org's entries there are of each kind. */
export async function countEntryKinds(db: Executor, orgId: string) {
  return db
    .select({ value: revocationEntries.kind, count: sql<number>`count(*)::int` })
    .from(revocationEntries)
    .where(eq(revocationEntries.orgId, orgId))
    .groupBy(revocationEntries.kind);
}

export async function getRevocationEntryBySeq(db: Executor, orgId: string, seq: bigint) {
  const [row] = await db
    .select()
    .from(revocationEntries)
    .where(and(eq(revocationEntries.orgId, orgId), eq(revocationEntries.seq, seq)));
  return row ?? null;
}

/** The e-mail of each console user among `ids` (entries name admins by id). */
export async function consoleUserEmails(db: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: consoleUsers.id, email: consoleUsers.email })
    .from(consoleUsers)
    .where(and(eq(consoleUsers.orgId, orgId), inArray(consoleUsers.id, ids)));
  return new Map(rows.map((r) => [r.id, r.email]));
}
