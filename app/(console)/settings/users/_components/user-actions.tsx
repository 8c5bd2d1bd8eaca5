'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import type { ConsoleRole, ConsoleUserStatus } from '@/lib/constants';
import {
  changeUserRoleAction,
  endUserSessionsAction,
  removeUserAction,
  setUserStatusAction,
} from '../actions';

const otherRoles: Record<ConsoleRole, ConsoleRole[]> = {
  owner: ['admin', 'auditor'],
  admin: ['owner', 'auditor'],
  auditor: ['admin', 'owner'],
};

export function UserActions({
  user,
}: {
  user: {
    id: string;
    email: string;
    role: ConsoleRole;
    status: ConsoleUserStatus;
    liveSessions: number;
  };
}) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <ConfirmAction
        action={endUserSessionsAction}
        fields={{ userId: user.id }}
        label="End sessions"
        ariaLabel={`End sessions of ${user.email}`}
        title={`End every session of ${user.email}?`}
        description={`${user.liveSessions} open ${user.liveSessions === 1 ? 'session ends' : 'sessions end'} at the next request, on every device. They can sign in again.`}
        confirmLabel="End sessions"
        disabled={user.liveSessions === 0}
      />
      {otherRoles[user.role].map((role) => (
        <ConfirmAction
          key={role}
          action={changeUserRoleAction}
          fields={{ userId: user.id, role }}
          label={`Make ${role}`}
          title={`Make ${user.email} ${role}?`}
          description={
            role === 'owner'
              ? 'Owners can manage every console user, including you.'
              : `Their sessions end; they sign in again with the ${role} role.`
          }
          confirmLabel={`Make ${role}`}
          variant="primary"
        />
      ))}
      <ConfirmAction
        action={setUserStatusAction}
        fields={{ userId: user.id, status: user.status === 'active' ? 'disabled' : 'active' }}
        label={user.status === 'active' ? 'Disable' : 'Enable'}
        title={user.status === 'active' ? `Disable ${user.email}?` : `Enable ${user.email}?`}
        description={
          user.status === 'active'
            ? 'Every session of theirs ends now, and they cannot sign in until enabled again.'
            : 'They can sign in again.'
        }
        confirmLabel={user.status === 'active' ? 'Disable' : 'Enable'}
        variant={user.status === 'active' ? 'danger' : 'primary'}
      />
      <ConfirmAction
        action={removeUserAction}
        fields={{ userId: user.id }}
        label="Remove"
        title={`Remove ${user.email}?`}
        description="Their account is deleted. What they did stays in the audit trail."
        confirmLabel="Remove user"
      />
    </div>
  );
}
