import type { DeliveryView } from '@/db/queries/revocation-deliveries';
import type { RevocationEntry } from '@/db/schema';
import { describeDeliveries, type DeliveryTone } from './delivery-status';
import type { EntryEnforcement } from './enforcement/load';
import { describeEnforcement } from './enforcement/words';

/** One entry as the console's revocations table shows it. */
export type RevocationRow = {
  seq: string;
  kind: string;
  target: string;
  issuer: string | null;
  reason: string | null;
  actor: string;
  revokedAt: Date;
  delivery: { tone: DeliveryTone; text: string };
  /** the entry's enforcement in short, and its whole summary sentence */
  enforcement: { tone: DeliveryTone; text: string; title: string } | null;
};

export const kindLabels: Record<string, string> = {
  token: 'Token',
  family: 'Refresh family',
  grant: 'Grant',
  agent: 'Agent',
  subject: 'End user',
};

/** What the entry refuses, in one line: the identifiers its kind carries. */
export function targetOf(entry: RevocationEntry): string {
  switch (entry.kind) {
    case 'token':
      return entry.tokenRef ?? '';
    case 'family':
      return entry.familyId ?? '';
    case 'grant':
      return `${entry.clientId} for ${entry.sub}`;
    case 'agent':
      return entry.clientId ?? '';
    case 'subject':
      return entry.sub ?? '';
  }
}

/** Names for the ids entries carry: console users' e-mails, sources' names. */
export type ActorNames = {
  users: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, string>;
};

/** "admin ops@acme.test", "reported by Acme AS", "user maya". */
export function actorOf(entry: RevocationEntry, names: ActorNames): string {
  const actor = entry.actor as { type?: string; id?: string | null };
  const type = actor.type ?? 'system';
  if (!actor.id) return type;
  if (type === 'admin') return `admin ${names.users.get(actor.id) ?? actor.id}`;
  if (actor.id.startsWith('source:')) {
    return `reported by ${names.sources.get(actor.id.slice('source:'.length)) ?? 'a source'}`;
  }
  return `${type} ${actor.id}`;
}

export function adminIdsOf(entries: readonly RevocationEntry[]): string[] {
  const ids = entries.flatMap((e) => {
    const actor = e.actor as { type?: string; id?: string | null };
    return actor.type === 'admin' && actor.id && /^[0-9a-f-]{36}$/i.test(actor.id)
      ? [actor.id]
      : [];
  });
  return [...new Set(ids)];
}

export function revocationRows(
  entries: readonly RevocationEntry[],
  deliveries: readonly DeliveryView[],
  names: ActorNames,
  enforcement: ReadonlyMap<string, EntryEnforcement> = new Map(),
): RevocationRow[] {
  return entries.map((entry) => ({
    seq: entry.seq.toString(),
    kind: entry.kind,
    target: targetOf(entry),
    issuer: entry.issuer,
    reason: entry.reason,
    actor: actorOf(entry, names),
    revokedAt: entry.revokedAt,
    delivery: describeDeliveries(deliveries.filter((d) => d.entryId === entry.id)),
    enforcement: enforcementWords(enforcement.get(entry.id)),
  }));
}

function enforcementWords(e: EntryEnforcement | undefined) {
  if (!e) return null;
  const { tone, text, short } = describeEnforcement(e.enforcement, e.summary);
  return { tone, text: short, title: text };
}
