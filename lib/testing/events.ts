import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { sources } from '@/db/schema';
import type { SourceKind } from '@/lib/constants';
import { unique } from './fixtures';
import type { IngestSource } from '@/lib/ingestion/batch';
import { producers } from '@/lib/ingestion/schemas/producers';
import { validateEvents, type EventSender, type ValidatedEvent } from '@/lib/ingestion/validate';

export const AS_ISSUER = 'https://as.acme.example';
export const MCP = 'https://mcp.acme.example';

/**
 * A source row as the source management would make it, without its secrets' machinery. An MCP
 * server or gateway speaks for MCP (and, given several, for the further `resources`).
 */
export async function createTestSource(
  db: Db,
  orgId: string,
  kind: SourceKind = 'authorization_server',
  issuer: string | null = kind === 'authorization_server' ? AS_ISSUER : null,
  resources: string[] = kind === 'authorization_server' ? [] : [MCP],
): Promise<IngestSource> {
  const [row] = await db
    .insert(sources)
    .values({
      orgId,
      name: unique('source'),
      kind,
      issuer,
      resource: resources[0] ?? null,
      additionalResources: resources.slice(1),
      apiKeyHash: randomBytes(32).toString('hex'),
      apiKeyPrefix: 'hubsrc_test',
    })
    .returning();
  return { id: row!.id, orgId, kind, issuer: row!.issuer, resource: row!.resource, resources };
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

/** The authorization server and MCP server that rightfully send the test events. */
export const asSender: EventSender = {
  kind: 'authorization_server',
  issuer: AS_ISSUER,
  resources: [],
};
export const mcpSender: EventSender = {
  kind: 'mcp_server',
  issuer: null,
  resources: [MCP, 'https://mcp.example'],
};

/** The rightful sender of a request's first event (an MCP server for unknown types). */
export function senderOf(items: unknown[]): EventSender {
  const type = (items[0] as { type?: unknown } | undefined)?.type;
  const from: readonly string[] =
    typeof type === 'string' && Object.hasOwn(producers, type)
      ? producers[type as keyof typeof producers]
      : [];
  return from.includes('authorization_server') ? asSender : mcpSender;
}

/** Validates test events as `source` sends them. */
export function validated(raw: unknown[], source: EventSender): ValidatedEvent[] {
  const result = validateEvents(raw, source);
  if (!result.ok) throw new Error(`invalid test events: ${JSON.stringify(result.errors)}`);
  return result.events;
}
