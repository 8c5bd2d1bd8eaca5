import { describe, expect, it } from 'vitest';
import { consoleRoles, writerRoles } from '@/lib/constants';
import { can } from './roles';

describe('can', () => {
  it('lets every role read', () => {
    for (const role of consoleRoles) expect(can(role, 'read')).toBe(true);
  });

  it('lets exactly the writer roles write', () => {
    for (const role of consoleRoles) expect(can(role, 'write')).toBe(writerRoles.includes(role));
  });

  it('lets only owners manage users', () => {
    expect(consoleRoles.filter((role) => can(role, 'manage_users'))).toEqual(['owner']);
  });
});
