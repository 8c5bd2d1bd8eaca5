/** A revocation entry as the hub's feed, stream and push carry it (shared/spec/revocation.md). */
export type RevocationEntry = {
  seq: string;
  kind: 'token' | 'family' | 'grant' | 'agent' | 'subject';
  token_ref?: string;
  family_id?: string;
  issuer?: string;
  client_id?: string;
  sub?: string;
  revoked_at: string;
  not_before?: string;
  reason?: string | null;
  actor?: { type: string; id: string | null };
};

/** What the kit needs to know about a verified access token to decide whether it is revoked. */
export type TokenIdentity = {
  /** the token's stable reference: its `jti`, or the base64url SHA-256 of its value */
  tokenRef?: string;
  familyId?: string;
  issuer?: string;
  clientId?: string;
  sub?: string;
  /** when the token was issued; unknown means a reinstated grant/agent/subject still refuses it */
  issuedAt?: Date;
  scopes?: string[];
};

/** Why a token was refused, as the `token.rejected` event names it. */
export type RejectCause =
  'expired' | 'bad_signature' | 'wrong_audience' | 'unknown_issuer' | 'revoked' | 'missing';

export type KitLogger = { warn: (message: string, error?: unknown) => void };

export const consoleLogger: KitLogger = {
  warn: (message, error) =>
    console.warn(`[mcp-kit] ${message}${error ? `: ${(error as Error).message ?? error}` : ''}`),
};

/**
 * A verified token as MCP SDKs hand it to tools: the shape of `AuthInfo` in
 * `@modelcontextprotocol/sdk` (1.x, `extra.authInfo`) and `@modelcontextprotocol/server` (2.x,
 * `ctx.http.authInfo`), so the kit needs neither.
 */
export type AuthInfo = {
  token: string;
  clientId: string;
  scopes: string[];
  /** seconds since the epoch */
  expiresAt?: number;
  resource?: URL;
  extra?: Record<string, unknown>;
};

/** The verifier both SDKs' `requireBearerAuth` take, should a server use theirs. */
export type OAuthTokenVerifier = { verifyAccessToken: (token: string) => Promise<AuthInfo> };
