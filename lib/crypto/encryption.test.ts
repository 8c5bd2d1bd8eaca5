import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './encryption';

const key = randomBytes(32);

describe('encryptSecret / decryptSecret', () => {
  it('round-trips, including empty and non-ASCII text', () => {
    for (const plaintext of ['s3cr3t', '', 'ünïcødé ✓ 🔑', 'x'.repeat(10_000)]) {
      const stored = encryptSecret(key, plaintext, 'source:1');
      expect(stored.startsWith('v1.')).toBe(true);
      expect(stored).not.toContain(plaintext || '\u0000');
      expect(decryptSecret(key, stored, 'source:1')).toBe(plaintext);
    }
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret(key, 'same', 'ctx')).not.toBe(encryptSecret(key, 'same', 'ctx'));
  });

  it('refuses another key', () => {
    const stored = encryptSecret(key, 'secret', 'ctx');
    expect(() => decryptSecret(randomBytes(32), stored, 'ctx')).toThrow();
  });

  it('refuses another context, so a ciphertext cannot be moved to another row', () => {
    const stored = encryptSecret(key, 'secret', 'source:1');
    expect(() => decryptSecret(key, stored, 'source:2')).toThrow();
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const stored = encryptSecret(key, 'a secret worth protecting', 'ctx');
    const parts = stored.split('.');
    for (const index of [1, 2, 3]) {
      const tampered = [...parts];
      const bytes = Buffer.from(tampered[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      tampered[index] = bytes.toString('base64url');
      expect(() => decryptSecret(key, tampered.join('.'), 'ctx')).toThrow();
    }
  });

  it('refuses unreadable input', () => {
    expect(() => decryptSecret(key, 'garbage', 'ctx')).toThrow('Unreadable encrypted secret');
    const stored = encryptSecret(key, 'x', 'ctx');
    expect(() => decryptSecret(key, stored.replace(/^v1/, 'v2'), 'ctx')).toThrow(
      'Unreadable encrypted secret',
    );
  });
});
