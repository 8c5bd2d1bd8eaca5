'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { serverAction } from '@/lib/auth/action';
import { ExpectedError } from '@/lib/errors';
import { revokeConsent } from '@/lib/grants/revoke-consent';
import { revokeSubject } from '@/lib/grants/revoke-subject';
import { requiredReason } from '@/lib/grants/schemas';

export type RevocationOutcome = {
  state: string;
  scopes: string[];
  removed: string[];
  entries: { seq: string; kind: string }[];
};

const revokeConsentSchema = z.object({
  consentId: z.string().max(100),
  reason: requiredReason,
  /** 'all' revokes the consent; 'some' removes the checked `scopes` */
  mode: z.enum(['all', 'some']),
  scopes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

export const revokeConsentAction = serverAction(
  { as: 'console', permission: 'write', schema: revokeConsentSchema },
  async (input, { auditActor }) => {
    if (input.mode === 'some' && input.scopes.length === 0) {
      throw new ExpectedError('invalid', 'Choose at least one permission to remove.');
    }
    const { consent, removed, entries } = await revokeConsent(getDb(), auditActor, {
      consentId: input.consentId,
      reason: input.reason,
      scopes: input.mode === 'all' ? null : input.scopes,
    });
    revalidatePath('/consents', 'layout');
    revalidatePath('/tokens', 'layout');
    const outcome: RevocationOutcome = {
      state: consent.state,
      scopes: consent.scopes,
      removed,
      entries: entries.map((e) => ({ seq: e.seq.toString(), kind: e.kind })),
    };
    return {
      ok: true,
      data: outcome,
      message:
        consent.state === 'revoked'
          ? 'The consent is revoked.'
          : `Removed ${removed.length === 1 ? 'one permission' : `${removed.length} permissions`}.`,
    };
  },
);

const revokeSubjectSchema = z.object({
  issuer: z.string().min(1).max(2048),
  sub: z.string().min(1).max(1024),
  reason: requiredReason,
});

/** Everything of one end user: their consents, and a `subject` entry for every token of theirs. */
export const revokeSubjectAction = serverAction(
  { as: 'console', permission: 'write', schema: revokeSubjectSchema },
  async (input, { auditActor }) => {
    const { consentsRevoked, entries } = await revokeSubject(getDb(), auditActor, input);
    revalidatePath('/consents', 'layout');
    revalidatePath('/tokens', 'layout');
    const outcome: RevocationOutcome = {
      state: 'revoked',
      scopes: [],
      removed: [],
      entries: entries.map((e) => ({ seq: e.seq.toString(), kind: e.kind })),
    };
    return {
      ok: true,
      data: outcome,
      message: `Revoked ${consentsRevoked === 1 ? 'one consent' : `${consentsRevoked} consents`}; every server now refuses this person's tokens.`,
    };
  },
);
