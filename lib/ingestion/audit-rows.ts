import type { IngestedAuditRow } from '@/db/queries/ingestion/events';
import type { ActorType } from '@/lib/constants';
import type { Batch, Item } from './batch';
import type { ValidatedEvent } from './validate';

const MAX_SUMMARY = 500;

const methodPhrase: Record<string, string> = {
  dcr: 'registered by DCR',
  cimd: 'registered by CIMD',
  preregistered: 'pre-registered',
  manual: 'registered manually',
};

const clip = (text: string) =>
  text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;

/** Loose read of a field that only some event types have. */
function field<T = string>(item: Item, name: string): T | undefined {
  return ((item.data as Record<string, unknown>)[name] ?? undefined) as T | undefined;
}

const scopeText = (scopes: string[] | null | undefined) => (scopes ?? []).join(' ');

/** One line a person can read in the audit list, naming the agent as far as the hub knows it. */
export function summaryOf(item: Item, agentName?: string): string {
  const d = item.data;
  const agent = field(item, 'client_name') ?? agentName ?? d.client_id ?? 'an unknown agent';
  const who = d.sub ?? agent;
  const on = d.resource ? ` on ${d.resource}` : '';
  switch (item.type) {
    case 'client.registered':
      return `${agent} ${methodPhrase[field(item, 'method') ?? ''] ?? 'registered'}`;
    case 'client.updated':
      return `${agent} metadata updated`;
    case 'client.deleted':
      return `${agent} deleted`;
    case 'consent.granted':
      return `${d.sub} granted ${agent} ${scopeText(d.scopes)}${on}`;
    case 'consent.revoked':
      return `${d.sub} revoked ${d.scopes ? scopeText(d.scopes) : 'all access'} for ${agent}${on}`;
    case 'authorization.denied':
      return `${agent} denied authorization (${field(item, 'error')})${d.sub ? ` for ${d.sub}` : ''}`;
    case 'token.issued':
      return `${field(item, 'token_type') === 'refresh_token' ? 'Refresh' : 'Access'} token issued to ${agent}${d.sub ? ` for ${d.sub}` : ''}`;
    case 'token.revoked':
      return field(item, 'family_id') ? 'Token and its family revoked' : 'Token revoked';
    case 'token.reuse_detected':
      return `Refresh token reuse detected for ${agent}; its family is revoked`;
    case 'token.rejected':
      return `${d.resource} rejected a token (${field(item, 'cause')})${d.client_id ? ` of ${agent}` : ''}`;
    case 'tool.invoked':
      return `${who} used tool ${field(item, 'tool')}${on} (${field(item, 'outcome')})`;
    case 'tool.denied':
      return `${who} was denied tool ${field(item, 'tool')}${on} (needs ${scopeText(field(item, 'required_scopes'))})`;
    case 'resource.updated':
      return `MCP server ${field(item, 'name')} updated (${d.resource})`;
    case 'revocation.applied':
      return `Revocations applied through entry ${field(item, 'through_seq')}`;
  }
}

function outcomeOf(item: Item): string | null {
  switch (item.type) {
    case 'tool.invoked':
      return field(item, 'outcome') ?? null;
    case 'authorization.denied':
    case 'tool.denied':
      return 'denied';
    case 'token.rejected':
      return 'rejected';
    default:
      return null;
  }
}

function understoodRow(item: Item, agentName: string | undefined): IngestedAuditRow {
  const d = item.data;
  const actor = d.actor ?? null;
  return {
    occurredAt: item.time,
    type: item.type,
    understood: true,
    sourceEventId: item.event.id,
    actorType: (actor?.type as ActorType | undefined) ?? null,
    actorId: actor?.id ?? null,
    agentId: item.agentId,
    issuer: item.issuer,
    clientId: d.client_id ?? null,
    subjectId: item.subjectId,
    sub: d.sub ?? null,
    resource: d.resource ?? null,
    tool: field(item, 'tool') ?? null,
    tokenRef: d.token_ref ?? null,
    outcome: outcomeOf(item),
    ip: d.ip ?? null,
    userAgent: d.user_agent ?? null,
    reason: d.reason ?? field(item, 'error') ?? field(item, 'cause') ?? null,
    summary: clip(summaryOf(item, agentName)),
    data: item.event.raw,
  };
}

/** An event of a type this hub does not know: kept as received, and it changed nothing. */
function unknownRow(event: ValidatedEvent): IngestedAuditRow {
  return {
    occurredAt: event.time,
    type: event.type,
    understood: false,
    sourceEventId: event.id,
    actorType: null,
    actorId: null,
    agentId: null,
    issuer: null,
    clientId: null,
    subjectId: null,
    sub: null,
    resource: null,
    tool: null,
    tokenRef: null,
    outcome: null,
    ip: null,
    userAgent: null,
    reason: null,
    summary: clip(`${event.type} (not understood by this hub)`),
    data: event.raw,
  };
}

export function auditRowsOf(batch: Batch): IngestedAuditRow[] {
  const items = new Map(batch.items.map((i) => [i.event, i]));
  return batch.events.map((event) => {
    const item = items.get(event);
    if (!item) return unknownRow(event);
    return understoodRow(item, item.agentId ? batch.agentNames.get(item.agentId) : undefined);
  });
}
