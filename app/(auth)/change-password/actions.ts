'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { serverAction } from '@/lib/auth/action';
import { MIN_ADMIN_PASSWORD_LENGTH } from '@/lib/config/env';
import { changeOwnPassword } from '@/lib/users/change-password';

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

export const changePasswordAction = serverAction(
  { as: 'console', permission: 'read', schema: changePasswordSchema, allowTemporaryPassword: true },
  async (input, { auditActor, sessionId }) => {
    const result = await changeOwnPassword(getDb(), auditActor, { ...input, sessionId });
    if (!result.ok) {
      return {
        ok: false,
        error: result.error,
        fieldErrors: { [result.field]: [result.error] },
      };
    }
    redirect('/');
  },
);
