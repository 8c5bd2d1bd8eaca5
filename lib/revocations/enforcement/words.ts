import type { DeliveryTone } from '../delivery-status';
import { clock } from '../delivery-status';
import type { LeakView } from '@/db/queries/enforcement';
import type { EnforcementSummary, SourceEnforcement } from './status';

/** What the console says of an entry's enforcement, in plain words for an IT admin. */

/** "0.4 s", "12 s", "3 min", "2 h", "3 days": how long a server took to enforce an entry. */
export function duration(ms: number): string {
  if (ms < 100) return 'under 0.1 s';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 120 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Acme CRM", "Acme CRM and Billing", "Acme CRM, Billing and 2 more servers". */
function names(list: readonly SourceEnforcement[]): { who: string; many: boolean } {
  const shown = list.slice(0, 2).map((e) => e.source.name);
  const rest = list.length - shown.length;
  if (rest > 0)
    return { who: `${shown.join(', ')} and ${plural(rest, 'more server')}`, many: true };
  return { who: shown.join(' and '), many: list.length > 1 };
}

function notEnforcingPhrase(list: readonly SourceEnforcement[]): string {
  const { who, many } = names(list);
  const issuing = list.every((e) => e.source.kind === 'authorization_server');
  if (issuing) {
    return `${who} still issued tokens it covers — ${many ? 'they do' : 'it does'} not consult the hub`;
  }
  return `${who} still served calls it covers — ${many ? 'they are' : 'it is'} not enforcing revocations`;
}

/** "within 0.1 s" rather than "within under 0.1 s". */
const within = (ms: number) => (ms < 100 ? '0.1 s' : duration(ms));

const shortWords = {
  not_enforcing: 'not enforcing',
  unknown: 'never acknowledged',
  unreachable: 'unreachable',
  pending: 'pending',
} as const;

const tailOf: Record<
  Exclude<SourceEnforcement['status'], 'applied'>,
  (list: readonly SourceEnforcement[]) => string
> = {
  not_enforcing: notEnforcingPhrase,
  unknown: (list) => {
    const { who, many } = names(list);
    return `${who} ${many ? 'have' : 'has'} never acknowledged — ${many ? 'they do' : 'it does'} not follow the hub`;
  },
  unreachable: (list) => {
    const { who, many } = names(list);
    return `${who} ${many ? 'have' : 'has'} not been heard from for over 2 minutes`;
  },
  pending: (list) => {
    const { who, many } = names(list);
    return `${who} ${many ? 'have' : 'has'} not confirmed it yet`;
  },
};

/**
 * The entry's summary sentence: "Enforced at 3 of 4 servers within 0.4 s; Acme CRM has never
 * acknowledged — it does not follow the hub". Only counted sources are in it. `short` is the
 * list's version, counts without names: "3 of 4 servers within 0.4 s; 1 never acknowledged".
 */
export function describeEnforcement(
  enforcement: readonly SourceEnforcement[],
  summary: EnforcementSummary,
): { tone: DeliveryTone; text: string; short: string } {
  if (summary.should === 0) {
    const text =
      enforcement.length === 0
        ? 'No MCP server, gateway or authorization server is registered to enforce it'
        : 'No server counts: every one listed is marked as not enforcing or disabled';
    return { tone: 'neutral', text, short: 'No servers' };
  }
  const counted = enforcement.filter((e) => e.counted);
  const applied = counted.filter((e) => e.status === 'applied');
  const slowest = Math.max(0, ...applied.map((e) => e.latencyMs ?? 0));
  const servers = plural(summary.should, 'server');
  const head =
    applied.length > 0
      ? `Enforced at ${applied.length} of ${servers} within ${within(slowest)}`
      : `Not yet enforced at any of ${summary.should === 1 ? 'its 1 server' : `its ${servers}`}`;
  const tails = (['not_enforcing', 'unknown', 'unreachable', 'pending'] as const)
    .map((status) => ({ status, list: counted.filter((e) => e.status === status) }))
    .filter((g) => g.list.length > 0);
  const text = [head, ...tails.map((g) => tailOf[g.status](g.list))].join('; ');
  const worst = tails[0]?.status;
  const tone: DeliveryTone =
    worst === 'not_enforcing'
      ? 'danger'
      : worst === 'unknown' || worst === 'unreachable'
        ? 'warning'
        : worst === 'pending'
          ? 'neutral'
          : 'success';
  const short = [
    `${applied.length} of ${servers}${applied.length ? ` within ${within(slowest)}` : ''}`,
    ...tails.map((g) => `${g.list.length} ${shortWords[g.status]}`),
  ].join('; ');
  return { tone, text, short };
}

/** One source's status for an entry, as its row on the entry page says it. */
export function describeSourceStatus(e: SourceEnforcement): string {
  const note = e.counted
    ? ''
    : e.source.status !== 'active'
      ? ' (disabled: not counted)'
      : ' (marked as not enforcing revocations: not counted)';
  switch (e.status) {
    case 'applied':
      return `Enforced ${duration(e.latencyMs ?? 0)} after the revocation, at ${clock(e.appliedAt!)}${note}`;
    case 'pending':
      return `Connected, but has not confirmed this entry yet${note}`;
    case 'unreachable':
      return `Not heard from for over 2 minutes: no acknowledgement, heartbeat or delivered push${note}`;
    case 'not_enforcing':
      return e.source.kind === 'authorization_server'
        ? `Still issued ${plural(e.leaks, 'token')} it covers after the revocation — it does not consult the hub${note}`
        : `Still served ${plural(e.leaks, 'call')} it covers after the revocation — it is not enforcing revocations${note}`;
    case 'unknown':
      return `Has never acknowledged any revocation — it does not follow the hub${note}`;
  }
}

export const statusLabels: Record<SourceEnforcement['status'], string> = {
  applied: 'Enforced',
  pending: 'Pending',
  unreachable: 'Unreachable',
  not_enforcing: 'Not enforcing',
  unknown: 'Never acknowledged',
};

/** What a leak's entry took away, as "after …" words. */
function afterWhat(leak: LeakView): string {
  switch (leak.entryKind) {
    case 'agent':
      if (leak.agentStatus === 'suspended' || leak.agentStatus === 'blocked') {
        return `after it was ${leak.agentStatus}`;
      }
      return 'after its access was revoked';
    case 'grant':
      return leak.sub
        ? `after its access for ${leak.sub} was revoked`
        : 'after its access was revoked';
    case 'subject':
      return leak.sub
        ? `after all access of ${leak.sub} was revoked`
        : 'after its access was revoked';
    case 'token':
      return 'after its token was revoked';
    case 'family':
      return 'after its refresh tokens were revoked';
  }
}

/**
 * "Acme CRM served 12 calls to Terminal Pilot CLI after it was suspended — it is not enforcing
 * revocations"; an authorization server that keeps refreshing gets its own words.
 */
export function describeLeak(leak: LeakView): string {
  const agent = leak.agentName ?? leak.clientId ?? 'an agent';
  const after = afterWhat(leak);
  if (leak.sourceKind !== 'authorization_server') {
    return `${leak.sourceName} served ${plural(leak.count, 'call')} to ${agent} ${after} — it is not enforcing revocations`;
  }
  if (leak.refreshes > 0) {
    return `${leak.sourceName} keeps refreshing tokens for ${agent} ${after} — it does not consult the hub`;
  }
  return `${leak.sourceName} issued ${plural(leak.count, 'token')} to ${agent} ${after} — it does not consult the hub`;
}

/**
 * A source's enforcement position against the org's newest entry: "Through entry 12, up to
 * date", "Through entry 9: 3 entries behind", "Never acknowledged — it does not follow the hub".
 */
export function describePosition(
  source: { appliedThroughSeq: bigint | null; enforcesRevocations: boolean },
  newest: bigint,
): string {
  const note = source.enforcesRevocations ? '' : ' (marked as not enforcing: never counted)';
  const at = source.appliedThroughSeq;
  if (at === null) return `Never acknowledged — it does not follow the hub${note}`;
  if (newest === 0n) return `Following; no entry yet${note}`;
  const behind = newest - at;
  if (behind <= 0n) return `Through entry ${at}, up to date${note}`;
  return `Through entry ${at}: ${behind} ${behind === 1n ? 'entry' : 'entries'} behind the newest (${newest})${note}`;
}
