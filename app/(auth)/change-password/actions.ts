'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/db/queries/audit';
import { getPasswordHash, updateConsoleUser } from '@/db/queries/console-users';
import { protectedAction } from '@/lib/auth/protected-action';
import { ExpectedError } from '@/lib/errors';
import { MIN_ADMIN_PASSWORD_LENGTH } from '@/lib/config/env';
import { hashPassword, verifyPassword } from '@/lib/crypto/password';

const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
    newPassword: z
      .string()
      .min(MIN_ADMIN_PASSWORD_LENGTH, `Use at least ${MIN_ADMIN_PASSWORD_LENGTH} characters.`)
      .max(1024),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords differ.',
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  });

export const changePasswordAction = protectedAction(
  { permission: 'read', schema: changePasswordSchema, allowTemporaryPassword: true },
  async (input, { actor, ip, userAgent }) => {
    const db = getDb();
    const stored = await getPasswordHash(db, actor.orgId, actor.id);
    if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
      throw new ExpectedError('Your current password is not correct.');
    }
    const passwordHash = await hashPassword(input.newPassword);
    await db.transaction(async (tx) => {
      await updateConsoleUser(tx, actor.orgId, actor.id, {
        passwordHash,
        passwordIsTemporary: false,
      });
      await insertAuditEvent(tx, actor.orgId, {
        type: 'user.password_changed',
        actorType: 'admin',
        actorId: actor.id,
        actorLabel: actor.email,
        ip,
        userAgent,
        summary: `${actor.email} changed their password`,
      });
    });
    redirect('/');
  },
);
