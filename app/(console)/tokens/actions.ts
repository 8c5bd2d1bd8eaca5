'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { serverAction } from '@/lib/auth/action';
import { revokeToken } from '@/lib/grants/revoke-token';
import { requiredReason } from '@/lib/grants/schemas';

export type TokenRevocationOutcome = {
  state: string;
  familyId: string | null;
  entries: { seq: string; kind: string }[];
};

export const revokeTokenAction = serverAction(
  {
    as: 'console',
    permission: 'write',
    schema: z.object({
      tokenId: z.string().max(100),
      reason: requiredReason,
      family: z.enum(['true', 'false']).transform((v) => v === 'true'),
    }),
  },
  async (input, { auditActor }) => {
    const { token, entries } = await revokeToken(getDb(), auditActor, input);
    revalidatePath('/tokens', 'layout');
    revalidatePath('/consents', 'layout');
    const outcome: TokenRevocationOutcome = {
      state: token.state,
      familyId: token.familyId,
      entries: entries.map((e) => ({ seq: e.seq.toString(), kind: e.kind })),
    };
    return {
      ok: true,
      data: outcome,
      message: input.family ? 'The whole refresh family is revoked.' : 'The token is revoked.',
    };
  },
);
