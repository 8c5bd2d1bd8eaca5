import type { Executor } from '@/db/client';
import {
  findProbeMatches,
  upsertLeaks,
  type LeakCount,
  type LeakProbe,
  type ProbeMatch,
} from '@/db/queries/enforcement';
import { insertAuditEvent } from '@/lib/audit/record';
import { refusingEntries } from '../check';
import { duration } from './words';

/** A leak counts only this long after the entry: servers get 5 s to apply it (revocation.md). */
export const LEAK_GRACE_MS = 5_000;

/**
 * An accepted event showing a token still worked at the source that sent it: a `tool.invoked`
 * with outcome `ok` from an MCP server or gateway, or a `token.issued` from an authorization
 * server (`issuing`; `refresh` for a refresh-token grant).
 */
export type LeakEvidence = {
  eventId: string;
  time: Date;
  tokenRef: string | null;
  familyId: string | null;
  issuer: string | null;
  clientId: string | null;
  sub: string | null;
  agentId: string | null;
  issuing: boolean;
  refresh: boolean;
};

type Leak = LeakCount & { seq: bigint; kind: string; revokedAt: Date; firstEventId: string };

/**
 * The leaks in `evidence`, per entry. The entries that refuse each event's token are decided as
 * the check does (lib/revocations/check.ts), except that an unknown issuance never proves a
 * leak past a reinstatement; a token just issued was issued at the event's time. An issuance
 * under a revoked token's own ref means nothing (its entry may simply have come first), so only
 * family, grant, agent and subject entries see an authorization server's leaks.
 */
export function leaksOf(
  evidence: readonly LeakEvidence[],
  probeOf: readonly number[],
  matches: readonly ProbeMatch[],
): Leak[] {
  const byEntry = new Map<string, Leak>();
  evidence.forEach((event, i) => {
    const mine = matches.filter((m) => m.i === probeOf[i] && m.entry.revokedAt <= event.time);
    if (mine.length === 0) return;
    const issuedAt = event.issuing ? event.time : (mine[0]!.tokenIssuedAt ?? null);
    const entries = refusingEntries(
      mine.map((m) => m.entry),
      issuedAt,
      'allow',
    );
    for (const entry of entries) {
      if (event.issuing && entry.kind === 'token') continue;
      if (event.time.getTime() - entry.revokedAt.getTime() <= LEAK_GRACE_MS) continue;
      const leak = byEntry.get(entry.id);
      if (!leak) {
        byEntry.set(entry.id, {
          entryId: entry.id,
          seq: entry.seq,
          kind: entry.kind,
          revokedAt: entry.revokedAt,
          agentId: event.agentId,
          clientId: event.clientId,
          sub: event.sub,
          count: 1,
          refreshes: event.refresh ? 1 : 0,
          firstAt: event.time,
          lastAt: event.time,
          firstEventId: event.eventId,
        });
        continue;
      }
      leak.count += 1;
      if (event.refresh) leak.refreshes += 1;
      if (event.time < leak.firstAt) {
        leak.firstAt = event.time;
        leak.firstEventId = event.eventId;
      }
      if (event.time > leak.lastAt) leak.lastAt = event.time;
      leak.agentId ??= event.agentId;
    }
  });
  return [...byEntry.values()];
}

/**
 * One look-up per distinct set of identifiers in the batch (a batch's calls mostly repeat a few
 * agents, users and tokens), at the latest time any of its events has; each event then sees only
 * the entries made by its own time. `probeOf[i]` is event i's look-up.
 */
function probesOf(evidence: readonly LeakEvidence[]): { probes: LeakProbe[]; probeOf: number[] } {
  const index = new Map<string, number>();
  const probes: LeakProbe[] = [];
  const probeOf = evidence.map((e) => {
    const key = JSON.stringify([e.tokenRef, e.familyId, e.issuer, e.clientId, e.sub]);
    let i = index.get(key);
    if (i === undefined) {
      i = probes.length;
      index.set(key, i);
      probes.push({
        i,
        at: e.time.toISOString(),
        tokenRef: e.tokenRef,
        familyId: e.familyId,
        issuer: e.issuer,
        clientId: e.clientId,
        sub: e.sub,
      });
    } else if (e.time.toISOString() > probes[i]!.at) {
      probes[i]!.at = e.time.toISOString();
    }
    return i;
  });
  return { probes, probeOf };
}

/**
 * Finds and records the leaks of one source's batch, in its transaction: one indexed look-up
 * for the whole batch, and writes only when there is a leak. The first leak per (entry, source)
 * goes into the audit trail as `revocation.leak_detected`; later ones are counted on its row.
 */
export async function detectLeaks(
  tx: Executor,
  source: { orgId: string; id: string; kind: string },
  evidence: readonly LeakEvidence[],
): Promise<void> {
  if (evidence.length === 0) return;
  const { probes, probeOf } = probesOf(evidence);
  const matches = await findProbeMatches(tx, source.orgId, probes);
  if (matches.length === 0) return;
  const leaks = leaksOf(evidence, probeOf, matches);
  if (leaks.length === 0) return;
  const fresh = await upsertLeaks(
    tx,
    source.orgId,
    source.id,
    leaks.map((l) => ({
      entryId: l.entryId,
      agentId: l.agentId,
      clientId: l.clientId,
      sub: l.sub,
      count: l.count,
      refreshes: l.refreshes,
      firstAt: l.firstAt,
      lastAt: l.lastAt,
    })),
  );
  const issuing = source.kind === 'authorization_server';
  for (const leak of leaks.filter((l) => fresh.has(l.entryId))) {
    const after = duration(leak.firstAt.getTime() - leak.revokedAt.getTime());
    const who = leak.clientId ?? 'an agent';
    await insertAuditEvent(tx, source.orgId, {
      type: 'revocation.leak_detected',
      occurredAt: leak.firstAt,
      sourceId: source.id,
      sourceEventId: leak.firstEventId,
      actorType: 'system',
      agentId: leak.agentId,
      clientId: leak.clientId,
      sub: leak.sub,
      summary: issuing
        ? `Revocation entry ${leak.seq} not enforced: a token was issued to ${who} ${after} after it`
        : `Revocation entry ${leak.seq} not enforced: a call by ${who} was served ${after} after it`,
      data: {
        entry_seq: leak.seq.toString(),
        entry_kind: leak.kind,
        source_id: source.id,
        first_event_id: leak.firstEventId,
        events: leak.count,
      },
    });
  }
}
