'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { reasonField } from '@/lib/auth/action-fields';
import { serverAction } from '@/lib/auth/action';
import { consoleRoles } from '@/lib/constants';
import {
  addConsoleUser,
  changeConsoleUserRole,
  endConsoleUserSessions,
  removeConsoleUser,
  setConsoleUserStatus,
} from '@/lib/users/manage-users';

const reason = reasonField;
const userId = z.uuid('Unknown user.');

const addUserSchema = z.object({
  email: z.email('Enter an email address.').max(320),
  name: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  role: z.enum(consoleRoles, 'Choose a role.'),
  method: z.enum(['password', 'sso'], 'Choose how they sign in.'),
});

export const addConsoleUserAction = serverAction(
  { as: 'console', permission: 'manage_users', schema: addUserSchema },
  async (input, { auditActor }) => {
    const { user, password } = await addConsoleUser(getDb(), auditActor, input);
    revalidatePath('/settings/users');
    return {
      ok: true,
      data: { email: user.email, password },
      message: password
        ? `${user.email} was added. Give them this one-time password; they choose their own at first sign-in.`
        : `${user.email} was added and can sign in with single sign-on.`,
    };
  },
);

export const changeUserRoleAction = serverAction(
  {
    as: 'console',
    permission: 'manage_users',
    schema: z.object({ userId, role: z.enum(consoleRoles), reason }),
  },
  async (input, { auditActor }) => {
    await changeConsoleUserRole(getDb(), auditActor, input);
    revalidatePath('/settings/users');
    return { ok: true, data: undefined, message: `Role changed to ${input.role}.` };
  },
);

export const setUserStatusAction = serverAction(
  {
    as: 'console',
    permission: 'manage_users',
    schema: z.object({ userId, status: z.enum(['active', 'disabled']), reason }),
  },
  async (input, { auditActor }) => {
    await setConsoleUserStatus(getDb(), auditActor, input);
    revalidatePath('/settings/users');
    return {
      ok: true,
      data: undefined,
      message: input.status === 'disabled' ? 'User disabled.' : 'User enabled.',
    };
  },
);

export const removeUserAction = serverAction(
  { as: 'console', permission: 'manage_users', schema: z.object({ userId, reason }) },
  async (input, { auditActor }) => {
    await removeConsoleUser(getDb(), auditActor, input);
    revalidatePath('/settings/users');
    return { ok: true, data: undefined, message: 'User removed.' };
  },
);

export const endUserSessionsAction = serverAction(
  { as: 'console', permission: 'manage_users', schema: z.object({ userId, reason }) },
  async (input, { auditActor }) => {
    const ended = await endConsoleUserSessions(getDb(), auditActor, input);
    revalidatePath('/settings/users');
    return {
      ok: true,
      data: undefined,
      message:
        ended === 0
          ? 'They had no open sessions.'
          : `Ended ${ended} ${ended === 1 ? 'session' : 'sessions'}; they must sign in again.`,
    };
  },
);
