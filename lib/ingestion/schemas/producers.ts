import type { SourceKind } from '@/lib/constants';
import type { KnownType } from './index';

const AS: readonly SourceKind[] = ['authorization_server'];
const MCP: readonly SourceKind[] = ['mcp_server', 'gateway'];
const ANY: readonly SourceKind[] = ['authorization_server', 'mcp_server', 'gateway'];

/**
 * Which kinds of source may send each type: the `from` column of shared/spec/ingestion.md. A
 * source speaks only for itself, so an MCP server cannot forge consents or revocations and an
 * authorization server cannot report tool calls. Types missing here are accepted from any source
 * (forward compatibility; they change no state).
 */
export const producers = {
  'client.registered': AS,
  'client.updated': AS,
  'client.deleted': AS,
  'consent.granted': AS,
  'consent.revoked': AS,
  'authorization.denied': AS,
  'token.issued': AS,
  'token.revoked': AS,
  'token.reuse_detected': AS,
  'token.rejected': MCP,
  'tool.invoked': MCP,
  'tool.denied': MCP,
  'resource.updated': MCP,
  'revocation.applied': ANY,
} as const satisfies Record<KnownType, readonly SourceKind[]>;

/** What validation needs to know of the sending source. */
export type EventSender = {
  kind: SourceKind;
  /** an authorization server's issuer: the only one it may name in `data.issuer` */
  issuer: string | null;
  /** an MCP server's or gateway's resource URIs: the only ones it may name in `data.resource` */
  resources: readonly string[];
};

const kindNames: Record<SourceKind, string> = {
  authorization_server: 'an authorization server',
  mcp_server: 'an MCP server',
  gateway: 'a gateway',
};

export type ProducerError = { path: string; message: string };

/**
 * Whether `sender` may send this event: its kind must be one of the type's producers; an
 * authorization server may name only its own issuer, an MCP server or gateway only its own
 * resources. `data` is the type's parsed `data`.
 */
export function producerErrors(
  type: string,
  data: Record<string, unknown> | null,
  sender: EventSender,
): ProducerError[] {
  if (!Object.hasOwn(producers, type)) return [];
  const allowed: readonly SourceKind[] = producers[type as keyof typeof producers];
  if (!allowed.includes(sender.kind)) {
    const from = allowed.map((k) => kindNames[k]).join(' or ');
    return [
      {
        path: '/type',
        message: `${JSON.stringify(type)} comes only from ${from}; this source is ${kindNames[sender.kind]}`,
      },
    ];
  }
  if (!data || allowed === ANY) return [];
  if (sender.kind === 'authorization_server') {
    const issuer = data.issuer;
    if (typeof issuer === 'string' && issuer !== sender.issuer) {
      return [
        {
          path: '/data/issuer',
          message: `must be this source's issuer ${JSON.stringify(sender.issuer)} (or absent): an authorization server speaks only for itself`,
        },
      ];
    }
    return [];
  }
  const resource = data.resource;
  if (typeof resource === 'string' && !sender.resources.includes(resource)) {
    const own = sender.resources.map((r) => JSON.stringify(r)).join(', ');
    return [
      {
        path: '/data/resource',
        message: own
          ? `must be a resource registered for this source (${own}): an MCP server or gateway speaks only for itself`
          : 'names a resource, but this source has none registered: register its resource URIs',
      },
    ];
  }
  return [];
}
