import type { Executor } from '@/db/client';
import { findSourceForIngestion } from '@/db/queries/sources';
import type { SourceKind } from '@/lib/constants';
import { openSigningSecret } from '@/lib/sources/signing-secret';
import { resourcesOf } from '@/lib/sources/source-input';

export type IngestionSource = {
  id: string;
  orgId: string;
  kind: SourceKind;
  issuer: string | null;
  resource: string | null;
  /** every resource it speaks for (a gateway may have several) */
  resources: string[];
  status: 'active' | 'disabled';
  rateLimitPerMinute: number;
  secrets: { value: string; expiresAt: Date | null }[];
};

// Senders post many requests a second; each would otherwise cost two queries and a decryption.
// A change made in this process (rotate, disable, enable) forgets the entry at once; other hub
// processes sharing PostgreSQL see it within TTL_MS.
const TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

// On globalThis: Next's bundles and the custom server each load their own copy of this module.
const holder = globalThis as typeof globalThis & {
  __agentHubSourceCache?: Map<string, { loadedAt: number; source: IngestionSource }>;
};
const cache = (holder.__agentHubSourceCache ??= new Map());

export async function loadIngestionSource(
  db: Executor,
  sourceId: string,
): Promise<IngestionSource | null> {
  const hit = cache.get(sourceId);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit.source;
  const found = await findSourceForIngestion(db, sourceId);
  if (!found) {
    cache.delete(sourceId);
    return null;
  }
  const { additionalResources, ...columns } = found;
  const source: IngestionSource = {
    ...columns,
    resources: resourcesOf({ resource: found.resource, additionalResources }),
    secrets: found.secrets.map((s) => ({
      value: openSigningSecret(s.id, s.ciphertext),
      expiresAt: s.expiresAt,
    })),
  };
  // Unknown ids are never cached, so guessing ids cannot grow this map past the real sources.
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(sourceId, { loadedAt: Date.now(), source });
  return source;
}

/** The secrets that verify now: a cached entry may hold one whose grace period just ended. */
export function liveSecrets(source: IngestionSource, now = new Date()): string[] {
  return source.secrets.filter((s) => !s.expiresAt || s.expiresAt > now).map((s) => s.value);
}

export function forgetIngestionSource(sourceId: string): void {
  cache.delete(sourceId);
}
