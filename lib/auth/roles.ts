import type { ConsoleRole } from '@/lib/constants';

/** What a guard asks for: any console role may read; only some may change things. */
export type Permission = 'read' | 'write' | 'manage_users';

const grants: Record<ConsoleRole, readonly Permission[]> = {
  owner: ['read', 'write', 'manage_users'],
  admin: ['read', 'write'],
  auditor: ['read'],
};

export function can(role: ConsoleRole, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export const roleLabels: Record<ConsoleRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  auditor: 'Auditor',
};

export const roleDescriptions: Record<ConsoleRole, string> = {
  owner: 'Everything an admin can do, plus managing console users and roles.',
  admin: 'Verifies, suspends and blocks agents, revokes consents and tokens, manages sources.',
  auditor: 'Reads everything, changes nothing.',
};
