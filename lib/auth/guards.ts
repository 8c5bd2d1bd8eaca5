import 'server-only';
import { headers } from 'next/headers';
import { redirect, forbidden as nextForbidden } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { getConsoleUser, type ConsoleUserView } from '@/db/queries/console-users';
import { auth } from './auth';
import { can, type Permission } from './roles';
import type { HubSession } from './session';

export type ConsoleActor = ConsoleUserView;

// auth() checks the session's row (lib/auth/server-sessions.ts): ended, idle or too old is null.
const readAuth = cache(async () => {
  const session = await auth();
  return session?.hub ? { hub: session.hub, sessionId: session.sessionId ?? null } : null;
});

export const getSession = cache(async (): Promise<HubSession | null> => {
  return (await readAuth())?.hub ?? null;
});

/** The id of the session this request came with (the "this device" of Settings → Sessions). */
export const getSessionId = cache(async (): Promise<string | null> => {
  return (await readAuth())?.sessionId ?? null;
});

/** The signed-in console user as the database has them now (a disabled user is signed out). */
export const getConsoleActor = cache(async (): Promise<ConsoleActor | null> => {
  const session = await getSession();
  if (session?.kind !== 'console') return null;
  const user = await getConsoleUser(getDb(), session.orgId, session.userId);
  return user && user.status === 'active' ? user : null;
});

async function currentPath(): Promise<string> {
  return (await headers()).get('x-hub-path') ?? '/';
}

/**
 * The guard of every console page. Signed-out visitors go to sign-in, end users to their own
 * page, a role without the permission gets 403.
 */
export async function requireConsole(
  permission: Permission = 'read',
  options: { allowTemporaryPassword?: boolean } = {},
): Promise<ConsoleActor> {
  const session = await getSession();
  if (session?.kind === 'end_user') redirect('/account');
  const actor = await getConsoleActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(await currentPath())}`);
  if (actor.passwordIsTemporary && !options.allowTemporaryPassword) redirect('/change-password');
  if (!can(actor.role, permission)) nextForbidden();
  return actor;
}

/** The guard of the end user's page: an end-user session, never a console one. */
export async function requireEndUser(): Promise<Extract<HubSession, { kind: 'end_user' }>> {
  const session = await getSession();
  if (session?.kind === 'end_user') return session;
  if (session?.kind === 'console') redirect('/');
  redirect(`/login?callbackUrl=${encodeURIComponent('/account')}`);
}
