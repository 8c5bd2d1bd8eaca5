import type { Executor } from '@/db/client';
import {
  getAgent,
  getAgentTokens,
  getScopeUsage,
  listAgentConsents,
  listFamilyInstances,
  listOtherAgentNames,
} from '@/db/queries/agent-detail';
import { listAgentVerifications } from '@/db/queries/agent-verifications';
import { isUuid } from '@/db/queries/ids';
import { agentChecks } from './checks';
import { imitatedName, isSuspiciousText } from './lookalike';

export type ScopeRow = {
  scope: string;
  /** active consents that grant it */
  consents: number;
  /** tool calls that relied on it (ok or error) */
  calls: number;
  denied: number;
  tools: string[];
  lastUsedAt: Date | null;
  /** granted by an active consent */
  granted: boolean;
  /** granted, yet no call ever relied on it: more access than the agent uses */
  unused: boolean;
};

/** Granted scopes next to used ones, granted first; unused grants flagged. */
export function compareScopes(usage: Awaited<ReturnType<typeof getScopeUsage>>): ScopeRow[] {
  const rows = new Map<string, ScopeRow>();
  for (const g of usage.granted) {
    rows.set(g.scope, {
      scope: g.scope,
      consents: g.consents,
      calls: 0,
      denied: 0,
      tools: [],
      lastUsedAt: null,
      granted: true,
      unused: true,
    });
  }
  for (const u of usage.used) {
    const row = rows.get(u.scope);
    const used = { calls: u.calls, denied: u.denied, tools: u.tools, lastUsedAt: u.lastUsedAt };
    if (row) rows.set(u.scope, { ...row, ...used, unused: u.calls === 0 });
    else rows.set(u.scope, { scope: u.scope, consents: 0, granted: false, unused: false, ...used });
  }
  return [...rows.values()].sort(
    (a, b) => Number(b.granted) - Number(a.granted) || a.scope.localeCompare(b.scope),
  );
}

/**
 * The other agent of the org whose name this agent's name reads like, if any: one with a plain
 * name that was there first or that an admin verified (the original is not the imitator).
 */
export async function imitatedAgent(
  db: Executor,
  orgId: string,
  agent: { id: string; clientName: string | null; registeredAt: Date | null; createdAt: Date },
) {
  if (!agent.clientName) return null;
  const since = agent.registeredAt ?? agent.createdAt;
  const originals = (await listOtherAgentNames(db, orgId, agent.id)).filter(
    (o) => !isSuspiciousText(o.name) && (o.verified || o.since <= since),
  );
  return imitatedName(agent.clientName, originals);
}

/**
 * Everything about one agent that both its console page and the API show, or null when the id
 * is not an agent of this org (a malformed id included, checked before any query).
 */
export async function loadAgentDetail(
  db: Executor,
  orgId: string,
  agentId: string,
  now = new Date(),
) {
  if (!isUuid(agentId)) return null;
  const agent = await getAgent(db, orgId, agentId);
  if (!agent) return null;
  const [consents, usage, tokens, verifications, family, imitated] = await Promise.all([
    listAgentConsents(db, orgId, agentId, now),
    getScopeUsage(db, orgId, agentId, now),
    getAgentTokens(db, orgId, agentId, now),
    listAgentVerifications(db, orgId, agentId),
    listFamilyInstances(db, orgId, agent, now),
    imitatedAgent(db, orgId, agent),
  ]);
  return {
    agent,
    checks: agentChecks(agent, imitated),
    consents,
    scopes: compareScopes(usage),
    tokens,
    verifications,
    family,
  };
}

export type AgentDetail = NonNullable<Awaited<ReturnType<typeof loadAgentDetail>>>;
