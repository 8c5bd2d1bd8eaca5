import type { HubReporter } from './reporter.js';
import type { RevocationSet } from './revocation-set.js';
import type { AuthInfo, OAuthTokenVerifier, RejectCause, TokenIdentity } from './types.js';

/** A verified token: what the SDK hands to tools, and what the kit checks against revocations. */
export type VerifiedToken = { authInfo: AuthInfo; identity: TokenIdentity };

/** The operator's verification: resolves a valid token, throws a TokenRejection otherwise. */
export type VerifyToken = (token: string) => Promise<VerifiedToken>;

/**
 * A refused token; `reason` is the cause the `token.rejected` report says. Answered 401
 * `invalid_token` (its `errorCode`, as the SDKs' own `InvalidTokenError` has it).
 */
export class TokenRejection extends Error {
  readonly errorCode = 'invalid_token';
  constructor(
    readonly reason: RejectCause,
    message: string,
    readonly identity: TokenIdentity = {},
  ) {
    super(message);
    this.name = 'TokenRejection';
  }
}

/** The kit's identity of a verified token, kept on `AuthInfo.extra.hub` for tool handlers. */
export function identityOf(authInfo: AuthInfo | undefined): TokenIdentity | undefined {
  return authInfo?.extra?.hub as TokenIdentity | undefined;
}

/**
 * An OAuthTokenVerifier (the kit's `bearerAuth()` uses it; so can an SDK's `requireBearerAuth`):
 * the operator's verification first, then the local revocation set. Any refusal is a
 * TokenRejection, answered 401 `WWW-Authenticate: Bearer error="invalid_token"` (with
 * `resource_metadata`), and is reported to the hub as `token.rejected`.
 */
export function revocationAwareVerifier(options: {
  verify: VerifyToken;
  revocations: RevocationSet;
  reporter?: HubReporter;
}): OAuthTokenVerifier {
  const { verify, revocations, reporter } = options;
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      let verified: VerifiedToken;
      try {
        verified = await verify(token);
      } catch (err) {
        const rejection =
          err instanceof TokenRejection
            ? err
            : new TokenRejection('bad_signature', 'The access token could not be verified');
        reporter?.tokenRejected({
          cause: rejection.reason,
          token_ref: rejection.identity.tokenRef,
          client_id: rejection.identity.clientId,
        });
        throw rejection;
      }
      const { authInfo, identity } = verified;
      const entry = revocations.match(identity);
      if (entry) {
        reporter?.tokenRejected({
          cause: 'revoked',
          token_ref: identity.tokenRef,
          client_id: identity.clientId ?? authInfo.clientId,
        });
        throw new TokenRejection('revoked', 'The access token has been revoked', identity);
      }
      return { ...authInfo, extra: { ...authInfo.extra, hub: identity } };
    },
  };
}
