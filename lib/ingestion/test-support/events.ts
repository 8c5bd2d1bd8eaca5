import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { sources } from '@/db/schema';
import type { SourceKind } from '@/lib/constants';
import { unique } from '@/lib/testing/fixtures';
import type { IngestSource } from '../batch';
import { validateEvents, type ValidatedEvent } from '../validate';

export const AS_ISSUER = 'https://as.acme.example';
export const MCP = 'https://mcp.acme.example';

/** A source row as the source management would make it, without its secrets' machinery. */
export async function createTestSource(
  db: Db,
  orgId: string,
  kind: SourceKind = 'authorization_server',
  issuer: string | null = kind === 'authorization_server' ? AS_ISSUER : null,
): Promise<IngestSource> {
  const [row] = await db
    .insert(sources)
    .values({
      orgId,
      name: unique('source'),
      kind,
      issuer,
      resource: kind === 'authorization_server' ? null : MCP,
      apiKeyHash: randomBytes(32).toString('hex'),
      apiKeyPrefix: 'hubsrc_test',
    })
    .returning();
  return { id: row!.id, orgId, kind, issuer: row!.issuer, resource: row!.resource };
}

let counter = 0;

/** A CloudEvent as a producer sends it; `at` is seconds after a fixed instant. */
export function cloudEvent(
  type: string,
  data: Record<string, unknown>,
  at: number,
  id = `evt-${++counter}-${randomBytes(3).toString('hex')}`,
): Record<string, unknown> {
  return {
    specversion: '1.0',
    id,
    source: AS_ISSUER,
    type,
    time: timeAt(at),
    datacontenttype: 'application/json',
    data,
  };
}

export function timeAt(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
}

export function validated(raw: unknown[]): ValidatedEvent[] {
  const result = validateEvents(raw);
  if (!result.ok) throw new Error(`invalid test events: ${JSON.stringify(result.errors)}`);
  return result.events;
}
