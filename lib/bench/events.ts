import { randomBytes, randomUUID } from 'node:crypto';
import type { NewAuditEvent } from '@/db/schema';

/** A CloudEvent as a sender puts it on the wire (shared/spec/ingestion.md). */
export type BenchEvent = {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  data: Record<string, unknown>;
};

export const BENCH_ISSUER = 'https://auth.bench.example';

const AGENTS = 50;
const SUBJECTS = 200;
export const BENCH_RESOURCES = ['crm', 'tickets', 'docs', 'billing', 'calendar'].map(
  (name) => `https://mcp.bench.example/${name}`,
);
const TOOLS = ['search', 'get_record', 'create_record', 'update_record', 'list_items', 'summarize'];
const SCOPES = ['crm.read', 'crm.write', 'tickets.read', 'docs.read', 'billing.read', 'mail.send'];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const clientId = (n: number) => `https://agents.bench.example/agent-${n}/client.json`;
const sub = (n: number) => `user-${String(n).padStart(4, '0')}`;
const tokenRef = () => randomBytes(32).toString('base64url');
const someScopes = () => SCOPES.filter(() => Math.random() < 0.4).concat('openid');

/**
 * Unique event ids for one run. The prefix changes per run so a re-run against a kept database
 * would still ingest rather than count duplicates.
 */
export function createEventFactory() {
  const run = randomBytes(4).toString('hex');
  let seq = 0;
  const envelope = (type: string, data: Record<string, unknown>, at = recentTime()) => ({
    specversion: '1.0' as const,
    id: `evt_${run}_${++seq}`,
    source: BENCH_ISSUER,
    type,
    time: at.toISOString(),
    data,
  });

  return {
    /** The agents every later event refers to, registered during warm-up as in real life. */
    registrations(): BenchEvent[] {
      return Array.from({ length: AGENTS }, (_, n) =>
        envelope('client.registered', {
          client_id: clientId(n),
          method: n % 3 === 0 ? 'cimd' : 'dcr',
          client_name: `Bench agent ${n}`,
          redirect_uris: [`https://agents.bench.example/agent-${n}/callback`],
          grant_types: ['authorization_code', 'refresh_token'],
          token_endpoint_auth_method: 'none',
          issuer: BENCH_ISSUER,
        }),
      );
    },

    /** The traffic mix of a busy deployment: mostly tool calls, some tokens and consents. */
    next(): BenchEvent {
      const agent = Math.floor(Math.random() * AGENTS);
      const user = sub(Math.floor(Math.random() * SUBJECTS));
      const roll = Math.random();
      if (roll < 0.8) {
        return envelope('tool.invoked', {
          resource: pick(BENCH_RESOURCES),
          tool: pick(TOOLS),
          client_id: clientId(agent),
          outcome: Math.random() < 0.95 ? 'ok' : 'error',
          sub: user,
          token_ref: tokenRef(),
          scopes: someScopes(),
          duration_ms: Math.floor(Math.random() * 900) + 20,
          ip: `10.0.${agent}.${Math.floor(Math.random() * 250) + 1}`,
          user_agent: 'bench-agent/1.0 (+https://agents.bench.example)',
        });
      }
      const at = recentTime();
      if (roll < 0.92) {
        return envelope(
          'token.issued',
          {
            token_ref: tokenRef(),
            token_type: 'access_token',
            client_id: clientId(agent),
            scopes: someScopes(),
            expires_at: new Date(at.getTime() + 3600_000).toISOString(),
            grant_type: 'authorization_code',
            sub: user,
            resource: pick(BENCH_RESOURCES),
            family_id: randomUUID(),
          },
          at,
        );
      }
      return envelope(
        'consent.granted',
        {
          client_id: clientId(agent),
          sub: user,
          scopes: someScopes(),
          resource: pick(BENCH_RESOURCES),
          consent_id: randomUUID(),
          mechanism: 'interactive',
        },
        at,
      );
    },

    many(count: number): BenchEvent[] {
      return Array.from({ length: count }, () => this.next());
    },
  };
}

export type EventFactory = ReturnType<typeof createEventFactory>;

/** A few seconds to a minute ago: events reach the hub shortly after they happened. */
function recentTime(): Date {
  return new Date(Date.now() - Math.floor(Math.random() * 60_000));
}

/**
 * The audit row the hub keeps for an ingested event: same columns filled, the raw CloudEvent as
 * `data`, so the raw-insert baseline writes rows of the same width into the same indexes.
 */
export function auditRowFor(
  event: BenchEvent,
  ids: { orgId: string; sourceId: string; agentIds: string[]; subjectIds: string[] },
): NewAuditEvent {
  const data = event.data;
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const agentNo = Number(/agent-(\d+)/.exec(text('client_id') ?? '')?.[1] ?? 0);
  const subjectNo = Number(/(\d+)$/.exec(text('sub') ?? '')?.[1] ?? 0);
  const on = text('resource') ? ` on ${text('resource')}` : '';
  return {
    orgId: ids.orgId,
    occurredAt: new Date(event.time),
    type: event.type,
    understood: true,
    sourceId: ids.sourceId,
    sourceEventId: event.id,
    // The bench's events name no actor, so the hub leaves the actor columns empty too.
    actorType: null,
    actorId: null,
    agentId: ids.agentIds[agentNo % ids.agentIds.length] ?? null,
    issuer: BENCH_ISSUER,
    clientId: text('client_id'),
    subjectId: ids.subjectIds[subjectNo % ids.subjectIds.length] ?? null,
    sub: text('sub'),
    resource: text('resource'),
    tool: text('tool'),
    tokenRef: text('token_ref'),
    outcome: text('outcome'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    reason: null,
    summary: `${text('sub') ?? text('client_id')} ${event.type} ${text('tool') ?? ''}${on} (${text('outcome') ?? 'ok'})`,
    data: event,
  };
}

/** Stable fake ids for the agent and subject columns of raw rows (indexed like real ones). */
export function fakeIds(): { agentIds: string[]; subjectIds: string[] } {
  return {
    agentIds: Array.from({ length: AGENTS }, () => randomUUID()),
    subjectIds: Array.from({ length: SUBJECTS }, () => randomUUID()),
  };
}
