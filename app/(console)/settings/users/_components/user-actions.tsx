'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import type { ConsoleRole, ConsoleUserStatus } from '@/lib/constants';
import { changeUserRoleAction, removeUserAction, setUserStatusAction } from '../actions';

const otherRoles: Record<ConsoleRole, ConsoleRole[]> = {
  owner: ['admin', 'auditor'],
  admin: ['owner', 'auditor'],
  auditor: ['admin', 'owner'],
};

export function UserActions({
  user,
}: {
  user: { id: string; email: string; role: ConsoleRole; status: ConsoleUserStatus };
}) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
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
              : `They will have the ${role} role from their next page load.`
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
            ? 'They are signed out at their next request and cannot sign in until enabled again.'
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
