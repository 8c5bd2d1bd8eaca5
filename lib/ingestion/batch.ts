import type { SourceKind } from '@/lib/constants';
import { isKnownType, type EventData, type KnownType } from './schemas';
import type { ValidatedEvent } from './validate';

export type IngestSource = {
  id: string;
  orgId: string;
  kind: SourceKind;
  issuer: string | null;
  resource: string | null;
  /** every resource it speaks for: `resource` and a gateway's further ones */
  resources: readonly string[];
};

/** One accepted event with the identities it names, resolved for the whole batch at once. */
export type Item<T extends KnownType = KnownType> = {
  event: ValidatedEvent;
  type: T;
  data: EventData<T>;
  time: Date;
  /** the issuer its client_id and sub belong to, when it names either */
  issuer: string | null;
  agentId: string | null;
  subjectId: string | null;
};

export const identityKey = (issuer: string, id: string) => JSON.stringify([issuer, id]);

/**
 * The issuer an event's client_id and sub belong to: `data.issuer` when present; else the sending
 * source's issuer when that source is an authorization server; else the issuer of the org's
 * authorization-server sources when they all name the same one; else the literal "unknown". An
 * agent is keyed by (issuer, client_id), so a guess would merge or split agents; "unknown" keeps
 * such events together, visibly, until the org configures its authorization server.
 */
export function resolveIssuer(
  dataIssuer: string | null | undefined,
  source: IngestSource,
  orgIssuers: readonly string[],
): string {
  if (dataIssuer) return dataIssuer;
  if (source.kind === 'authorization_server' && source.issuer) return source.issuer;
  if (orgIssuers.length === 1) return orgIssuers[0]!;
  return 'unknown';
}

export function needsOrgIssuers(events: readonly ValidatedEvent[], source: IngestSource): boolean {
  if (source.kind === 'authorization_server' && source.issuer) return false;
  return events.some(
    (e) => e.understood && !e.data.issuer && (e.data.client_id != null || e.data.sub != null),
  );
}

/** The accepted events of one request, with typed access by event type. */
export class Batch {
  readonly items: Item[];
  readonly agentIds = new Map<string, string>();
  readonly subjectIds = new Map<string, string>();
  /** agents' names as stored before this batch, for the audit summaries */
  readonly agentNames = new Map<string, string>();

  constructor(
    readonly source: IngestSource,
    readonly events: readonly ValidatedEvent[],
    orgIssuers: readonly string[],
  ) {
    this.items = [];
    for (const event of events) {
      if (!event.understood || !isKnownType(event.type)) continue;
      const data = event.data as EventData<KnownType>;
      const names = data.client_id != null || data.sub != null;
      this.items.push({
        event,
        type: event.type,
        data,
        time: event.time,
        issuer: names ? resolveIssuer(data.issuer, source, orgIssuers) : (data.issuer ?? null),
        agentId: null,
        subjectId: null,
      });
    }
  }

  get orgId(): string {
    return this.source.orgId;
  }

  of<T extends KnownType>(...types: T[]): Item<T>[] {
    return this.items.filter((i): i is Item<T> => (types as KnownType[]).includes(i.type));
  }

  /** Fills in the agent and subject ids once they exist. */
  attachIdentities(): void {
    for (const item of this.items) {
      const { client_id: clientId, sub } = item.data;
      if (clientId && item.issuer) {
        item.agentId = this.agentIds.get(identityKey(item.issuer, clientId)) ?? null;
      }
      if (sub && item.issuer) {
        item.subjectId = this.subjectIds.get(identityKey(item.issuer, sub)) ?? null;
      }
    }
  }
}
