import { z } from 'zod';

/** What a server asks about one token: any of its identifiers (shared/spec/revocation.md). */
export const checkBody = z
  .object({
    token_ref: z.string().min(1).max(512).optional(),
    family_id: z.string().min(1).max(512).optional(),
    issuer: z.string().min(1).max(2048).optional(),
    client_id: z.string().min(1).max(512).optional(),
    sub: z.string().min(1).max(512).optional(),
    /** compatible extension: when the token was issued, to honour a reinstatement's not_before */
    issued_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine(
    (v) => v.token_ref || v.family_id || (v.issuer && (v.client_id || v.sub)),
    'Name a token_ref, a family_id, or an issuer with a client_id and/or a sub.',
  );
export type CheckInput = z.infer<typeof checkBody>;

/*
 * Which entry refuses the token is decided in SQL, by findRefusingEntry (db/queries/refusals.ts):
 * the same definition every read of tokens, consents and agents uses for `refused_by`.
 */
