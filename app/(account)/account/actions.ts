'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { removeMyPermission, revokeAgentForMe } from '@/lib/account/revoke';
import { endUserAction } from '@/lib/auth/end-user-action';
import { isUuid } from '@/db/queries/ids';

const id = z.string().refine(isUuid, 'This link is not valid.');

export const revokeAgentAction = endUserAction(
  z.object({ agentId: id }),
  async ({ agentId }, { user, ip, userAgent }) => {
    const { consents } = await revokeAgentForMe(getDb(), user, agentId, { ip, userAgent });
    revalidatePath('/account');
    return { ok: true, data: { consents: consents.length } };
  },
);

export const removePermissionAction = endUserAction(
  z.object({ consentId: id, scope: z.string().min(1).max(500) }),
  async (input, { user, ip, userAgent }) => {
    const { consent } = await removeMyPermission(getDb(), user, input, { ip, userAgent });
    revalidatePath('/account');
    return { ok: true, data: { state: consent.state } };
  },
);
