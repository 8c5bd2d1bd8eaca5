import type { listAgentsPage } from '@/db/queries/agents';
import type { VerificationStatus } from '@/lib/constants';
import { agentFlags, type AgentFlag } from './checks';
import { redirectHosts } from './hosts';
import { showInvisible } from './invisible';

/** One row of the agents table as the browser gets it: only what the cells show. */
export type AgentRow = {
  id: string;
  clientId: string;
  name: string | null;
  issuer: string;
  status: VerificationStatus;
  /** a revocation entry refuses its tokens (db/queries/refusals.ts), whatever its status says */
  refused: boolean;
  method: string;
  clientType: string | null;
  /** the first few redirect hosts; `hostCount` says how many there are */
  hosts: string[];
  hostCount: number;
  flags: AgentFlag[];
  consents: number;
  lastSeenAt: Date | null;
  registeredAt: Date | null;
  deleted: boolean;
  idle: boolean;
  /** set on a grouped row whose family has more than this instance */
  family: { key: string; instances: number; idle: number } | null;
};

const HOSTS_SHOWN = 3;

export function agentRows(
  rows: Awaited<ReturnType<typeof listAgentsPage>>['rows'],
  consents: Map<string, number>,
  grouped: boolean,
): AgentRow[] {
  return rows.map((r) => {
    const hosts = redirectHosts(r.redirectUris);
    return {
      id: r.id,
      clientId: r.clientId,
      name: r.clientName === null ? null : showInvisible(r.clientName),
      issuer: r.issuer,
      status: r.verificationStatus,
      refused: Boolean(r.refused),
      method: r.registrationMethod,
      clientType: r.clientType,
      hosts: hosts.slice(0, HOSTS_SHOWN),
      hostCount: hosts.length,
      flags: agentFlags(r),
      consents: consents.get(grouped ? r.groupKey : r.id) ?? 0,
      lastSeenAt: grouped ? r.familyLastSeenAt : r.lastSeenAt,
      registeredAt: r.registeredAt,
      deleted: r.deletedAt !== null,
      idle: Boolean(r.idle),
      family:
        grouped && r.instances > 1
          ? { key: r.groupKey, instances: r.instances, idle: r.idleInstances }
          : null,
    };
  });
}
