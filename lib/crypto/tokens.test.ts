import { describe, expect, it } from 'vitest';
import { credentialPrefix, generateCredential, hashCredential } from './tokens';

describe('credentials', () => {
  it('carry their prefix and 256 random bits', () => {
    const token = generateCredential('hub_');
    expect(token).toMatch(/^hub_[A-Za-z0-9_-]{43}$/);
    expect(generateCredential('whsec_')).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateCredential('hub_')).not.toBe(token);
  });

  it('hash to a stable SHA-256 that differs between tokens', () => {
    const token = generateCredential('hub_');
    expect(hashCredential(token)).toBe(hashCredential(token));
    expect(hashCredential(token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashCredential(token)).not.toBe(hashCredential(generateCredential('hub_')));
    expect(hashCredential('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('show a prefix that identifies but does not reveal the token', () => {
    const token = generateCredential('hubsrc_');
    const shown = credentialPrefix(token);
    expect(shown).toBe(`${token.slice(0, 'hubsrc_'.length + 4)}…`);
    expect(token.startsWith(shown.slice(0, -1))).toBe(true);
    expect(shown.length).toBeLessThan(token.length / 3);
    expect(credentialPrefix('hub_abcdefgh')).toBe('hub_abcd…');
  });
});
