import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  agentMetadataChanges,
  agents,
  auditEvents,
  consents,
  consentScopeChanges,
  ingestedEvents,
  mcpServers,
  mcpTools,
  scopeCatalog,
  sources,
  subjects,
  tokens,
  toolUsage,
} from '@/db/schema';

/** Reads of one org's derived state, for tests. */
export function stateOf(db: Db, orgId: string) {
  return {
    agent: async (clientId: string) => {
      const [row] = await db
        .select()
        .from(agents)
        .where(and(eq(agents.orgId, orgId), eq(agents.clientId, clientId)));
      return row;
    },
    agents: () => db.select().from(agents).where(eq(agents.orgId, orgId)),
    subjects: () => db.select().from(subjects).where(eq(subjects.orgId, orgId)),
    metadataHistory: (agentId: string) =>
      db
        .select()
        .from(agentMetadataChanges)
        .where(eq(agentMetadataChanges.agentId, agentId))
        .orderBy(asc(agentMetadataChanges.occurredAt)),
    consents: () => db.select().from(consents).where(eq(consents.orgId, orgId)),
    consentHistory: (consentId: string) =>
      db
        .select()
        .from(consentScopeChanges)
        .where(eq(consentScopeChanges.consentId, consentId))
        .orderBy(asc(consentScopeChanges.occurredAt)),
    token: async (tokenRef: string) => {
      const [row] = await db
        .select()
        .from(tokens)
        .where(and(eq(tokens.orgId, orgId), eq(tokens.tokenRef, tokenRef)));
      return row;
    },
    tokens: () => db.select().from(tokens).where(eq(tokens.orgId, orgId)),
    toolUsage: () => db.select().from(toolUsage).where(eq(toolUsage.orgId, orgId)),
    servers: () => db.select().from(mcpServers).where(eq(mcpServers.orgId, orgId)),
    tools: () => db.select().from(mcpTools).where(eq(mcpTools.orgId, orgId)),
    scopeCatalog: () => db.select().from(scopeCatalog).where(eq(scopeCatalog.orgId, orgId)),
    audit: () =>
      db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.orgId, orgId))
        .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id)),
    ingested: () => db.select().from(ingestedEvents).where(eq(ingestedEvents.orgId, orgId)),
    source: async (id: string) => {
      const [row] = await db.select().from(sources).where(eq(sources.id, id));
      return row!;
    },
  };
}
