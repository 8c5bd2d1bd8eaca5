import type { RevocationEntry, TokenIdentity } from './types.js';

const keyOf = (...parts: string[]) => parts.join('\u0000');

/**
 * The server's local copy of the hub's revocation entries. Token and family entries always refuse.
 * For a grant, agent or subject the newest entry of that key decides: one carrying `not_before` (a
 * reinstatement) refuses only tokens issued before it, and a token whose issuance is unknown, the
 * same rule as the hub's check endpoint.
 */
export class RevocationSet {
  private readonly tokens = new Map<string, RevocationEntry>();
  private readonly families = new Map<string, RevocationEntry>();
  private readonly keyed = new Map<string, RevocationEntry>();
  private last = 0n;

  constructor(after = '0') {
    this.last = BigInt(after);
  }

  /** The seq of the newest entry applied: where the feed or stream resumes. */
  get seq(): string {
    return this.last.toString();
  }

  get size(): number {
    return this.tokens.size + this.families.size + this.keyed.size;
  }

  /** Applies entries in `seq` order; ones at or below the current seq are skipped. */
  add(entries: Iterable<RevocationEntry>): number {
    let applied = 0;
    for (const entry of entries) {
      let seq: bigint;
      try {
        seq = BigInt(entry.seq);
      } catch {
        continue;
      }
      if (seq <= this.last) continue;
      this.last = seq;
      applied++;
      const key = this.keyFor(entry);
      if (!key) continue;
      const [map, k] = key;
      const current = map.get(k);
      if (!current || BigInt(current.seq) < seq) map.set(k, entry);
    }
    return applied;
  }

  /** The entry that refuses a token with this identity, or null. */
  match(token: TokenIdentity): RevocationEntry | null {
    const refusing: RevocationEntry[] = [];
    const direct = [
      token.tokenRef ? this.tokens.get(token.tokenRef) : undefined,
      token.familyId ? this.families.get(token.familyId) : undefined,
    ];
    for (const entry of direct) if (entry) refusing.push(entry);
    const { issuer, clientId, sub } = token;
    const keys = issuer
      ? [
          clientId && sub ? keyOf('grant', issuer, clientId, sub) : null,
          clientId ? keyOf('agent', issuer, clientId) : null,
          sub ? keyOf('subject', issuer, sub) : null,
        ]
      : [];
    for (const key of keys) {
      const entry = key ? this.keyed.get(key) : undefined;
      if (!entry) continue;
      const notBefore = entry.not_before ? Date.parse(entry.not_before) : NaN;
      if (Number.isNaN(notBefore) || !token.issuedAt || token.issuedAt.getTime() < notBefore)
        refusing.push(entry);
    }
    refusing.sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : -1));
    return refusing[0] ?? null;
  }

  private keyFor(entry: RevocationEntry): [Map<string, RevocationEntry>, string] | null {
    const { issuer, client_id: clientId, sub } = entry;
    switch (entry.kind) {
      case 'token':
        return entry.token_ref ? [this.tokens, entry.token_ref] : null;
      case 'family':
        return entry.family_id ? [this.families, entry.family_id] : null;
      case 'grant':
        return issuer && clientId && sub
          ? [this.keyed, keyOf('grant', issuer, clientId, sub)]
          : null;
      case 'agent':
        return issuer && clientId ? [this.keyed, keyOf('agent', issuer, clientId)] : null;
      case 'subject':
        return issuer && sub ? [this.keyed, keyOf('subject', issuer, sub)] : null;
      default:
        return null;
    }
  }
}
