import { describe, expect, it } from 'vitest';
import { RevocationSet } from './revocation-set.js';
import type { RevocationEntry } from './types.js';

const ISS = 'https://as.example';
let seq = 0;
const entry = (
  fields: Partial<RevocationEntry> & Pick<RevocationEntry, 'kind'>,
): RevocationEntry => ({
  seq: String(++seq),
  revoked_at: '2026-01-01T00:00:00.000Z',
  reason: null,
  actor: { type: 'admin', id: 'a' },
  ...fields,
});
const at = (iso: string) => new Date(iso);
const token = {
  tokenRef: 'jti-1',
  familyId: 'fam-1',
  issuer: ISS,
  clientId: 'agent-1',
  sub: 'user-1',
  issuedAt: at('2026-01-01T12:00:00Z'),
};

describe('the revocation set', () => {
  it('refuses by each kind, and only the token it names', () => {
    const cases: [RevocationEntry, Partial<typeof token>][] = [
      [entry({ kind: 'token', token_ref: 'jti-1' }), { tokenRef: 'jti-2' }],
      [entry({ kind: 'family', family_id: 'fam-1' }), { familyId: 'fam-2' }],
      [entry({ kind: 'grant', issuer: ISS, client_id: 'agent-1', sub: 'user-1' }), { sub: 'u2' }],
      [entry({ kind: 'agent', issuer: ISS, client_id: 'agent-1' }), { clientId: 'agent-2' }],
      [entry({ kind: 'subject', issuer: ISS, sub: 'user-1' }), { sub: 'user-2' }],
    ];
    for (const [e, other] of cases) {
      const set = new RevocationSet();
      set.add([e]);
      expect(set.match(token), e.kind).toEqual(e);
      expect(set.match({ ...token, tokenRef: 'x', familyId: 'y', ...other }), e.kind).toBeNull();
      // token_ref and family_id are the issuer's own references; the rest are scoped by issuer
      const direct = e.kind === 'token' || e.kind === 'family';
      expect(set.match({ ...token, issuer: 'https://other.example' }), e.kind).toEqual(
        direct ? e : null,
      );
    }
  });

  it('a grant, agent or subject of another issuer does not refuse', () => {
    const set = new RevocationSet();
    set.add([entry({ kind: 'agent', issuer: 'https://other.example', client_id: 'agent-1' })]);
    expect(set.match(token)).toBeNull();
    expect(set.match({ ...token, issuer: 'https://other.example' })?.kind).toBe('agent');
  });

  it('not_before lets tokens issued after it through, not those before or of unknown age', () => {
    for (const kind of ['grant', 'agent', 'subject'] as const) {
      const set = new RevocationSet();
      const reinstated = entry({
        kind,
        issuer: ISS,
        client_id: kind === 'subject' ? undefined : 'agent-1',
        sub: kind === 'agent' ? undefined : 'user-1',
        not_before: '2026-01-01T12:00:00.000Z',
      });
      set.add([reinstated]);
      expect(set.match({ ...token, issuedAt: at('2026-01-01T12:00:01Z') }), kind).toBeNull();
      expect(set.match({ ...token, issuedAt: at('2026-01-01T12:00:00Z') }), kind).toBeNull();
      expect(set.match({ ...token, issuedAt: at('2026-01-01T11:59:59Z') }), kind).toEqual(
        reinstated,
      );
      expect(set.match({ ...token, issuedAt: undefined }), kind).toEqual(reinstated);
    }
  });

  it('the newest entry of a key decides: a reinstatement after a block lets new tokens in', () => {
    const set = new RevocationSet();
    const blocked = entry({ kind: 'agent', issuer: ISS, client_id: 'agent-1' });
    const reinstated = entry({
      kind: 'agent',
      issuer: ISS,
      client_id: 'agent-1',
      not_before: '2026-01-01T12:00:00.000Z',
    });
    set.add([blocked, reinstated]);
    expect(set.match({ ...token, issuedAt: at('2026-01-02T00:00:00Z') })).toBeNull();
    const blockedAgain = entry({ kind: 'agent', issuer: ISS, client_id: 'agent-1' });
    set.add([blockedAgain]);
    expect(set.match({ ...token, issuedAt: at('2026-01-02T00:00:00Z') })).toEqual(blockedAgain);
  });

  it('a token entry refuses even a token issued after a reinstatement; the newest refusal is named', () => {
    const set = new RevocationSet();
    const byToken = entry({ kind: 'token', token_ref: 'jti-1' });
    const bySubject = entry({ kind: 'subject', issuer: ISS, sub: 'user-1' });
    set.add([byToken, bySubject]);
    expect(set.match(token)).toEqual(bySubject);
    expect(set.match({ ...token, sub: 'someone-else' })).toEqual(byToken);
  });

  it('keeps the seq, skips entries it already has and bad seqs', () => {
    const set = new RevocationSet('10');
    expect(set.seq).toBe('10');
    const old = { ...entry({ kind: 'token', token_ref: 'old' }), seq: '9' };
    const bad = { ...entry({ kind: 'token', token_ref: 'bad' }), seq: 'x' };
    const fresh = { ...entry({ kind: 'token', token_ref: 'fresh' }), seq: '11' };
    expect(set.add([old, bad, fresh, fresh])).toBe(1);
    expect(set.seq).toBe('11');
    expect(set.match({ tokenRef: 'old' })).toBeNull();
    expect(set.match({ tokenRef: 'fresh' })?.seq).toBe('11');
    expect(set.size).toBe(1);
  });
});
