import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { countLiveSessionsByUser } from '@/db/queries/console-sessions';
import { listConsoleUsers } from '@/db/queries/console-users';
import { requireConsole } from '@/lib/auth/guards';
import { can, roleDescriptions, roleLabels } from '@/lib/auth/roles';
import { loadConfig } from '@/lib/config/env';
import { consoleRoles } from '@/lib/constants';
import { formatDateTime, timeAgo } from '@/lib/format';
import { AddUserForm } from './_components/add-user-form';
import { UserActions } from './_components/user-actions';

export const metadata: Metadata = { title: 'Console users' };

function sessionCount(n: number): string {
  return n === 0 ? 'no open sessions' : `${n} open ${n === 1 ? 'session' : 'sessions'}`;
}

export default async function ConsoleUsersPage() {
  const actor = await requireConsole('read');
  const users = await listConsoleUsers(getDb(), actor.orgId);
  const manage = can(actor.role, 'manage_users');
  const now = new Date();
  const liveSessions = await countLiveSessionsByUser(getDb(), actor.orgId, {
    now,
    idleSince: new Date(now.getTime() - loadConfig().sessions.idleTimeoutSeconds * 1000),
  });
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Console users"
          description={`${users.length} ${users.length === 1 ? 'person' : 'people'} can sign in to this console.`}
        />
        <ul className="divide-y divide-border">
          {users.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  <span className="truncate" title={u.email}>
                    {u.name ? `${u.name} · ${u.email}` : u.email}
                  </span>
                  {u.id === actor.id ? <Badge>You</Badge> : null}
                  <Badge tone={u.role === 'auditor' ? 'neutral' : 'accent'}>
                    {roleLabels[u.role]}
                  </Badge>
                  {u.status === 'disabled' ? <Badge tone="danger">Disabled</Badge> : null}
                </p>
                <p className="mt-0.5 text-xs text-fg-muted">
                  {[
                    u.hasPassword ? 'Password' : null,
                    u.hasSso
                      ? u.roleFromSso
                        ? 'Single sign-on (role from claim)'
                        : 'Single sign-on'
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || 'No sign-in method yet'}
                  {' · '}
                  {u.lastSignInAt ? (
                    <time
                      dateTime={u.lastSignInAt.toISOString()}
                      title={formatDateTime(u.lastSignInAt)}
                    >
                      signed in {timeAgo(u.lastSignInAt)}
                    </time>
                  ) : (
                    'never signed in'
                  )}
                  {' · '}
                  {sessionCount(liveSessions.get(u.id) ?? 0)}
                </p>
              </div>
              {manage && u.id !== actor.id ? (
                <UserActions
                  user={{
                    id: u.id,
                    email: u.email,
                    role: u.role,
                    status: u.status,
                    liveSessions: liveSessions.get(u.id) ?? 0,
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      {manage ? (
        <Card>
          <CardHeader
            title="Add a console user"
            description="Owners add admins, auditors and other owners."
          />
          <AddUserForm ssoEnabled={loadConfig().oidc !== null} />
        </Card>
      ) : null}
      <Card>
        <CardHeader title="Roles" />
        <dl className="divide-y divide-border text-sm">
          {consoleRoles.map((role) => (
            <div key={role} className="grid gap-1 px-5 py-3 sm:grid-cols-4">
              <dt className="font-medium">{roleLabels[role]}</dt>
              <dd className="text-fg-muted sm:col-span-3">{roleDescriptions[role]}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
