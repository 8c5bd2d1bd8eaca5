'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { removeMyPermission, revokeAgentForMe } from '@/lib/account/revoke';
import { serverAction } from '@/lib/auth/action';
import { isUuid } from '@/db/queries/ids';

// The page's forms carry only hidden fields: input it did not send is a broken link.
const invalidMessage = 'This link is not valid.';
const id = z.string().refine(isUuid, invalidMessage);

export const revokeAgentAction = serverAction(
  { as: 'end_user', schema: z.object({ agentId: id }), invalidMessage },
  async ({ agentId }, { user, ip, userAgent }) => {
    const { consents } = await revokeAgentForMe(getDb(), user, agentId, { ip, userAgent });
    revalidatePath('/account');
    return { ok: true, data: { consents: consents.length } };
  },
);

export const removePermissionAction = serverAction(
  {
    as: 'end_user',
    schema: z.object({ consentId: id, scope: z.string().min(1).max(500) }),
    invalidMessage,
  },
  async (input, { user, ip, userAgent }) => {
    const { consent } = await removeMyPermission(getDb(), user, input, { ip, userAgent });
    revalidatePath('/account');
    return { ok: true, data: { state: consent.state } };
  },
);
