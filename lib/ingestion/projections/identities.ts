import type { Tx } from '@/db/client';
import {
  upsertIdentities,
  type AgentFacts,
  type SubjectFacts,
} from '@/db/queries/ingestion/identities';
import { identityKey, type Batch } from '../batch';

export const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
export const earlier = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);

function agentFacts(batch: Batch): AgentFacts[] {
  const facts = new Map<string, AgentFacts>();
  for (const item of batch.items) {
    const clientId = item.data.client_id;
    if (!clientId || !item.issuer) continue;
    const key = identityKey(item.issuer, clientId);
    let f = facts.get(key);
    if (!f) {
      f = {
        issuer: item.issuer,
        clientId,
        lastSeenAt: item.time,
        lastUsedAt: null,
        denials: 0,
        rejections: 0,
        reuseDetectedAt: null,
        passthroughDetectedAt: null,
        firstRegisteredAt: null,
        lastRegisteredAt: null,
        lastDeletedAt: null,
        metadataTime: null,
      };
      facts.set(key, f);
    }
    f.lastSeenAt = later(f.lastSeenAt, item.time)!;
    switch (item.type) {
      case 'client.registered':
        f.firstRegisteredAt = earlier(f.firstRegisteredAt, item.time);
        f.lastRegisteredAt = later(f.lastRegisteredAt, item.time);
        f.metadataTime = later(f.metadataTime, item.time);
        break;
      case 'client.updated':
        f.metadataTime = later(f.metadataTime, item.time);
        break;
      case 'client.deleted':
        f.lastDeletedAt = later(f.lastDeletedAt, item.time);
        break;
      case 'authorization.denied':
      case 'tool.denied':
        f.denials++;
        break;
      case 'token.rejected':
        f.rejections++;
        if ((item.data as { cause: string }).cause === 'wrong_audience') {
          f.passthroughDetectedAt = later(f.passthroughDetectedAt, item.time);
        }
        break;
      case 'token.reuse_detected':
        f.reuseDetectedAt = later(f.reuseDetectedAt, item.time);
        break;
      case 'tool.invoked':
        f.lastUsedAt = later(f.lastUsedAt, item.time);
        break;
    }
  }
  return [...facts.values()];
}

function subjectFacts(batch: Batch): SubjectFacts[] {
  const facts = new Map<string, SubjectFacts>();
  for (const item of batch.items) {
    const sub = item.data.sub;
    if (!sub || !item.issuer) continue;
    const key = identityKey(item.issuer, sub);
    const f = facts.get(key);
    if (f) f.lastSeenAt = later(f.lastSeenAt, item.time)!;
    else facts.set(key, { issuer: item.issuer, sub, lastSeenAt: item.time });
  }
  return [...facts.values()];
}

/** Agents and subjects named by the batch: created on first sight, counters and times merged. */
export async function projectIdentities(tx: Tx, batch: Batch): Promise<void> {
  const rows = await upsertIdentities(tx, batch.orgId, agentFacts(batch), subjectFacts(batch));
  for (const row of rows.agents) {
    batch.agentIds.set(identityKey(row.issuer, row.key), row.id);
    if (row.name) batch.agentNames.set(row.id, row.name);
  }
  for (const row of rows.subjects) {
    batch.subjectIds.set(identityKey(row.issuer, row.key), row.id);
  }
  batch.attachIdentities();
}
