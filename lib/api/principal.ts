import { getDb } from '@/db/client';
import { touchAdminApiToken } from '@/db/queries/api-tokens';
import { findLiveAdminApiToken } from '@/lib/api-tokens/store';
import { getSessionState } from '@/db/queries/console-sessions';
import { getConsoleUser } from '@/db/queries/console-users';
import { findSourceByApiKeyHash } from '@/db/queries/sources';
import { auth } from '@/lib/auth/auth';
import { sessionExpiry } from '@/lib/auth/server-sessions';
import { loadConfig } from '@/lib/config/env';
import type { ConsoleRole } from '@/lib/constants';
import { hashCredential } from '@/lib/crypto/tokens';

/** Who is calling the API, and for which org. */
export type ApiPrincipal =
  | { kind: 'admin_token'; orgId: string; role: ConsoleRole; id: string; label: string }
  | {
      kind: 'console';
      orgId: string;
      role: ConsoleRole;
      id: string;
      label: string;
      /** the console_sessions row of the cookie */
      sessionId?: string;
    }
  | { kind: 'source'; orgId: string; id: string; label: string };

function bearer(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * An admin API token (`hub_…`), a source API key (`hubsrc_…`) or the console session cookie, in
 * that order. A bearer credential that does not verify is never retried as a cookie.
 */
export async function resolvePrincipal(request: Request): Promise<ApiPrincipal | null> {
  const db = getDb();
  const token = bearer(request);
  if (token?.startsWith('hubsrc_')) {
    const source = await findSourceByApiKeyHash(db, hashCredential(token));
    return source
      ? { kind: 'source', orgId: source.orgId, id: source.id, label: `source ${source.name}` }
      : null;
  }
  if (token) {
    const found = await findLiveAdminApiToken(db, token);
    if (!found) return null;
    await touchAdminApiToken(db, found.orgId, found.id);
    return {
      kind: 'admin_token',
      orgId: found.orgId,
      role: found.role,
      id: found.id,
      label: `API token ${found.name}`,
    };
  }
  // Only a request that carries a session cookie can be a console user; don't decode otherwise.
  if (
    !/(^|;\s*)(__Secure-)?authjs\.session-token(\.\d+)?=/.test(request.headers.get('cookie') ?? '')
  )
    return null;
  const signedIn = await auth();
  const session = signedIn?.hub;
  if (session?.kind !== 'console') return null;
  const user = await getConsoleUser(db, session.orgId, session.userId);
  if (!user || user.status !== 'active' || user.passwordIsTemporary) return null;
  return {
    kind: 'console',
    orgId: user.orgId,
    role: user.role,
    id: user.id,
    label: user.email,
    sessionId: signedIn?.sessionId,
  };
}

/**
 * Whether the credential a long-lived answer (the revocation stream) was opened with still stands:
 * a revoked or expired token or key, a disabled source, a removed or disabled user, an ended,
 * idle or too old console session end it.
 */
export async function principalIsLive(principal: ApiPrincipal, request: Request): Promise<boolean> {
  const db = getDb();
  const token = bearer(request);
  switch (principal.kind) {
    case 'source':
      return (
        !!token && (await findSourceByApiKeyHash(db, hashCredential(token)))?.id === principal.id
      );
    case 'admin_token':
      return !!token && (await findLiveAdminApiToken(db, token))?.id === principal.id;
    case 'console': {
      const user = await getConsoleUser(db, principal.orgId, principal.id);
      if (!user || user.status !== 'active' || user.passwordIsTemporary) return false;
      // read only: an open stream must not keep its session from going idle
      const session = principal.sessionId
        ? await getSessionState(db, principal.orgId, principal.sessionId)
        : null;
      return !!session && !session.endedAt && !sessionExpiry(session, loadConfig().sessions);
    }
  }
}
