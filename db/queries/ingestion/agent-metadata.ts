import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { agentMetadataChanges } from '../../schema';
import { jsonRows, uuidArray } from './bulk';

export type MetadataRow = {
  id: string | null;
  agentId: string;
  occurredAt: Date;
  kind: string;
  method: string | null;
  fields: Record<string, unknown>;
  changes: Record<string, unknown>;
  sourceEventId: string | null;
};

export async function loadMetadataRows(
  tx: Executor,
  agentIds: readonly string[],
): Promise<MetadataRow[]> {
  if (agentIds.length === 0) return [];
  const rows = await tx
    .select({
      id: agentMetadataChanges.id,
      agentId: agentMetadataChanges.agentId,
      occurredAt: agentMetadataChanges.occurredAt,
      kind: agentMetadataChanges.kind,
      method: agentMetadataChanges.method,
      fields: agentMetadataChanges.fields,
      changes: agentMetadataChanges.changes,
      sourceEventId: agentMetadataChanges.sourceEventId,
    })
    .from(agentMetadataChanges)
    .where(inArray(agentMetadataChanges.agentId, [...agentIds]));
  return rows.map((r) => ({
    ...r,
    fields: r.fields as Record<string, unknown>,
    changes: r.changes as Record<string, unknown>,
  }));
}

export async function insertMetadataRows(
  tx: Executor,
  orgId: string,
  rows: readonly MetadataRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into agent_metadata_changes (org_id, agent_id, occurred_at, kind, method, fields,
      changes, source_event_id)
    select ${orgId}::uuid, x."agentId", x."occurredAt", x.kind, x.method, x.fields, x.changes,
      x."sourceEventId"
    from jsonb_to_recordset(${jsonRows(rows)}) as x("agentId" uuid, "occurredAt" timestamptz,
      kind text, method registration_method, fields jsonb, changes jsonb, "sourceEventId" text)`);
}

export async function updateMetadataChanges(
  tx: Executor,
  rows: readonly { id: string; changes: Record<string, unknown> }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update agent_metadata_changes m set changes = x.changes
    from jsonb_to_recordset(${jsonRows(rows)}) as x(id uuid, changes jsonb)
    where m.id = any(${uuidArray(rows.map((r) => r.id))}) and m.id = x.id`);
}

/** An agent's metadata columns as its history's replay leaves them. */
export type AgentMetadataColumns = {
  id: string;
  registrationMethod: string;
  clientType: 'public' | 'confidential' | null;
  applicationType: string | null;
  clientName: string | null;
  clientUri: string | null;
  logoUri: string | null;
  redirectUris: string[];
  grantTypes: string[];
  tokenEndpointAuthMethod: string | null;
  softwareId: string | null;
  softwareVersion: string | null;
  softwareStatementIss: string | null;
  contacts: string[];
  scope: string | null;
  metadata: Record<string, unknown>;
  familyKey: string | null;
};

export async function updateAgentMetadata(
  tx: Executor,
  rows: readonly AgentMetadataColumns[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update agents a set
      registration_method = x."registrationMethod", client_type = x."clientType",
      application_type = x."applicationType", client_name = x."clientName",
      client_uri = x."clientUri", logo_uri = x."logoUri", redirect_uris = x."redirectUris",
      grant_types = x."grantTypes", token_endpoint_auth_method = x."tokenEndpointAuthMethod",
      software_id = x."softwareId", software_version = x."softwareVersion",
      software_statement_iss = x."softwareStatementIss", contacts = x.contacts,
      scope = x.scope, metadata = x.metadata, family_key = x."familyKey", updated_at = now()
    from jsonb_to_recordset(${jsonRows(rows)}) as x(id uuid,
      "registrationMethod" registration_method, "clientType" client_type,
      "applicationType" text, "clientName" text, "clientUri" text, "logoUri" text,
      "redirectUris" text[], "grantTypes" text[], "tokenEndpointAuthMethod" text,
      "softwareId" text, "softwareVersion" text, "softwareStatementIss" text, contacts text[],
      scope text, metadata jsonb, "familyKey" text)
    where a.id = any(${uuidArray(rows.map((r) => r.id))}) and a.id = x.id`);
}
