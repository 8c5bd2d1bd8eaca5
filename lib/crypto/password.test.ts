import { describe, expect, it } from 'vitest';
import { burnPasswordCheck, generatePassword, hashPassword, verifyPassword } from './password';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('normalizes Unicode so equivalent spellings match', async () => {
    const stored = await hashPassword('caf\u00e9-pass');
    expect(await verifyPassword('cafe\u0301-pass', stored)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not-a-hash'],
    ['another scheme', '$2b$10$abcdefghijklmnopqrstuv'],
    ['missing hash', 'scrypt$32768$8$1$c2FsdA'],
    ['non-numeric N', 'scrypt$abc$8$1$c2FsdA$aGFzaA'],
    ['N not a power of two', 'scrypt$3$8$1$c2FsdA$aGFzaA'],
  ])('answers false for a malformed stored hash (%s)', async (_label, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('answers false when the stored hash was cut short', async () => {
    const stored = await hashPassword('pw');
    expect(await verifyPassword('pw', stored.slice(0, -4))).toBe(false);
  });

  it('burns a check without throwing', async () => {
    await expect(burnPasswordCheck('whatever')).resolves.toBeUndefined();
  });
});

describe('generatePassword', () => {
  it('makes four dash-separated groups of five unambiguous characters', () => {
    const group = `[${ALPHABET}]{5}`;
    const shape = new RegExp(`^${group}-${group}-${group}-${group}$`);
    for (let i = 0; i < 50; i++) expect(generatePassword()).toMatch(shape);
    expect(generatePassword()).not.toMatch(/[0O1lI]/);
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 200 }, generatePassword));
    expect(seen.size).toBe(200);
  });
});
