import type { LeakView } from '@/db/queries/enforcement';
import { describeLeak } from '@/lib/revocations/enforcement/words';
import { overviewLinks } from './links';
import { SPIKE_BASELINE_DAYS, type OverviewWindows } from './windows';

/**
 * The overview's "Needs attention" list: what an admin woken at 2 am should look at, most urgent
 * first. The database gathers the facts (db/queries/overview/attention.ts); the rules that turn
 * them into items live here, so they read the same in the console and the API and are tested
 * without a database.
 */

export const attentionKinds = [
  'revocation_leak',
  'refresh_token_reuse',
  'token_passthrough',
  'insufficient_scope_spike',
  'pending_verification',
  'unused_scopes',
] as const;
export type AttentionKind = (typeof attentionKinds)[number];

export type AttentionSeverity = 'critical' | 'warning' | 'notice';

export type AttentionItem = {
  kind: AttentionKind;
  severity: AttentionSeverity;
  agent: { id: string; name: string };
  title: string;
  detail: string;
  /** when it happened; `atLabel` says what the time is ("detected", "last seen", …) */
  at: Date;
  atLabel: string;
  /** where to act */
  href: string;
};

/** "and N more" of one kind, with the list that holds them all. */
export type AttentionMore = { kind: AttentionKind; count: number; label: string; href: string };

export type AgentRef = { id: string; name: string };

export type AttentionFacts = {
  /** revoked tokens that still worked at a source that says it enforces (the newest few) */
  leaks: LeakView[];
  leaksTotal: number;
  /** agents with a reuse or passthrough in the incident window (not deleted) */
  incidents: (AgentRef & {
    reuseDetectedAt: Date | null;
    passthroughDetectedAt: Date | null;
    statusChangedAt: Date | null;
  })[];
  /** tool.denied per agent: in the last 24 h, and in the 7 days before */
  scopeDenials: (AgentRef & { recent: number; before: number; lastAt: Date })[];
  pending: (AgentRef & {
    registrationMethod: string;
    registeredAt: Date | null;
    lastSeenAt: Date | null;
  })[];
  pendingTotal: number;
  /** per agent, the scopes of its active consents no tool call has relied on */
  /** the first few of them, and how many there are */
  unused: (AgentRef & { scopes: string[]; grantedSince: Date })[];
  unusedTotal: number;
};

/** How many items of one kind the list shows before "and N more". */
export const ATTENTION_CAP = 5;
/** An insufficient-scope spike: at least this many denials in 24 h … */
export const SPIKE_MIN = 3;
/** … and at least this many times the daily average of the 7 days before. */
export const SPIKE_FACTOR = 3;

export function isScopeSpike(recent: number, before: number): boolean {
  return recent >= SPIKE_MIN && recent >= (SPIKE_FACTOR * before) / SPIKE_BASELINE_DAYS;
}

/** Whether an admin changed the agent's status after the incident, i.e. it has been dealt with. */
export function isHandled(detectedAt: Date, statusChangedAt: Date | null): boolean {
  return statusChangedAt !== null && statusChangedAt > detectedAt;
}

const methodPhrase: Record<string, string> = {
  dcr: 'by dynamic client registration',
  cimd: 'with a client ID metadata document',
  preregistered: 'as a pre-registered client',
  manual: 'manually',
};

function scopeList(scopes: string[]): string {
  const shown = scopes.slice(0, 5).join(', ');
  return scopes.length > 5 ? `${shown} and ${scopes.length - 5} more` : shown;
}

const byTimeDesc = (a: AttentionItem, b: AttentionItem) => b.at.getTime() - a.at.getTime();

export function attentionItems(
  facts: AttentionFacts,
  windows: OverviewWindows,
): { items: AttentionItem[]; more: AttentionMore[] } {
  const groups: Record<AttentionKind, AttentionItem[]> = {
    revocation_leak: [],
    refresh_token_reuse: [],
    token_passthrough: [],
    insufficient_scope_spike: [],
    pending_verification: [],
    unused_scopes: [],
  };
  const item = (
    kind: AttentionKind,
    severity: AttentionSeverity,
    agent: AgentRef,
    rest: Pick<AttentionItem, 'title' | 'detail' | 'at' | 'atLabel'>,
  ) =>
    groups[kind].push({
      kind,
      severity,
      agent: { id: agent.id, name: agent.name },
      href: overviewLinks.agent(agent.id),
      ...rest,
    });

  for (const leak of facts.leaks) {
    const agent = { id: leak.agentId ?? leak.id, name: leak.agentName ?? leak.clientId ?? 'agent' };
    const issuing = leak.sourceKind === 'authorization_server';
    groups.revocation_leak.push({
      kind: 'revocation_leak',
      severity: 'critical',
      agent,
      title: describeLeak(leak),
      detail: issuing
        ? `Revocation entry ${leak.seq} refuses it, yet ${leak.sourceName} went on issuing its tokens. Make the authorization server read the hub's revocations or ask GET /api/v1/agents/status before issuing, or mark it as not enforcing if it only reports.`
        : `Revocation entry ${leak.seq} refuses it, yet ${leak.sourceName} went on serving its calls: a token that should be refused still works there. Connect the server to the hub's revocations (the MCP server kit, the stream or a push webhook).`,
      at: leak.lastAt,
      atLabel: 'last seen',
      href: `/revocations/${leak.seq}`,
    });
  }

  for (const a of facts.incidents) {
    const reuse = a.reuseDetectedAt;
    if (reuse && reuse >= windows.incidentsFrom && !isHandled(reuse, a.statusChangedAt)) {
      item('refresh_token_reuse', 'critical', a, {
        title: `Refresh-token reuse by ${a.name}`,
        detail:
          'A refresh token that had already been rotated was presented again, so a copy of it exists. The authorization server revoked the token family; find out where the copy came from, and suspend the agent if it was not its user.',
        at: reuse,
        atLabel: 'detected',
      });
    }
    const passthrough = a.passthroughDetectedAt;
    if (
      passthrough &&
      passthrough >= windows.incidentsFrom &&
      !isHandled(passthrough, a.statusChangedAt)
    ) {
      item('token_passthrough', 'critical', a, {
        title: `Token passthrough by ${a.name}`,
        detail:
          'An MCP server rejected a token this agent presented because it was issued for another resource (wrong audience): the agent passed a token on to a server it was not meant for.',
        at: passthrough,
        atLabel: 'detected',
      });
    }
  }

  for (const a of facts.scopeDenials) {
    if (!isScopeSpike(a.recent, a.before)) continue;
    const average = a.before / SPIKE_BASELINE_DAYS;
    item('insufficient_scope_spike', 'warning', a, {
      title: `Insufficient-scope spike for ${a.name}`,
      detail: `${a.recent} tool calls denied for missing scopes in the last 24 h, against ${average.toFixed(1)} a day over the ${SPIKE_BASELINE_DAYS} days before. The agent is trying tools its users did not allow.`,
      at: a.lastAt,
      atLabel: 'last denied',
    });
  }

  for (const a of facts.pending) {
    const seen = a.lastSeenAt;
    item('pending_verification', 'warning', a, {
      title: `${a.name} is waiting for verification`,
      detail: `Registered ${methodPhrase[a.registrationMethod] ?? a.registrationMethod}; nobody has verified, suspended or blocked it yet.`,
      at: seen ?? a.registeredAt ?? windows.now,
      atLabel: seen ? 'last active' : 'registered',
    });
  }

  for (const a of facts.unused) {
    item('unused_scopes', 'notice', a, {
      title: `${a.name} holds scopes it never used`,
      detail: `Granted ${scopeList(a.scopes)}, which no tool call has relied on. Narrowing the consents removes access nobody needs.`,
      at: a.grantedSince,
      atLabel: 'granted',
    });
  }

  const items: AttentionItem[] = [];
  const more: AttentionMore[] = [];
  for (const kind of attentionKinds) {
    // Leaks, pending agents and unused scopes come in the database's order, already capped.
    const group = groups[kind];
    const capped = ['revocation_leak', 'pending_verification', 'unused_scopes'].includes(kind);
    if (!capped) group.sort(byTimeDesc);
    items.push(...group.slice(0, ATTENTION_CAP));
    const total =
      kind === 'pending_verification'
        ? facts.pendingTotal
        : kind === 'unused_scopes'
          ? facts.unusedTotal
          : kind === 'revocation_leak'
            ? facts.leaksTotal
            : group.length;
    if (total > Math.min(group.length, ATTENTION_CAP)) {
      more.push(moreOf(kind, total - Math.min(group.length, ATTENTION_CAP), windows));
    }
  }
  return { items, more };
}

function moreOf(kind: AttentionKind, count: number, windows: OverviewWindows): AttentionMore {
  switch (kind) {
    case 'revocation_leak':
      return {
        kind,
        count,
        label: `${count} more servers where a revoked token still worked`,
        href: overviewLinks.audit({
          after: windows.incidentsFrom,
          type: 'revocation.leak_detected',
        }),
      };
    case 'pending_verification':
      return {
        kind,
        count,
        label: `${count} more agents waiting for verification`,
        href: overviewLinks.agentsWithStatus('pending'),
      };
    case 'refresh_token_reuse':
      return {
        kind,
        count,
        label: `${count} more agents with refresh-token reuse`,
        href: overviewLinks.audit({ after: windows.incidentsFrom, type: 'token.reuse_detected' }),
      };
    case 'token_passthrough':
      return {
        kind,
        count,
        label: `${count} more agents with token passthrough`,
        href: overviewLinks.audit({ after: windows.incidentsFrom, type: 'token.rejected' }),
      };
    case 'insufficient_scope_spike':
      return {
        kind,
        count,
        label: `${count} more agents with insufficient-scope spikes`,
        href: overviewLinks.audit({ after: windows.dayAgo, type: 'tool.denied' }),
      };
    case 'unused_scopes':
      return {
        kind,
        count,
        label: `${count} more agents holding scopes they never used`,
        href: overviewLinks.agents(),
      };
  }
}
