'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { reasonField } from '@/lib/auth/action-fields';
import { serverAction } from '@/lib/auth/action';
import { apiTokenRoles } from '@/lib/constants';

const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it.').max(100),
  role: z.enum(apiTokenRoles, 'Choose a role.'),
  expiresInDays: z
    .enum(['30', '90', '365', 'never'], 'Choose an expiry.')
    .transform((v) => (v === 'never' ? null : Number(v))),
  // a checkbox: present when ticked
  service: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});

export const createApiTokenAction = serverAction(
  { as: 'console', permission: 'write', schema: createTokenSchema },
  async (input, { actor, auditActor }) => {
    if (input.service && actor.role !== 'owner') {
      return {
        ok: false,
        error: 'Some fields need attention.',
        fieldErrors: { service: ['Only an owner can make an org service token.'] },
      };
    }
    const { token, row } = await createApiToken(getDb(), auditActor, input);
    revalidatePath('/settings/api-tokens');
    return { ok: true, data: { token, name: row.name }, message: `Token “${row.name}” created.` };
  },
);

export const revokeApiTokenAction = serverAction(
  {
    as: 'console',
    permission: 'write',
    schema: z.object({
      tokenId: z.uuid(),
      reason: reasonField,
    }),
  },
  async (input, { auditActor }) => {
    await revokeApiToken(getDb(), auditActor, input);
    revalidatePath('/settings/api-tokens');
    return { ok: true, data: undefined, message: 'Token revoked.' };
  },
);
