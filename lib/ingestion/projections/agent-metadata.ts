import type { Tx } from '@/db/client';
import {
  insertMetadataRows,
  loadMetadataRows,
  updateAgentMetadata,
  updateMetadataChanges,
  type AgentMetadataColumns,
  type MetadataRow,
} from '@/db/queries/ingestion/agent-metadata';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import { compareKeys } from '@/lib/order-keys';
import type { Batch } from '../batch';
import { isSuspiciousText } from '@/lib/agents/lookalike';

/** Envelope-like fields of client events that are not client metadata. */
const notMetadata = new Set([
  'issuer',
  'client_id',
  'method',
  'sub',
  'resource',
  'scopes',
  'token_ref',
  'ip',
  'user_agent',
  'actor',
  'reason',
]);

/** The metadata an event states, as received (unknown RFC 7591 fields included). */
function statedFields(raw: unknown, kind: 'registered' | 'updated'): Record<string, unknown> {
  const data = (raw as { data: Record<string, unknown> }).data;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (notMetadata.has(key)) continue;
    // A registration states the whole metadata, so null there is just absence; in an update it
    // clears the field.
    if (value === null && kind === 'registered') continue;
    fields[key] = value;
  }
  return fields;
}

const order = (r: MetadataRow) => [
  r.occurredAt,
  r.kind === 'registered' ? 0 : 1,
  canonicalJson(r.fields),
  r.sourceEventId ?? '',
  r.id ?? '',
];

type Replay = {
  state: Record<string, unknown>;
  method: string | null;
  changes: Map<MetadataRow, Record<string, unknown>>;
};

/**
 * Applies an agent's metadata events in time order: a registration replaces all metadata, an
 * update changes the fields it names. The same events give the same metadata and history
 * whatever order they arrived in.
 */
export function replayMetadata(rows: readonly MetadataRow[]): Replay {
  let state: Record<string, unknown> = {};
  let method: string | null = null;
  const changes = new Map<MetadataRow, Record<string, unknown>>();
  for (const row of [...rows].sort((a, b) => compareKeys(order(a), order(b)))) {
    const before = state;
    if (row.kind === 'registered') {
      state = { ...row.fields };
      method = row.method;
    } else {
      state = { ...state };
      for (const [key, value] of Object.entries(row.fields)) {
        if (value === null) delete state[key];
        else state[key] = value;
      }
    }
    const diff: Record<string, unknown> = {};
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(state)])].sort()) {
      if (canonicalJson(before[key]) !== canonicalJson(state[key])) {
        diff[key] = { from: before[key] ?? null, to: state[key] ?? null };
      }
    }
    changes.set(row, diff);
  }
  return { state, method, changes };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const strs = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function redirectHost(uris: string[]): string {
  try {
    return uris[0] ? new URL(uris[0]).host : '';
  } catch {
    return '';
  }
}

/**
 * Groups re-registrations of one client: a CIMD client is its metadata URL; else its software_id;
 * else its name with its first redirect host (DCR clients get a new client_id each time). A
 * client whose name is built to deceive (invisible characters, mixed scripts, letters passing for
 * Latin ones) has no family: claiming another's software_id must not make it one of theirs.
 */
export function familyKeyOf(
  clientId: string,
  method: string | null,
  state: Record<string, unknown>,
): string | null {
  if (method === 'cimd') return clientId;
  const name = str(state.client_name);
  if (name && isSuspiciousText(name)) return null;
  const softwareId = str(state.software_id);
  if (softwareId) return `software:${softwareId}`;
  if (!name) return null;
  return `${name.toLowerCase()}|${redirectHost(strs(state.redirect_uris))}`;
}

export function metadataColumns(
  id: string,
  clientId: string,
  replay: Pick<Replay, 'state' | 'method'>,
): AgentMetadataColumns {
  const { state, method } = replay;
  const authMethod = str(state.token_endpoint_auth_method);
  return {
    id,
    registrationMethod: method ?? 'manual',
    clientType: !authMethod ? null : authMethod === 'none' ? 'public' : 'confidential',
    applicationType: str(state.application_type),
    clientName: str(state.client_name),
    clientUri: str(state.client_uri),
    logoUri: str(state.logo_uri),
    redirectUris: strs(state.redirect_uris),
    grantTypes: strs(state.grant_types),
    tokenEndpointAuthMethod: authMethod,
    softwareId: str(state.software_id),
    softwareVersion: str(state.software_version),
    softwareStatementIss: str(state.software_statement_iss),
    contacts: strs(state.contacts),
    scope: str(state.scope),
    metadata: state,
    familyKey: familyKeyOf(clientId, method, state),
  };
}

/** client.registered/updated: history rows added, then each touched agent's metadata replayed. */
export async function projectAgentMetadata(tx: Tx, batch: Batch): Promise<void> {
  const items = batch.of('client.registered', 'client.updated');
  if (items.length === 0) return;
  const clientIds = new Map<string, string>();
  const fresh: MetadataRow[] = [];
  for (const item of items) {
    if (!item.agentId) continue;
    const kind = item.type === 'client.registered' ? 'registered' : 'updated';
    clientIds.set(item.agentId, item.data.client_id);
    fresh.push({
      id: null,
      agentId: item.agentId,
      occurredAt: item.time,
      kind,
      method: item.type === 'client.registered' ? (item.data as { method: string }).method : null,
      fields: statedFields(item.event.raw, kind),
      changes: {},
      sourceEventId: item.event.id,
    });
  }
  const existing = await loadMetadataRows(tx, [...clientIds.keys()]);
  const byAgent = new Map<string, MetadataRow[]>();
  for (const row of [...existing, ...fresh]) {
    byAgent.set(row.agentId, [...(byAgent.get(row.agentId) ?? []), row]);
  }
  const changed: { id: string; changes: Record<string, unknown> }[] = [];
  const agents: AgentMetadataColumns[] = [];
  for (const [agentId, rows] of byAgent) {
    const replay = replayMetadata(rows);
    for (const [row, diff] of replay.changes) {
      if (row.id === null) row.changes = diff;
      else if (canonicalJson(diff) !== canonicalJson(row.changes)) {
        changed.push({ id: row.id, changes: diff });
      }
    }
    agents.push(metadataColumns(agentId, clientIds.get(agentId)!, replay));
  }
  await insertMetadataRows(tx, batch.orgId, fresh);
  await updateMetadataChanges(tx, changed);
  await updateAgentMetadata(tx, agents);
}
