import type { Executor } from '@/db/client';
import { findLiveAdminApiTokenByHash, insertAdminApiTokenRow } from '@/db/queries/api-tokens';
import { credentialPrefix, hashCredential } from '@/lib/crypto/tokens';

/** Admin API tokens by their secret: only its hash and prefix are stored (db/queries/api-tokens). */

type NewToken = Omit<Parameters<typeof insertAdminApiTokenRow>[2], 'tokenHash' | 'prefix'> & {
  token: string;
};

export function insertAdminApiToken(db: Executor, orgId: string, input: NewToken) {
  const { token, ...rest } = input;
  return insertAdminApiTokenRow(db, orgId, {
    ...rest,
    tokenHash: hashCredential(token),
    prefix: credentialPrefix(token),
  });
}

/** The org and role of a presented token, if it is live. */
export function findLiveAdminApiToken(db: Executor, token: string) {
  return findLiveAdminApiTokenByHash(db, hashCredential(token));
}
